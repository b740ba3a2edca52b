// Time for the simulator, in whole epoch seconds, and the Vietnamese working calendar:
// office hours, weekends, public holidays, Tết (lunar new year) and the seasonality of demand.
// Timestamps are formatted from integer arithmetic and precomputed strings (no Date/Intl per
// event): the generators must produce hundreds of thousands of events a second.

export const MIN = 60
export const HOUR = 3600
export const DAY = 86400
const TZ = 7 * HOUR
export const AM_START = 7.5 * HOUR
export const AM_END = 11.5 * HOUR
export const PM_START = 13 * HOUR
export const PM_END = 17 * HOUR
/** 2025-07-01 00:00 +07:00: the two-level local government starts; districts and former provinces stop. */
export const MERGER_S = Date.UTC(2025, 6, 1) / 1000 - TZ

/** Local (UTC+7) day number of an instant: days since 1970-01-01. */
export const dayIdx = (s: number): number => Math.floor((s + TZ) / DAY)
/** The instant at which local day `day` starts. */
export const dayStart = (day: number): number => day * DAY - TZ
/** 0 Sunday … 6 Saturday. */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7

// "HH:MM:SS+07:00" for every second of a day, and "YYYY-MM-DDT" per day on demand.
const TOD: string[] = (() => {
  const two = Array.from({ length: 60 }, (_, i) => (i < 10 ? '0' : '') + i)
  const out = new Array<string>(DAY)
  for (let s = 0; s < DAY; s++) out[s] = `${two[Math.floor(s / 3600)]}:${two[Math.floor(s / 60) % 60]}:${two[s % 60]}+07:00`
  return out
})()
const DAY_PREFIX: string[] = []

/** `YYYY-MM-DD` of a local day. */
export function ymd(day: number): string {
  return dayPrefix(day).slice(0, 10)
}

function dayPrefix(day: number): string {
  let p = DAY_PREFIX[day]
  if (p === undefined) DAY_PREFIX[day] = p = new Date(day * DAY * 1000).toISOString().slice(0, 10) + 'T'
  return p
}

/** ISO 8601 text of an instant (whole seconds) with the +07:00 offset. */
export function iso(s: number): string {
  const local = s + TZ
  const day = Math.floor(local / DAY)
  return dayPrefix(day) + TOD[local - day * DAY]
}

/** Lunar new year's day (mùng 1 Tết). */
const TET = ['2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03', '2031-01-23']
/** Hùng Kings' commemoration (10/3 lunar). */
const GIO_TO = ['2020-04-02', '2021-04-21', '2022-04-10', '2023-04-29', '2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16', '2028-04-04', '2029-04-23', '2030-04-12', '2031-04-02']
const dayOf = (t: string) => Date.UTC(Number(t.slice(0, 4)), Number(t.slice(5, 7)) - 1, Number(t.slice(8, 10))) / 1000 / DAY
const TET_DAYS = TET.map(dayOf)

const HOLIDAYS: ReadonlySet<number> = (() => {
  const s = new Set<number>()
  for (let y = 2020; y <= 2031; y++) for (const md of ['01-01', '04-30', '05-01', '09-01', '09-02']) s.add(dayOf(`${y}-${md}`))
  for (const d of GIO_TO) s.add(dayOf(d))
  // Tết: from the 27th of the last lunar month to the 5th of the first (about nine days).
  for (const t of TET_DAYS) for (let k = -3; k <= 5; k++) s.add(t + k)
  return s
})()

export const isHoliday = (day: number): boolean => HOLIDAYS.has(day)
export const isWorkday = (day: number): boolean => {
  const w = weekday(day)
  return w >= 1 && w <= 5 && !HOLIDAYS.has(day)
}

/** Days from the nearest Tết (negative before it). */
export function tetOffset(day: number): number {
  let best = Infinity
  for (const t of TET_DAYS) if (Math.abs(day - t) < Math.abs(best)) best = day - t
  return best
}

const WEEKDAY_FACTOR = [0.08, 1.1, 1.05, 1, 1, 0.92, 0.15]

/**
 * Relative demand for new dossiers on a day (a normal Wednesday = 1): quiet weekends (online
 * submissions only), public holidays, a deep dip over Tết, the slow days before it and a
 * catch-up in the weeks after it.
 */
export function demandFactor(day: number): number {
  const k = tetOffset(day)
  if (HOLIDAYS.has(day)) return k >= -3 && k <= 5 ? 0.03 : 0.06
  let f = WEEKDAY_FACTOR[weekday(day)]
  if (k >= -12 && k < -3) f *= 0.95 - 0.04 * (k + 12) // winding down before Tết
  else if (k > 5 && k <= 8) f *= 0.55 // first days back
  else if (k > 8 && k <= 30) f *= 1 + 0.3 * (1 - (k - 8) / 22) // catch-up, fading over three weeks
  return f
}

/** Relative volume of documents sent on a day (administrations send almost nothing off days). */
export function documentFactor(day: number): number {
  if (HOLIDAYS.has(day)) return 0.02
  const w = weekday(day)
  if (w === 0 || w === 6) return 0.03
  const k = tetOffset(day)
  return WEEKDAY_FACTOR[w] * (k > -12 && k < -3 ? 1.15 : k > 5 && k <= 8 ? 0.6 : 1)
}

/** The same instant if inside office hours of a working day, else shortly after the next opening. */
export function snapToWork(s: number, u: number): number {
  let day = dayIdx(s)
  let tod = s - dayStart(day)
  for (;;) {
    if (isWorkday(day)) {
      if (tod < AM_START) return dayStart(day) + AM_START + Math.floor(u * 50 * MIN)
      if (tod < AM_END) return s
      if (tod < PM_START) return dayStart(day) + PM_START + Math.floor(u * 40 * MIN)
      if (tod < PM_END) return s
    }
    day++
    tod = 0
  }
}

/** 17:00 on the n-th working day after the day of `s`. */
export function dueAfterWorkdays(s: number, n: number): number {
  let day = dayIdx(s)
  let k = Math.max(1, n)
  while (k > 0) {
    day++
    if (isWorkday(day)) k--
  }
  return dayStart(day) + PM_END
}
