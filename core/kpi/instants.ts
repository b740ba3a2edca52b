// Instants and the at-T runs that figures at T are read from (ADR 011). Dossiers (in SQL:
// sql/migrations/014, egp_runs) and document exchanges (exchange-state.ts) count at T while T
// lies in a half-open run of instants [from, to): +1 from the first instant T at which it starts
// to count, −1 from the first at which it stops. Such a boundary is either inclusive ("x ≤ T")
// or strict ("x < T"). A boundary is filed under the first day whose end (00:00 of the next day)
// is past it, so a figure at the end of day D is the sum of every boundary filed on or before D;
// at "now", inside today, the boundaries filed today are read at their instant.

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s)
/** Byte order of the UTF-8 text, as ClickHouse compares strings (UTF-16 order differs above U+FFFF). */
export function compareBytes(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

const US_PER_DAY = 86_400_000_000
const VN_OFFSET_US = 7 * 3_600_000_000

/** The day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of an instant, as days since 1970-01-01. */
export function vnDay(us: number): number {
  return Math.floor((us + VN_OFFSET_US) / US_PER_DAY)
}

export interface Boundary {
  x: number
  strict: boolean
}

/** The later of two conditions "T past a" and "T past b" both holding: the later boundary, strict on a tie if either is. */
export function later(a: Boundary, b: Boundary): Boundary {
  if (a.x !== b.x) return a.x > b.x ? a : b
  return { x: a.x, strict: a.strict || b.strict }
}

/** The day a boundary is filed under: the first day D with x ≤ end(D) (inclusive) or x < end(D) (strict). */
export function boundaryDay(b: Boundary): number {
  return b.strict ? vnDay(b.x) : vnDay(b.x - 1)
}

/** Microseconds since the epoch of a UTC text `YYYY-MM-DD HH:MM:SS[.ffffff]` (as records and ClickHouse write it). */
export function micros(text: string): number {
  const ms = Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10), +text.slice(11, 13), +text.slice(14, 16), +text.slice(17, 19))
  const frac = text.length > 20 ? text.slice(20).padEnd(6, '0').slice(0, 6) : '0'
  return ms * 1000 + Number(frac)
}

/** The UTC text of ClickHouse DateTime64(6, 'UTC') for microseconds since the epoch. */
export function microsText(us: number): string {
  const ms = Math.floor(us / 1000)
  const frac = String(us - ms * 1000).padStart(3, '0')
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', frac)
}
