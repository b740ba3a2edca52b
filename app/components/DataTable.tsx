// The one table of the dashboard: a caption, columns (numbers right-aligned, the row's name as
// its header cell), an empty state, and a scroll region that keyboard users can focus (the page
// itself never scrolls sideways; the table does, inside its card).
import type { ReactNode } from 'react'

export interface Column<R> {
  key: string
  head: ReactNode
  cell: (r: R, i: number) => ReactNode
  num?: boolean
  /** The cell that names the row (a <th scope="row">). */
  rowHeader?: boolean
  /** Dropped at phone width (secondary figures). */
  narrowHide?: boolean
  className?: string
}

export function DataTable<R>({
  label,
  caption,
  columns,
  rows,
  rowKey,
  empty,
  foot,
  rowClass,
}: {
  /** The table's accessible name (also the focusable region's). */
  label: string
  /** A visible caption; else the label is a screen-reader caption. */
  caption?: ReactNode
  columns: Array<Column<R>>
  rows: readonly R[]
  rowKey: (r: R, i: number) => string
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode
  foot?: ReactNode
  rowClass?: (r: R) => string | undefined
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="empty">{empty}</p>
  const cls = (c: Column<R>) => [c.num ? 'num' : '', c.narrowHide ? 'narrow-hide' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>
        <caption className={caption ? undefined : 'sr-only'}>{caption ?? label}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cls(c)}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} className={rowClass?.(r)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={cls(c)}>
                    {c.cell(r, i)}
                  </th>
                ) : (
                  <td key={c.key} className={cls(c)}>
                    {c.cell(r, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  )
}
