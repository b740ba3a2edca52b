// Dossier figures of kpi.md, computed in ClickHouse from the per-dossier state; this module
// only adds up the per-point counts the query returns and derives rates, index and rank.
import { config } from '../config'
import type { Store } from '../db'
import { chTime, isoVn, points, type Grain, type Period, type Point } from './period'
import { avgDays, band, partialIndex, rankUnits, rate } from './scoring'
import { listUnits, type Level, type Structure, type Unit, type UnitLevel } from './units'

export interface DossierFigures {
  received: number
  resolved: number
  on_time: number
  late: number
  on_time_rate: number | null
  pending: number
  overdue: number
  closed_unresolved: number
  online_rate: number | null
  paid_online_rate: number | null
  digitized_rate: number | null
  avg_days: number | null
  index: number
}

interface Row {
  unit: string
  tag: 'r' | 'f' | 'c' | 'pa' | 'pb' | 'oa' | 'ob'
  idx: number
  n: string
  on_time: string
  dur_us: string
  dur_n: string
  online: string
  paid: string
  digitized: string
}

interface Acc {
  received: number
  online: number
  paid: number
  digitized: number
  resolved: number
  on_time: number
  dur_us: bigint
  dur_n: number
  closed: number
  pa: number
  pb: number
  oa: number
  ob: number
}

const emptyAcc = (): Acc => ({ received: 0, online: 0, paid: 0, digitized: 0, resolved: 0, on_time: 0, dur_us: 0n, dur_n: 0, closed: 0, pa: 0, pb: 0, oa: 0, ob: 0 })

function finish(a: Acc, pending: number, overdue: number): DossierFigures {
  const f = {
    received: a.received,
    resolved: a.resolved,
    on_time: a.on_time,
    late: a.resolved - a.on_time,
    on_time_rate: rate(a.on_time, a.resolved),
    pending,
    overdue,
    closed_unresolved: a.closed,
    online_rate: rate(a.online, a.received),
    paid_online_rate: rate(a.paid, a.received),
    digitized_rate: rate(a.digitized, a.received),
    avg_days: avgDays(a.dur_us, a.dur_n),
  }
  return { ...f, index: partialIndex(f, config().index) }
}

/** Figures per unit code ('' for national) and per point of the grain (one point for grain null). */
export async function figuresByUnit(
  store: Store,
  q: { level: Level; structure: Structure; unit?: string; period: Period; grain: Grain | null },
): Promise<{ points: Point[]; byUnit: Map<string, DossierFigures[]> }> {
  const pts = points(q.period, q.grain, q.period.T)
  const rows = await store.named<Row>('dossier-figures', {
    level: q.level,
    structure: q.structure,
    unit: q.unit ?? '',
    start: chTime(q.period.start),
    end: chTime(q.period.end),
    now: chTime(q.period.T),
    grain: q.grain ?? 'all',
    first: pts[0].label,
  })
  const n = pts.length
  const accs = new Map<string, Acc[]>()
  const accOf = (unit: string) => {
    let a = accs.get(unit)
    if (!a) accs.set(unit, (a = Array.from({ length: n }, emptyAcc)))
    return a
  }
  for (const r of rows) {
    const a = accOf(r.unit)[r.idx - 1]
    const count = Number(r.n)
    switch (r.tag) {
      case 'r':
        a.received += count
        a.online += Number(r.online)
        a.paid += Number(r.paid)
        a.digitized += Number(r.digitized)
        break
      case 'f':
        a.resolved += count
        a.on_time += Number(r.on_time)
        a.dur_us += BigInt(r.dur_us)
        a.dur_n += Number(r.dur_n)
        break
      case 'c':
        a.closed += count
        break
      default:
        a[r.tag] += count
    }
  }
  const byUnit = new Map<string, DossierFigures[]>()
  for (const [unit, list] of accs) {
    let pa = 0, pb = 0, oa = 0, ob = 0
    byUnit.set(
      unit,
      list.map((a) => {
        pa += a.pa; pb += a.pb; oa += a.oa; ob += a.ob
        return finish(a, pa - pb, oa - ob)
      }),
    )
  }
  return { points: pts, byUnit }
}

export const emptyFigures = (): DossierFigures => finish(emptyAcc(), 0, 0)

export async function summary(store: Store, q: { level: Level; unit: string; structure: Structure; period: Period }): Promise<DossierFigures> {
  const key = q.level === 'national' ? '' : q.unit
  const { byUnit } = await figuresByUnit(store, { ...q, unit: key, grain: null })
  return byUnit.get(key)?.[0] ?? emptyFigures()
}

export interface UnitFigures extends Unit, DossierFigures {
  rank: number | null
  band: string | null
}

export async function unitsTable(store: Store, q: { level: UnitLevel; structure: Structure; period: Period }): Promise<UnitFigures[]> {
  const [units, m] = await Promise.all([
    listUnits(store, q.level, q.structure),
    figuresByUnit(store, { ...q, grain: null }),
  ])
  const rows = units.map((u) => ({ ...u, ...(m.byUnit.get(u.code)?.[0] ?? emptyFigures()) }))
  return rankUnits(rows).map((r) => ({ ...r, band: band(r.index, config().bands)?.label ?? null }))
}

export async function trend(
  store: Store,
  q: { level: Level; unit: string; structure: Structure; period: Period; grain: Grain },
): Promise<Array<{ period: string } & DossierFigures>> {
  const key = q.level === 'national' ? '' : q.unit
  const { points: pts, byUnit } = await figuresByUnit(store, { ...q, unit: key })
  const list = byUnit.get(key)
  return pts.map((p, i) => ({ period: p.label, ...(list?.[i] ?? emptyFigures()) }))
}

export interface OverdueCase {
  dossier_code: string
  agency_code: string
  procedure_code: string
  received_at: string | null
  due_at: string | null
  days_overdue: number
}

export async function overdueCases(
  store: Store,
  q: { level: Level; unit: string; structure: Structure; period: Period; limit: number; offset: number },
): Promise<{ total: number; cases: OverdueCase[] }> {
  const params = { level: q.level, unit: q.unit, structure: q.structure, T: chTime(q.period.T) }
  const [count, rows] = await Promise.all([
    store.named<{ total: string }>('dossier-overdue-count', params),
    store.named<OverdueCase & { days_overdue: string }>('dossier-overdue', { ...params, limit: q.limit, offset: q.offset }),
  ])
  return {
    total: Number(count[0]?.total ?? 0),
    cases: rows.map((r) => ({ ...r, received_at: isoVn(r.received_at), due_at: isoVn(r.due_at), days_overdue: Number(r.days_overdue) })),
  }
}
