// The ranking table of one level's units (dossier figures, partial index, band, rank movement
// against the earlier period), each unit linking to its drill-down page for the same filters.
import { Link } from '@remix-run/react'
import { useT } from '~/i18n/use'
import { bandClass } from './format'
import { DataTable, type Column } from './DataTable'
import { Downloads } from './Downloads'

export interface UnitRow {
  code: string
  name: string | null
  received: number
  resolved: number
  on_time_rate: number | null
  pending: number
  overdue: number
  online_rate: number | null
  paid_online_rate: number | null
  digitized_rate: number | null
  index: number
  rank: number | null
  band: string | null
  rank_previous?: number | null
}

export const LEVEL_VI = { province: 'Tỉnh, thành phố', ministry: 'Bộ, ngành' } as const

export const unitHref = (level: 'province' | 'ministry', code: string, q: string) => `/don-vi/${level}/${encodeURIComponent(code)}?${q}`

/** ▲2 / ▼3 / = / new: a unit's rank against its rank in the earlier period (a smaller rank is better). */
export function RankMove({ rank, before }: { rank: number | null; before: number | null | undefined }) {
  const t = useT()
  if (before === undefined || rank === null) return <span className="muted">—</span>
  if (before === null) return <span className="move neutral">{t.rankNew}</span>
  const d = before - rank
  if (d === 0) return <span className="move neutral" title={t.rankSame}>= <span className="sr-only">{t.rankSame}</span></span>
  return (
    <span className={d > 0 ? 'move good' : 'move bad'}>
      <span aria-hidden="true">{d > 0 ? '▲' : '▼'}</span>
      {Math.abs(d)}
      <span className="sr-only"> {d > 0 ? t.rankUp(d) : t.rankDown(-d)}</span>
    </span>
  )
}

export function unitColumns<R extends UnitRow>(t: ReturnType<typeof useT>, opts: { nameHead: string; link?: (r: R) => string | null; compare: boolean; code?: boolean }): Array<Column<R>> {
  const cols: Array<Column<R>> = [{ key: 'rank', head: t.col.rank, num: true, cell: (u) => u.rank ?? '—' }]
  if (opts.compare) cols.push({ key: 'move', head: t.col.movement, cell: (u) => <RankMove rank={u.rank} before={u.rank_previous} />, narrowHide: true })
  cols.push({
    key: 'name',
    head: opts.nameHead,
    rowHeader: true,
    className: 'wrap-name',
    cell: (u) => {
      const href = opts.link?.(u)
      const text = u.name ?? u.code
      return (
        <>
          {href ? <Link to={href}>{text}</Link> : text}
          {opts.code ? <span className="code"> {u.code}</span> : null}
        </>
      )
    },
  })
  const none = (u: UnitRow) => u.resolved + u.received === 0
  cols.push(
    { key: 'received', head: t.col.received, num: true, cell: (u) => t.int(u.received) },
    { key: 'resolved', head: t.col.resolved, num: true, cell: (u) => t.int(u.resolved), narrowHide: true },
    { key: 'on_time_rate', head: t.col.on_time_rate, num: true, cell: (u) => t.pct(u.on_time_rate) },
    { key: 'pending', head: t.col.pending, num: true, cell: (u) => t.int(u.pending), narrowHide: true },
    { key: 'overdue', head: t.col.overdue, num: true, cell: (u) => t.int(u.overdue) },
    { key: 'online_rate', head: t.col.online_rate, num: true, cell: (u) => t.pct(u.online_rate), narrowHide: true },
    { key: 'paid_online_rate', head: t.col.paid_online_rate, num: true, cell: (u) => t.pct(u.paid_online_rate), narrowHide: true },
    { key: 'digitized_rate', head: t.col.digitized_rate, num: true, cell: (u) => t.pct(u.digitized_rate), narrowHide: true },
    { key: 'index', head: t.col.index, num: true, cell: (u) => (none(u) ? '—' : t.dec(u.index)) },
    { key: 'band', head: t.col.band, narrowHide: true, cell: (u) => (none(u) || !u.band ? '—' : <span className={bandClass(u.band)}>{t.bands[u.band] ?? u.band}</span>) },
  )
  return cols
}

export function UnitTable({
  caption,
  units,
  level,
  q,
  exportHref,
  compare,
}: {
  caption: string
  units: UnitRow[]
  level: 'province' | 'ministry'
  /** The filters' query string, carried into the drill-down links. */
  q: string
  /** The export URL without its format (…&format= is added). */
  exportHref: string
  compare: boolean
}) {
  const t = useT()
  const sorted = [...units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.received - a.received || a.code.localeCompare(b.code))
  const withData = units.filter((u) => u.received + u.resolved + u.pending > 0).length
  const id = `bang-${level}`
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{caption}</h2>
        <Downloads href={exportHref} />
      </div>
      {units.length > 0 && withData === 0 ? <p className="empty">{t.emptyPeriod}</p> : null}
      <DataTable
        label={caption}
        columns={unitColumns<UnitRow>(t, { nameHead: t.levelName[level], link: (u) => unitHref(level, u.code, q), compare })}
        rows={sorted}
        rowKey={(u) => u.code}
        empty={t.emptyUnits}
      />
      <p className="footnote">{t.rankFootnote}</p>
    </section>
  )
}
