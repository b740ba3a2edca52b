// The one dictionary: dict(lang) gives every word and number/date format of a language.
import { en } from './en'
import { vi, type Dict } from './vi'

export type Lang = 'vi' | 'en'
export type { Dict }
export const dict = (lang: Lang): Dict => (lang === 'en' ? en : vi)
