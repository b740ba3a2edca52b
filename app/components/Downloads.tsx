// Download links of a table: CSV and XLSX of the same endpoint, headers in the page's language.
import { useT } from '~/i18n/use'

export function Downloads({ href, note }: { href: string; note?: string }) {
  const t = useT()
  const sep = href.includes('?') ? '&' : '?'
  const lang = href.includes('lang=') ? '' : `&lang=${t.lang}`
  return (
    <span className="export">
      {t.download}
      {note ? ` ${note}` : ''}: <a href={`${href}${sep}format=csv${lang}`}>CSV</a> · <a href={`${href}${sep}format=xlsx${lang}`}>XLSX</a>
    </span>
  )
}
