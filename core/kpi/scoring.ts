// The partial service index, its bands and the ranking (kpi.md, "Service index"), and the
// rounding rules: half away from zero, to 2 decimals, on the decimal value (not the binary float).
import type { FileConfig } from '../config'

/** Rounds to 2 decimals, half away from zero, after removing binary noise (1.005 → 1.01). */
export function round2(x: number): number {
  const sign = x < 0 ? -1 : 1
  const s = Math.abs(x).toPrecision(15)
  if (s.includes('e')) return sign * (Math.round(Math.abs(x) * 100) / 100)
  return sign * Number(`${Math.round(Number(`${s}e2`))}e-2`)
}

/** sum / count as days (86,400 s), rounded to 2 decimals half away from zero, exactly (bigint arithmetic). */
export function avgDays(sumMicros: bigint, count: number): number | null {
  if (count === 0) return null
  const q = sumMicros * 100n
  const den = 86_400_000_000n * BigInt(count)
  const neg = q < 0n
  const a = neg ? -q : q
  const r = (2n * a + den) / (2n * den)
  return Number(neg ? -r : r) / 100
}

export function rate(num: number, den: number): number | null {
  return den === 0 ? null : num / den
}

export interface IndexInputs {
  on_time_rate: number | null
  online_rate: number | null
  paid_online_rate: number | null
  digitized_rate: number | null
}

export interface IndexGroup {
  key: 'timeliness' | 'online' | 'payment' | 'digitisation'
  rate: number | null
  threshold: number
  points: number
  score: number
}

export function indexGroups(f: IndexInputs, cfg: FileConfig['index']): IndexGroup[] {
  const g = (key: IndexGroup['key'], r: number | null): IndexGroup => {
    const { threshold, points } = cfg[key]
    const score = r === null ? 0 : r >= threshold ? points : (r * points) / threshold
    return { key, rate: r, threshold, points, score }
  }
  return [
    g('timeliness', f.on_time_rate),
    g('online', f.online_rate),
    g('payment', f.paid_online_rate),
    g('digitisation', f.digitized_rate),
  ]
}

/**
 * The partial index: 100 × points scored / the four groups' full points (64 by default), rounded,
 * so a unit at or above every threshold scores 100 (kpi.md; ADR 006). The divisor follows the
 * configured points, never configured on its own.
 */
export function partialIndex(f: IndexInputs, cfg: FileConfig['index']): number {
  const groups = indexGroups(f, cfg)
  const available = groups.reduce((s, g) => s + g.points, 0)
  if (available === 0) return 0
  const scored = groups.reduce((s, g) => s + g.score, 0)
  return round2((100 * scored) / available)
}

export function band(index: number | null, bands: FileConfig['bands']): { key: string; label: string } | null {
  if (index === null) return null
  const b = [...bands].sort((x, y) => y.min - x.min).find((x) => index >= x.min)
  return b ? { key: b.key, label: b.label } : null
}

export const RANK_FLOOR = 30

/** Ranks units with at least 30 resolved: index desc, resolved desc, code asc; 1, 2, 3… with no gaps. */
export function rankUnits<T extends { code: string; index: number; resolved: number }>(units: T[]): Array<T & { rank: number | null }> {
  const ranked = units
    .filter((u) => u.resolved >= RANK_FLOOR)
    .sort((a, b) => b.index - a.index || b.resolved - a.resolved || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const rankOf = new Map(ranked.map((u, i) => [u.code, i + 1]))
  return units.map((u) => ({ ...u, rank: rankOf.get(u.code) ?? null }))
}
