// Periods of kpi.md: whole days in Asia/Ho_Chi_Minh, [00:00 of from, 00:00 of the day after to),
// and T = the period's end, or now if earlier. Grains split a period into points, each labelled
// by the first day of its calendar day / ISO week (Monday) / month, covering its part of the period.
import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, format, startOfMonth, startOfWeek } from 'date-fns'

export const TZ = 'Asia/Ho_Chi_Minh'
export type Grain = 'day' | 'week' | 'month'

export interface Point {
  /** YYYY-MM-DD: the first day of the grain. */
  label: string
  start: Date
  /** Exclusive. */
  end: Date
  /** The instant at which "at T" figures are read: min(end, now). */
  T: Date
}

export interface Period {
  from: string
  to: string
  start: Date
  end: Date
  T: Date
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The Vietnamese calendar day `YYYY-MM-DD` as the instant its 00:00 begins, or null if no such day. */
export function dayStart(day: string): TZDate | null {
  const m = DAY_RE.exec(day)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])]
  const t = new TZDate(y, mo, d, TZ)
  if (t.getFullYear() !== y || t.getMonth() !== mo || t.getDate() !== d || y < 1970 || y > 2200) return null
  return t
}

export function dayLabel(d: Date): string {
  return format(new TZDate(d.getTime(), TZ), 'yyyy-MM-dd')
}

export function today(now: Date = new Date()): string {
  return dayLabel(now)
}

export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const t = today(now)
  return { from: `${t.slice(0, 8)}01`, to: t }
}

export function makePeriod(from: string, to: string, now: Date = new Date()): Period {
  const start = dayStart(from)
  const last = dayStart(to)
  if (!start || !last) throw new RangeError('bad day')
  const end = addDays(last, 1)
  return { from, to, start: new Date(start.getTime()), end: new Date(end.getTime()), T: new Date(Math.min(end.getTime(), now.getTime())) }
}

export function points(p: Period, grain: Grain | null, now: Date = new Date()): Point[] {
  const nowMs = now.getTime()
  const at = (start: Date, end: Date, label: string): Point => ({ label, start, end, T: new Date(Math.min(end.getTime(), nowMs)) })
  if (grain === null) return [at(p.start, p.end, p.from)]
  const out: Point[] = []
  let cursor = new TZDate(p.start.getTime(), TZ)
  while (cursor.getTime() < p.end.getTime()) {
    const first =
      grain === 'day' ? cursor : grain === 'week' ? startOfWeek(cursor, { weekStartsOn: 1 }) : startOfMonth(cursor)
    const next = grain === 'day' ? addDays(first, 1) : grain === 'week' ? addDays(first, 7) : addMonths(first, 1)
    const end = new Date(Math.min(next.getTime(), p.end.getTime()))
    out.push(at(new Date(cursor.getTime()), end, format(first, 'yyyy-MM-dd')))
    cursor = new TZDate(next.getTime(), TZ)
  }
  return out
}

export { chTime } from '../time'

/** The Vietnamese calendar day of an instant, `YYYY-MM-DD` (UTC+7, no daylight saving). */
export const vnDayLabel = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)

/**
 * How a figure at T is read from the per-day aggregates (ADR 011): `now` when T is "now" inside a
 * day (the period ends later), else null; changes filed on days before `today` are whole (with T at
 * the period's end, every day of the period is); `cutoff` = min(the period's first day, today) ends
 * the sum before the period.
 */
export function atT(p: Period): { now: Date | null; today: string; cutoff: string } {
  const now = p.T.getTime() < p.end.getTime() ? p.T : null
  const today = now ? vnDayLabel(now) : vnDayLabel(new Date(p.end.getTime() + 86_400_000))
  return { now, today, cutoff: p.from < today ? p.from : today }
}

/** ClickHouse UTC text ("2025-10-01 02:15:00.250000") as an ISO 8601 instant in Vietnamese time. */
export function isoVn(utc: string | null): string | null {
  if (utc === null) return null
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(utc)
  if (!m) return utc
  const ms = Date.parse(`${m[1]}T${m[2]}Z`)
  const local = new Date(ms + 7 * 3600_000).toISOString().slice(0, 19)
  const frac = (m[3] ?? '').replace(/0+$/, '')
  return `${local}${frac ? `.${frac}` : ''}+07:00`
}

/** Epoch microseconds of ClickHouse UTC text. */
export function micros(utc: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(utc)
  if (!m) throw new RangeError(`bad time ${utc}`)
  return BigInt(Date.parse(`${m[1]}T${m[2]}Z`)) * 1000n + BigInt((m[3] ?? '').padEnd(6, '0').slice(0, 6))
}

/** The first day of a day's month (`YYYY-MM-DD`). */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`
/** A calendar day shifted by whole days or months. */
const shifted = (day: string, by: (d: TZDate) => Date) => dayLabel(by(dayStart(day)!))

/**
 * The whole months of a period read from the month table, as [from, to) of their first days: each
 * inside one point of the grain (every grain but day and week) and ended before the period's
 * `today`. Its other days are read from the day table. The range is empty when from ≥ to.
 */
export function wholeMonths(from: string, to: string, today: string, grain: Grain | null): { from: string; to: string } {
  if (grain === 'day' || grain === 'week') return { from: '2200-01-01', to: '2200-01-01' }
  const first = from === monthOf(from) ? from : shifted(monthOf(from), (d) => addMonths(d, 1))
  const end = monthOf(shifted(to, (d) => addDays(d, 1)))
  return { from: first, to: end < monthOf(today) ? end : monthOf(today) }
}

/** A period's days, its whole months (wholeMonths) and its cutoff (atT), as a figure query reads them. */
export interface ReadSpan {
  from: string
  to: string
  months: { from: string; to: string }
  cutoff: string
}

/**
 * The parts of a figure query that read anything for these periods (sql/queries/dossier-figures.sql,
 * document-figures.sql): their days outside their whole months, their whole months, and the days of
 * their cutoffs' months before the cutoffs. A part that reads nothing is left out of the text: the
 * engine analyses and plans every part it is given, which costs more than reading it (ADR 011, session 25).
 */
export function partsRead(spans: ReadSpan[]): { period_days: boolean; period_months: boolean; before_days: boolean } {
  return {
    period_days: spans.some((s) => !(s.months.from <= s.from && s.to < s.months.to)),
    period_months: spans.some((s) => s.months.from < s.months.to),
    before_days: spans.some((s) => s.cutoff > monthOf(s.cutoff)),
  }
}

/** Whole months from a day's month to another's. */
export const monthsBetween = (a: string, b: string) => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7))
