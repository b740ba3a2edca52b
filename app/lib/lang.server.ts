// The reader's language: `?lang=vi|en` (remembered in a cookie), else the cookie, else Vietnamese.
import type { Lang } from '~/i18n'
import { badRequest } from './http.server'

export const LANG_COOKIE = 'egp_lang'
const LANGS = ['vi', 'en'] as const

function cookieLang(request: Request): Lang | null {
  const m = new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=(vi|en)(?:;|$)`).exec(request.headers.get('cookie') ?? '')
  return m ? (m[1] as Lang) : null
}

/** The lang parameter if given (a bad one is a 400 naming it), else null. */
export function langParam(url: URL): Lang | null {
  const all = url.searchParams.getAll('lang')
  if (all.length > 1) throw badRequest('lang: given more than once')
  const v = all[0]
  if (v === undefined || v === '') return null
  if (!(LANGS as readonly string[]).includes(v)) throw badRequest('lang: must be one of vi, en')
  return v as Lang
}

/** The language a page is shown in; a bad lang on a page falls back to the cookie / Vietnamese. */
export function pageLang(request: Request): Lang {
  const v = new URL(request.url).searchParams.get('lang')
  if (v === 'vi' || v === 'en') return v
  return cookieLang(request) ?? 'vi'
}

/** The language of an export's headers: lang, else the cookie's; null = JSON field names (no language asked for). */
export function exportLang(request: Request): Lang | null {
  return langParam(new URL(request.url)) ?? cookieLang(request)
}

/** Express middleware: a request with ?lang=vi|en sets the cookie that remembers it (pages and exports). */
export function rememberLanguage(req: { url: string; headers: { cookie?: string } }, res: { append(name: string, value: string): unknown }, next: () => void): void {
  const m = /[?&]lang=(vi|en)(?:&|$)/.exec(req.url)
  if (m && !new RegExp(`(?:^|;\\s*)${LANG_COOKIE}=${m[1]}(?:;|$)`).test(req.headers.cookie ?? ''))
    res.append('Set-Cookie', `${LANG_COOKIE}=${m[1]}; Path=/; Max-Age=31536000; SameSite=Lax`)
  next()
}
