// Comparison with an earlier period (kpi.md, "Comparison with an earlier period"): which period is
// "previous" and which is "a year earlier", and the views that show a period's figures with the
// earlier period's (summaryView, unitsView, overviewView: one figure query for both periods).
// The period arithmetic is pure (calendar days as YYYY-MM-DD, no time zone involved); an earlier
// period is complete, so its T is its end whatever the clock says.
import { config } from '../config'
import type { Store } from '../db'
import { band } from './scoring'
import { dayStart, makePeriod, type Period } from './period'
import { emptyFigures, figureSets, unitRows, type DossierFigures, type FigureSet, type UnitFigures } from './dossiers'
import { listUnits, type Level, type Structure, type Unit, type UnitLevel } from './units'

export const COMPARES = ['previous', 'year'] as const
export type Compare = (typeof COMPARES)[number]

interface Ymd { y: number; m: number; d: number }

const parse = (day: string): Ymd => {
  if (!dayStart(day)) throw new RangeError(`bad day ${day}`)
  return { y: Number(day.slice(0, 4)), m: Number(day.slice(5, 7)), d: Number(day.slice(8, 10)) }
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const fmt = (x: Ymd) => `${pad(x.y, 4)}-${pad(x.m)}-${pad(x.d)}`
/** Days in month m (1–12) of year y. */
const monthDays = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const epochDay = (x: Ymd) => Date.UTC(x.y, x.m - 1, x.d) / 86_400_000
const fromEpochDay = (n: number): Ymd => {
  const t = new Date(n * 86_400_000)
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}
/** The first day of the month `k` months after (negative: before) y-m. */
const shiftMonth = (y: number, m: number, k: number): { y: number; m: number } => {
  const i = y * 12 + (m - 1) + k
  return { y: Math.floor(i / 12), m: (i % 12) + 1 }
}

/** Whether [from, to] is whole calendar months: from the 1st of a month to the last day of a month. */
export function isWholeMonths(from: string, to: string): boolean {
  const a = parse(from)
  const b = parse(to)
  return a.d === 1 && b.d === monthDays(b.y, b.m)
}

/** The previous period: as many whole months just before when the period is whole months, else as many days ending the day before `from`. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const a = parse(from)
  const b = parse(to)
  if (isWholeMonths(from, to)) {
    const months = (b.y * 12 + b.m) - (a.y * 12 + a.m) + 1
    const start = shiftMonth(a.y, a.m, -months)
    const last = shiftMonth(a.y, a.m, -1)
    return { from: fmt({ ...start, d: 1 }), to: fmt({ ...last, d: monthDays(last.y, last.m) }) }
  }
  const days = epochDay(b) - epochDay(a) + 1
  return { from: fmt(fromEpochDay(epochDay(a) - days)), to: fmt(fromEpochDay(epochDay(a) - 1)) }
}

/** The same calendar day one year earlier; 29 February becomes 28 February. */
export function yearEarlierDay(day: string): string {
  const x = parse(day)
  const y = x.y - 1
  return fmt({ y, m: x.m, d: Math.min(x.d, monthDays(y, x.m)) })
}

export function yearEarlierRange(from: string, to: string): { from: string; to: string } {
  return { from: yearEarlierDay(from), to: yearEarlierDay(to) }
}

export function earlierRange(from: string, to: string, compare: Compare): { from: string; to: string } {
  return compare === 'previous' ? previousRange(from, to) : yearEarlierRange(from, to)
}

/** The earlier period as a Period, complete: its T is its end. */
export function earlierPeriod(p: Pick<Period, 'from' | 'to'>, compare: Compare): Period {
  const r = earlierRange(p.from, p.to, compare)
  return makePeriod(r.from, r.to, new Date(8.64e15))
}

export type Previous<F> = { from: string; to: string } & F

/** The figures a unit's `previous` carries: every dossier figure and index (band and rank are per period, see rank_previous). */
const figuresOf = (u: UnitFigures): DossierFigures => {
  const { received, resolved, on_time, late, on_time_rate, pending, overdue, closed_unresolved, online_rate, paid_online_rate, digitized_rate, avg_days, index } = u
  return { received, resolved, on_time, late, on_time_rate, pending, overdue, closed_unresolved, online_rate, paid_online_rate, digitized_rate, avg_days, index }
}

export type UnitWithPrevious = UnitFigures & { rank_previous: number | null; previous: Previous<DossierFigures> }
export type SummaryView = DossierFigures & { band: string | null; previous?: Previous<DossierFigures> }
export type UnitsView = Array<UnitFigures & { rank_previous?: number | null; previous?: Previous<DossierFigures> }>

/**
 * The (grain null) figure sets of some levels for the period and, with `compare`, for the earlier
 * period, in one query (a page shows several levels, each with its comparison).
 */
async function levelSets(store: Store, q: { levels: Level[]; unit: string; structure: Structure; period: Period; compare: Compare | null }) {
  const earlier = q.compare ? earlierPeriod(q.period, q.compare) : null
  const [now, before] = await figureSets(store, { levels: q.levels, unit: q.unit, structure: q.structure, periods: earlier ? [q.period, earlier] : [q.period], grain: null })
  return { now, before: before as Map<Level, FigureSet> | undefined, earlier }
}

type Sets = Awaited<ReturnType<typeof levelSets>>

/** One unit's (or the nation's, key '') figures with their band, and the earlier period's as `previous`. */
function summaryOf(sets: Sets, level: Level, key: string): SummaryView {
  const f = sets.now.get(level)!.byUnit.get(key)?.[0] ?? emptyFigures()
  const view: SummaryView = { ...f, band: band(f.index, config().bands)?.label ?? null }
  if (sets.earlier) view.previous = { from: sets.earlier.from, to: sets.earlier.to, ...(sets.before!.get(level)!.byUnit.get(key)?.[0] ?? emptyFigures()) }
  return view
}

/** Every unit of a level, ranked, each with `rank_previous` and `previous` for the earlier period (units absent there get zeros). */
function unitsOf(sets: Sets, level: UnitLevel, units: Unit[]): UnitsView {
  const now = unitRows(units, sets.now.get(level)!)
  if (!sets.earlier) return now
  const { from, to } = sets.earlier
  const byCode = new Map(unitRows(units, sets.before!.get(level)!).map((u) => [u.code, u]))
  return now.map((u): UnitWithPrevious => {
    const b = byCode.get(u.code)!
    return { ...u, rank_previous: b.rank, previous: { from, to, ...figuresOf(b) } }
  })
}

/** What /summary and the pages show: the figures, their band, and with `compare` the earlier period's figures. */
export async function summaryView(store: Store, q: { level: Level; unit: string; structure: Structure; period: Period; compare: Compare | null }): Promise<SummaryView> {
  const key = q.level === 'national' ? '' : q.unit
  return summaryOf(await levelSets(store, { ...q, levels: [q.level], unit: key }), q.level, key)
}

/** What /units and the pages show: unitsTable, with `compare` each unit's previous figures and rank_previous. */
export async function unitsView(store: Store, q: { level: UnitLevel; structure: Structure; period: Period; compare: Compare | null }): Promise<UnitsView> {
  const [units, sets] = await Promise.all([listUnits(store, q.level, q.structure), levelSets(store, { ...q, levels: [q.level], unit: '' })])
  return unitsOf(sets, q.level, units)
}

/** The overview: the nation's figures and every province's and ministry's, each with the comparison, from one figure query. */
export async function overviewView(store: Store, q: { structure: Structure; period: Period; compare: Compare | null }): Promise<{ national: SummaryView; provinces: UnitsView; ministries: UnitsView }> {
  const [provinces, ministries, sets] = await Promise.all([
    listUnits(store, 'province', q.structure),
    listUnits(store, 'ministry', q.structure),
    levelSets(store, { ...q, levels: ['national', 'province', 'ministry'], unit: '' }),
  ])
  return { national: summaryOf(sets, 'national', ''), provinces: unitsOf(sets, 'province', provinces), ministries: unitsOf(sets, 'ministry', ministries) }
}
