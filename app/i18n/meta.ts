// The page's <title> in the page's language (the root loader says which).
import type { MetaFunction } from '@remix-run/node'

/** The language the root loader chose for this request ('vi' unless it says 'en'). */
export function metaLang(matches: ReadonlyArray<{ id: string; data?: unknown }>): 'vi' | 'en' {
  return (matches.find((m) => m.id === 'root')?.data as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'vi'
}

/** A route's `meta`: its title in Vietnamese or English. */
export const titled =
  (vi: string, en: string): MetaFunction =>
  ({ matches }) => [{ title: `${metaLang(matches) === 'en' ? en : vi} · egov-pulse` }]
