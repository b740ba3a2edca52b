// A chart rendered on the server (charts.server.ts) inside a <figure> with its caption, the wide
// drawing for screens and print and, when a phone asked, the narrow one (ADR 020), and the figures
// as a table on demand.
import type { ReactNode } from 'react'
import { useT } from '~/i18n/use'

/**
 * A server drawing (`className`: its kind), wide for screens and print and, when a phone asked, narrow as
 * well; CSS shows one of the two by width. Without the narrow one the wide is shown everywhere, scaled.
 */
export function Drawings({ wide, narrow, className }: { wide: string; narrow: string | null; className: string }) {
  if (!narrow) return <div className={className} dangerouslySetInnerHTML={{ __html: wide }} />
  return (
    <>
      <div className={`${className} chart-wide`} dangerouslySetInnerHTML={{ __html: wide }} />
      <div className={`${className} chart-narrow`} dangerouslySetInnerHTML={{ __html: narrow }} />
    </>
  )
}

export interface ChartSvgView {
  wide: string
  /** Drawn for a phone only; without it the wide drawing is shown at every width, scaled down. */
  narrow: string | null
  label: string
}

export interface ChartTable {
  head: string[]
  rows: Array<Array<string>>
  /** Columns (by index) that hold numbers: right-aligned. */
  numeric?: number[]
}

export function ChartFigure({
  chart,
  caption,
  empty,
  table,
  note,
}: {
  chart: ChartSvgView | null
  caption: ReactNode
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string
  table?: ChartTable
  note?: ReactNode
}) {
  const t = useT()
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      {chart ? (
        <Drawings wide={chart.wide} narrow={chart.narrow} className="chart-svg" />
      ) : (
        <p className="empty">{empty}</p>
      )}
      {note ? <p className="footnote">{note}</p> : null}
      {chart && table && table.rows.length > 0 ? (
        <details className="chart-data">
          <summary>{t.lang === 'en' ? 'Show the figures as a table' : 'Xem số liệu dạng bảng'}</summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  {table.head.map((h, i) => (
                    <th key={i} scope="col" className={table.numeric?.includes(i) ? 'num' : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {c}
                        </th>
                      ) : (
                        <td key={j} className={table.numeric?.includes(j) ? 'num' : undefined}>
                          {c}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  )
}

/** A small horizontal bar for a rate in a table cell, with an optional plan marker. */
export function RateBar({ rate, plan, label }: { rate: number | null; plan?: number | null; label: string }) {
  const pct = rate === null ? 0 : Math.max(0, Math.min(1, rate)) * 100
  const below = plan !== undefined && plan !== null && rate !== null && rate < plan
  return (
    <span className="ratebar" aria-hidden="true" title={label}>
      <span className={below ? 'ratebar-fill below' : 'ratebar-fill'} style={{ width: `${pct}%` }} />
      {plan !== undefined && plan !== null ? <span className="ratebar-plan" style={{ left: `${Math.min(1, plan) * 100}%` }} /> : null}
    </span>
  )
}
