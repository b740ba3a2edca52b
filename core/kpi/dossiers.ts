// Dossier figures of kpi.md, computed in ClickHouse from the per-dossier state; this module
// only adds up the per-point counts the query returns and derives rates, index and rank.
import { config } from '../config'
import type { Store } from '../db'
import { atT, chTime, isoVn, points, type Grain, type Period, type Point } from './period'
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
  unit_code: string
  idx: number
  received: string
  online: string
  paid: string
  digitized: string
  resolved: string
  on_time: string
  dur_us: string
  dur_n: string
  closed: string
  pending_d: string
  overdue_d: string
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
  pending_d: number
  overdue_d: number
}

const emptyAcc = (): Acc => ({ received: 0, online: 0, paid: 0, digitized: 0, resolved: 0, on_time: 0, dur_us: 0n, dur_n: 0, closed: 0, pending_d: 0, overdue_d: 0 })

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

/**
 * Figures per unit code ('' for national), or per agency / procedure of one unit with `by`, and per
 * point of the grain (one point for grain null),
 * from the per-(agency, day) aggregates (ADR 011). Period counts are sums over each point's days.
 * An at-T count at a point whose T is the end of a day is the sum of every change filed up to that
 * day; at T = now (inside today) it is the sum filed before today plus today's changes by now.
 */
export async function figuresByUnit(
  store: Store,
  q: { level: Level; structure: Structure; unit?: string; period: Period; grain: Grain | null; by?: 'unit' | 'agency' | 'procedure' },
): Promise<{ points: Point[]; byUnit: Map<string, DossierFigures[]> }> {
  const pts = points(q.period, q.grain, q.period.T)
  const { now, today, cutoff } = atT(q.period)
  const by = q.by ?? 'unit'
  const tables = by === 'procedure' ? { day_table: 'dossier_proc_day', month_table: 'dossier_proc_month' } : { day_table: 'dossier_day', month_table: 'dossier_month' }
  const base = { level: q.level, structure: q.structure, unit: q.unit ?? '', by, ...tables }
  // one query: the period's rows (part 'p'), the at-T counts before it ('b') and today's by now ('n')
  const all = await store.named<Row & { part: 'p' | 'b' | 'n' }>('dossier-figures', {
    ...base,
    first_day: q.period.from,
    last_day: q.period.to,
    today,
    grain: q.grain ?? 'all',
    first: pts[0].label,
    cutoff,
    has_now: now ? 1 : 0,
    now: chTime(now ?? q.period.T),
  })
  const n = pts.length
  const accs = new Map<string, Acc[]>()
  const accOf = (unit: string) => {
    let a = accs.get(unit)
    if (!a) accs.set(unit, (a = Array.from({ length: n }, emptyAcc)))
    return a
  }
  const startAt = new Map<string, { p: number; o: number }>()
  const todayBy = new Map<string, { p: number; o: number }>()
  for (const r of all) {
    if (r.part !== 'p') {
      // one row per unit in each of these parts
      ;(r.part === 'b' ? startAt : todayBy).set(r.unit_code, { p: Number(r.pending_d), o: Number(r.overdue_d) })
      accOf(r.unit_code)
      continue
    }
    const a = accOf(r.unit_code)[r.idx - 1]
    a.received += Number(r.received)
    a.online += Number(r.online)
    a.paid += Number(r.paid)
    a.digitized += Number(r.digitized)
    a.resolved += Number(r.resolved)
    a.on_time += Number(r.on_time)
    a.dur_us += BigInt(r.dur_us)
    a.dur_n += Number(r.dur_n)
    a.closed += Number(r.closed)
    a.pending_d += Number(r.pending_d)
    a.overdue_d += Number(r.overdue_d)
  }
  const byUnit = new Map<string, DossierFigures[]>()
  for (const [unit, list] of accs) {
    const s0 = startAt.get(unit) ?? { p: 0, o: 0 }
    const t0 = todayBy.get(unit) ?? { p: 0, o: 0 }
    const allBeforeToday = list.reduce((s, a) => ({ p: s.p + a.pending_d, o: s.o + a.overdue_d }), { p: 0, o: 0 })
    let p = s0.p
    let o = s0.o
    byUnit.set(
      unit,
      list.map((a, i) => {
        p += a.pending_d
        o += a.overdue_d
        if (pts[i].T.getTime() < pts[i].end.getTime()) {
          // T = now: everything filed before today, and today's changes by now
          return finish(a, s0.p + allBeforeToday.p + t0.p, s0.o + allBeforeToday.o + t0.o)
        }
        return finish(a, p, o)
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
  // The total is the figure `overdue` itself (one definition); the page lists those dossiers.
  const [figures, rows] = await Promise.all([
    summary(store, q),
    store.named<OverdueCase & { days_overdue: string }>('dossier-overdue', { ...params, limit: q.limit, offset: q.offset }),
  ])
  return {
    total: figures.overdue,
    cases: rows.map((r) => ({ ...r, received_at: isoVn(r.received_at), due_at: isoVn(r.due_at), days_overdue: Number(r.days_overdue) })),
  }
}

/** Each agency's figures for one unit and period (its dossiers are those it owns), from the same aggregates. */
export async function figuresByAgency(store: Store, q: { level: UnitLevel; unit: string; structure: Structure; period: Period }): Promise<Map<string, DossierFigures>> {
  const { byUnit } = await figuresByUnit(store, { ...q, grain: null, by: 'agency' })
  return new Map([...byUnit].map(([code, list]) => [code, list[0]]))
}

/** Each procedure's figures for one unit and period (the unit's dossiers with that procedure), from the per-procedure aggregates. */
export async function figuresByProcedure(store: Store, q: { level: UnitLevel; unit: string; structure: Structure; period: Period }): Promise<Map<string, DossierFigures>> {
  const { byUnit } = await figuresByUnit(store, { ...q, grain: null, by: 'procedure' })
  return new Map([...byUnit].map(([code, list]) => [code, list[0]]))
}
