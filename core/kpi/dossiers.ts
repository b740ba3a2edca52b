// Dossier figures of kpi.md, computed in ClickHouse from the per-dossier state; this module
// only adds up the per-point counts the query returns and derives rates, index and rank.
import { config } from '../config'
import type { Store } from '../db'
import { atT, chTime, isoVn, monthOf, monthsBetween, partsRead, points, today as todayLabel, wholeMonths, type Grain, type Period, type Point } from './period'
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

/**
 * A row of dossier-figures.sql: sums of one part, period and point, for agencies of one province and
 * ministry (or one agency / procedure), or of one unit of one level (`lvl`, read from the unit sums).
 */
interface Row {
  part: 'p' | 'b' | 'n' | 'k'
  per: number | string
  idx: number | string
  /** '': agencies' rows, counted in every level asked; else the one level the row counts in ('-': none) */
  lvl: '' | Level | '-'
  province_unit: string
  ministry_unit: string
  by_key: string
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

/** What the rows of one period and level add up to, per key (unit, agency or procedure). */
interface Group {
  /** per key, the sums of each point */
  accs: Map<string, Acc[]>
  /** the at-T counts at the start of the period (part 'b'), and today's changes by now (part 'n') */
  startAt: Map<string, { p: number; o: number }>
  todayBy: Map<string, { p: number; o: number }>
}

/** A row's sums as numbers (converted once, however many keys it is added to). */
function sumsOf(r: Row): Acc {
  return {
    received: Number(r.received),
    online: Number(r.online),
    paid: Number(r.paid),
    digitized: Number(r.digitized),
    resolved: Number(r.resolved),
    on_time: Number(r.on_time),
    dur_us: r.dur_us === '0' ? 0n : BigInt(r.dur_us),
    dur_n: Number(r.dur_n),
    closed: Number(r.closed),
    pending_d: Number(r.pending_d),
    overdue_d: Number(r.overdue_d),
  }
}

/** Adds the sums `x` of a row of dossier-figures.sql to a key of a group of `points` points. */
function addRow(g: Group, key: string, r: Row, x: Acc, points: number): void {
  let list = g.accs.get(key)
  if (!list) g.accs.set(key, (list = Array.from({ length: points }, emptyAcc)))
  if (r.part !== 'p') {
    const at = r.part === 'b' ? g.startAt : g.todayBy
    const y = at.get(key) ?? { p: 0, o: 0 }
    at.set(key, { p: y.p + x.pending_d, o: y.o + x.overdue_d })
    return
  }
  addSums(list[Number(r.idx) - 1], x)
}

/** a += x, field by field. */
function addSums(a: Acc, x: Acc): void {
  a.received += x.received
  a.online += x.online
  a.paid += x.paid
  a.digitized += x.digitized
  a.resolved += x.resolved
  a.on_time += x.on_time
  a.dur_us += x.dur_us
  a.dur_n += x.dur_n
  a.closed += x.closed
  a.pending_d += x.pending_d
  a.overdue_d += x.overdue_d
}

/**
 * The at-T counts (pending, overdue) at each point's T, from the counts at the start of the period,
 * each point's changes, and today's changes by now. At a T that is the end of a day: every change
 * filed up to that day; at T = now (inside today): everything filed before today and today's by now.
 */
function atTCounts(list: Acc[], pts: Point[], start: { p: number; o: number }, todayBy: { p: number; o: number }): Array<{ p: number; o: number }> {
  const allBeforeToday = list.reduce((s, a) => ({ p: s.p + a.pending_d, o: s.o + a.overdue_d }), { p: 0, o: 0 })
  let p = start.p
  let o = start.o
  return list.map((a, i) => {
    p += a.pending_d
    o += a.overdue_d
    if (pts[i].T.getTime() < pts[i].end.getTime()) return { p: start.p + allBeforeToday.p + todayBy.p, o: start.o + allBeforeToday.o + todayBy.o }
    return { p, o }
  })
}

/** The figures of a whole period from its points' sums and the at-T counts at its last point (whose T is the period's). */
function wholePeriod(list: Acc[], last: { p: number; o: number }): DossierFigures {
  const a = emptyAcc()
  for (const x of list) addSums(a, x)
  return finish(a, last.p, last.o)
}

/** The first month the aggregates hold, per store, looked up again after 10 minutes (older data may arrive). */
const firstMonths = new WeakMap<Store, { at: number; month: Promise<string | null> }>()
function firstMonth(store: Store): Promise<string | null> {
  const hit = firstMonths.get(store)
  if (hit && Date.now() - hit.at < 600_000) return hit.month
  const month = store.named<{ month: string }>('dossier-first-month').then((r) => r[0]?.month ?? null)
  month.catch(() => firstMonths.delete(store))
  firstMonths.set(store, { at: Date.now(), month })
  return month
}

/**
 * The key of one unit's rows in the unit sums (migration 020): 'province/current:79',
 * 'province/historical:79', 'ministry:000.00.00.G09'. Procedures are read for one unit.
 */
function unitSumKey(levels: Level[], structure: Structure, unit: string | undefined): string {
  const [level] = levels
  if (levels.length !== 1 || level === 'national' || !unit) throw new RangeError('procedures are read for one unit of a province or ministry')
  return level === 'province' ? `province/${structure}:${unit}` : `ministry:${unit}`
}

/**
 * Whether part 'b' of the figure query reads the at-T changes before the cutoffs as the all-time
 * totals less the months from the cutoffs on (1), or as the months before them (0): whichever
 * reads fewer months. Either gives the same figures; only the time differs.
 */
async function fromTotal(store: Store, cutoffMonths: string[]): Promise<0 | 1> {
  const first = await firstMonth(store)
  if (first === null) return 0
  const before = monthsBetween(first, cutoffMonths.reduce((a, b) => (a > b ? a : b)))
  const after = monthsBetween(cutoffMonths.reduce((a, b) => (a < b ? a : b)), monthOf(todayLabel())) + 1 // and the totals
  return after < before ? 1 : 0
}

/** The figures of one period at one level: its points, and each unit's figures per point. */
export interface FigureSet {
  points: Point[]
  byUnit: Map<string, DossierFigures[]>
  /** With `listed`: the keys that have counted a dossier at any time (before, in or after the period). */
  listed?: Set<string>
  /** With `rollup`: each key's figures over the whole period (counts of every point, at-T counts at the last point's T); `byUnit` then holds the unit's points alone (key ''). */
  whole?: Map<string, DossierFigures>
}

/**
 * Figures per unit code ('' for national) of each level, or per agency / procedure of one unit
 * with `by`, per point of the grain (one point for grain null), for one period or for a period and
 * the (complete) period it is compared with: one query (sql/queries/dossier-figures.sql) from the
 * per-(agency, day) aggregates (ADR 011). Period counts are sums over each point's days. An at-T
 * count at a point whose T is the end of a day is the sum of every change filed up to that day;
 * at T = now (inside today) it is the sum filed before today plus today's changes by now.
 * Returns one map per period, from level to its figures.
 */
export async function figureSets(
  store: Store,
  q: {
    levels: Level[]
    structure: Structure
    unit?: string
    periods: [Period] | [Period, Period]
    grain: Grain | null
    by?: 'unit' | 'agency' | 'procedure'
    /** how the at-T changes before the periods are read (the same figures either way): by default whichever reads less */
    before?: 'months' | 'totals'
    /**
     * With `by` agency or procedure: also the unit's own figures per point under key '' (the sum of
     * its agencies' or procedures' rows), and each key's figures over the whole period (`whole`), so
     * that a unit's trend and its breakdown come from one query.
     */
    rollup?: boolean
    /** With `by` agency or procedure: also the keys that have counted a dossier at any time (`listed`). */
    listed?: boolean
  },
): Promise<Array<Map<Level, FigureSet>>> {
  const ps = q.periods.map((p) => {
    const at = atT(p)
    return { p, pts: points(p, q.grain, p.T), ...at, months: wholeMonths(p.from, p.to, at.today, q.grain) }
  })
  if (ps[1]?.now) throw new RangeError('the second period must be complete (its T is its end)')
  const now = ps[0].now
  const by = q.by ?? 'unit'
  if ((q.rollup || q.listed) && by === 'unit') throw new RangeError('rollup and listed are of agencies or procedures: give `by`')
  // the nation alone: the national sums (one row per day and month), the same figures as every agency's rows;
  // units: the sums per unit (one row per unit and day or month), the same figures as their agencies' rows;
  // a unit's procedures: the sums per unit and procedure, the unit's key alone
  const nationOnly = q.levels.every((lv) => lv === 'national')
  const unitSums = (by === 'unit' && !nationOnly) || by === 'procedure'
  const unitKey = by === 'procedure' ? unitSumKey(q.levels, q.structure, q.unit) : ''
  const tables =
    by === 'procedure'
      ? { day_table: 'dossier_unit_proc_day', month_table: 'dossier_unit_proc_month', total_table: 'dossier_unit_proc_at_total' }
      : by === 'unit'
        ? nationOnly
          ? { day_table: 'dossier_nat_day', month_table: 'dossier_nat_month', total_table: 'dossier_nat_at_total' }
          : { day_table: 'dossier_unit_day', month_table: 'dossier_unit_month', total_table: 'dossier_unit_at_total' }
        : { day_table: 'dossier_day', month_table: 'dossier_month', total_table: 'dossier_at_total' }
  const slot = (k: 1 | 2, x: (typeof ps)[number]) => ({
    [`first_day_${k}`]: x.p.from,
    [`last_day_${k}`]: x.p.to,
    [`first_${k}`]: x.pts[0].label,
    [`today_${k}`]: x.today,
    [`cutoff_${k}`]: x.cutoff,
    [`cutoff_month_${k}`]: monthOf(x.cutoff),
    [`month_from_${k}`]: x.months.from,
    [`month_to_${k}`]: x.months.to,
  })
  // one query: the periods' rows (part 'p'), the at-T counts before them ('b'), today's by now ('n'), the keys ever counted ('k')
  const from_total = q.before ? Number(q.before === 'totals') : await fromTotal(store, ps.map((x) => monthOf(x.cutoff)))
  // parts that would read nothing are left out of the text: the engine plans every part it is given
  const sections = {
    ...partsRead(ps.map((x) => ({ from: x.p.from, to: x.p.to, months: x.months, cutoff: x.cutoff }))),
    from_total: from_total === 1,
    listed: !!q.listed,
    has_now: now !== null,
    unit: !!q.unit && !unitSums,
    unit_rows: !!q.unit && unitSums && !unitKey,
    unit_key: !!unitKey,
    unit_key_now: !!unitKey && now !== null, // adds today's changes of the unit's agencies to unit_key's rows
    // the rows' province and ministry: read by unit, for a level other than the nation
    row_units: by === 'unit' && !nationOnly,
    no_row_units: !(by === 'unit' && !nationOnly),
    rollup: !!q.rollup,
  }
  const all = await store.named<Row>(
    'dossier-figures',
    {
      from_total,
      levels: q.levels,
      structure: q.structure,
      unit: q.unit ?? '',
      by,
      ...tables,
      grain: q.grain ?? 'all',
      ...slot(1, ps[0]),
      ...slot(2, ps[1] ?? ps[0]), // unread when has_2 = 0
      has_2: ps[1] ? 1 : 0,
      has_now: now ? 1 : 0,
      now: chTime(now ?? ps[0].p.T),
      listed: q.listed ? 1 : 0,
      unit_sums: unitSums ? 1 : 0,
      unit_key: unitKey,
    },
    sections,
  )
  const groups = ps.map(() => new Map<Level, Group>(q.levels.map((lv) => [lv, { accs: new Map(), startAt: new Map(), todayBy: new Map() }])))
  // the key of a row in a level: its unit there ('' for the nation; none: not counted), or its agency / procedure
  const keyIn = (r: Row, lv: Level) => (by !== 'unit' ? r.by_key : lv === 'national' ? '' : lv === 'province' ? r.province_unit : r.ministry_unit)
  const listed = new Set<string>()
  for (const r of all) {
    if (r.part === 'k') {
      if (Number(r.received) > 0) listed.add(r.by_key)
      continue
    }
    const x = sumsOf(r)
    // per 0: an at-T change before both periods' starts
    for (const k of Number(r.per) === 0 ? [0, 1] : [Number(r.per) - 1]) {
      for (const lv of q.levels) {
        if (r.lvl !== '' && r.lvl !== lv) continue // a unit's row counts in its own level alone
        const own = keyIn(r, lv)
        if (by === 'unit' && lv !== 'national' && own === '') continue
        // with rollup the engine has added the rows up per point under '' and per key over the period
        addRow(groups[k].get(lv)!, own, r, x, ps[k].pts.length)
      }
    }
  }
  return ps.map(({ pts }, k) => {
    const sets = new Map<Level, FigureSet>()
    for (const [lv, g] of groups[k]) {
      const byUnit = new Map<string, DossierFigures[]>()
      const whole = new Map<string, DossierFigures>()
      for (const [key, list] of g.accs) {
        const at = atTCounts(list, pts, g.startAt.get(key) ?? { p: 0, o: 0 }, g.todayBy.get(key) ?? { p: 0, o: 0 })
        // with rollup, only the unit's own points are needed (each key's are not: its whole period is)
        if (!q.rollup || key === '') byUnit.set(key, list.map((a, i) => finish(a, at[i].p, at[i].o)))
        if (q.rollup) whole.set(key, wholePeriod(list, at.at(-1)!))
      }
      sets.set(lv, { points: pts, byUnit, ...(q.rollup ? { whole } : {}), ...(q.listed ? { listed } : {}) })
    }
    return sets
  })
}

/** figureSets() of one level and one period. */
export async function figuresByUnit(
  store: Store,
  q: { level: Level; structure: Structure; unit?: string; period: Period; grain: Grain | null; by?: 'unit' | 'agency' | 'procedure'; before?: 'months' | 'totals'; rollup?: boolean; listed?: boolean },
): Promise<FigureSet> {
  const [sets] = await figureSets(store, { ...q, levels: [q.level], periods: [q.period] })
  return sets.get(q.level)!
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
  const [units, set] = await Promise.all([listUnits(store, q.level, q.structure), figuresByUnit(store, { ...q, grain: null })])
  return unitRows(units, set)
}

/** Every unit of a level with its figures in a (grain null) figure set, ranked, with its band. */
export function unitRows(units: Unit[], set: FigureSet): UnitFigures[] {
  const rows = units.map((u) => ({ ...u, ...(set.byUnit.get(u.code)?.[0] ?? emptyFigures()) }))
  return rankUnits(rows).map((r) => ({ ...r, band: band(r.index, config().bands)?.label ?? null }))
}

export async function trend(
  store: Store,
  q: { level: Level; unit: string; structure: Structure; period: Period; grain: Grain },
): Promise<Array<{ period: string } & DossierFigures>> {
  const key = q.level === 'national' ? '' : q.unit
  return trendOf(await figuresByUnit(store, { ...q, unit: key }), key)
}

/** The points of one key of a figure set as a trend. */
function trendOf({ points: pts, byUnit }: FigureSet, key: string): Array<{ period: string } & DossierFigures> {
  const list = byUnit.get(key)
  return pts.map((p, i) => ({ period: p.label, ...(list?.[i] ?? emptyFigures()) }))
}

/**
 * A unit's trend and each of its agencies' figures over the period, from one figure query: its
 * agencies' rows per point, added up per point for the trend and per agency for the breakdown
 * (the same figures as trend() and figuresByAgency(), one query fewer).
 */
export async function trendAndAgencies(
  store: Store,
  q: { level: UnitLevel; unit: string; structure: Structure; period: Period; grain: Grain },
): Promise<{ trend: Array<{ period: string } & DossierFigures>; byAgency: Map<string, DossierFigures> }> {
  const set = await figuresByUnit(store, { ...q, by: 'agency', rollup: true })
  return { trend: trendOf(set, ''), byAgency: new Map([...set.whole!].filter(([code]) => code !== '')) }
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
  // The total is the figure `overdue` itself (one definition); the page lists those dossiers.
  if (q.level === 'national') {
    const [figures, cases] = await Promise.all([summary(store, q), overdueCaseList(store, q)])
    return { total: figures.overdue, cases }
  }
  // a unit: its level's figures give its total and its share of the level's cases, which says how
  // its list is read (as on the unit's page, unit-view.ts)
  const { byUnit } = await figuresByUnit(store, { level: q.level, structure: q.structure, period: q.period, grain: null })
  const total = byUnit.get(q.unit)?.[0]?.overdue ?? 0
  let all = 0
  for (const [code, [f]] of byUnit) if (code !== '') all += f.overdue
  return { total, cases: await overdueCaseList(store, { ...q, read: caseListReading(total, all) }) }
}

/**
 * How a unit's case list is read (sql/queries/dossier-overdue.sql; the same cases either way): in the
 * list's order, stopping after the page, when the unit holds at least this share of the cases of
 * its level; else its own rows, added up. The in-order read passes every other unit's cases due
 * before the unit's first ones, so it pays only for a unit that dominates its level: on the national
 * year's store a province with half of its level's cases 57 ms in order against 209 added up, every
 * unit with 0.4–22 % 520–700 ms in order against 23–119 (ADR 011, session 17). The nation is read in order.
 */
export const IN_ORDER_SHARE = 1 / 3

/** The reading for a unit with `unitCases` of the `allCases` overdue cases of its level's units. */
export function caseListReading(unitCases: number, allCases: number): 'in_order' | 'grouped' {
  return allCases > 0 && unitCases >= allCases * IN_ORDER_SHARE ? 'in_order' : 'grouped'
}

/** A page of the dossiers the figure `overdue` counts at the period's T, by due_at then dossier_code (its total is that figure). */
export async function overdueCaseList(
  store: Store,
  q: { level: Level; unit: string; structure: Structure; period: Period; limit: number; offset: number; read?: 'in_order' | 'grouped' },
): Promise<OverdueCase[]> {
  const national = q.level === 'national'
  const rows = await store.named<OverdueCase & { days_overdue: string }>(
    'dossier-overdue',
    { level: q.level, unit: q.unit, structure: q.structure, T: chTime(q.period.T), limit: q.limit, offset: q.offset },
    { in_order: national || q.read === 'in_order', unit: !national },
  )
  return rows.map((r) => ({ ...r, received_at: isoVn(r.received_at), due_at: isoVn(r.due_at), days_overdue: Number(r.days_overdue) }))
}

/** Each agency's figures for one unit and period (its dossiers are those it owns), from the same aggregates. */
export async function figuresByAgency(store: Store, q: { level: UnitLevel; unit: string; structure: Structure; period: Period }): Promise<Map<string, DossierFigures>> {
  return wholePeriods(await figuresByUnit(store, { ...q, grain: null, by: 'agency' }))
}

/** Each key's figures in a figure set of one point (grain null). */
const wholePeriods = ({ byUnit }: FigureSet) => new Map([...byUnit].map(([code, list]) => [code, list[0]]))

/** Each procedure's figures for one unit and period (the unit's dossiers with that procedure), from the per-procedure aggregates. */
export async function figuresByProcedure(store: Store, q: { level: UnitLevel; unit: string; structure: Structure; period: Period }): Promise<Map<string, DossierFigures>> {
  return wholePeriods(await figuresByUnit(store, { ...q, grain: null, by: 'procedure' }))
}

/**
 * figuresByProcedure(), and the procedures the unit has had a dossier with at any time (kpi.md,
 * "Agencies and procedures of a unit"), from the same query.
 */
export async function proceduresOfUnit(
  store: Store,
  q: { level: UnitLevel; unit: string; structure: Structure; period: Period },
): Promise<{ byProcedure: Map<string, DossierFigures>; listed: Set<string> }> {
  const set = await figuresByUnit(store, { ...q, grain: null, by: 'procedure', listed: true })
  return { byProcedure: wholePeriods(set), listed: set.listed! }
}
