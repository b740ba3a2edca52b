import { describe, expect, it } from 'vitest'
import { avgDays, band, indexGroups, partialIndex, rankUnits, round2 } from '../core/kpi/scoring'
import { loadConfig } from '../core/config'

const cfg = loadConfig({})

describe('rounding (kpi.md: 2 decimals, half away from zero)', () => {
  it('rounds the decimal value, not its binary neighbour', () => {
    expect(round2(1.005)).toBe(1.01) // 1.005 is 1.00499999999999989… in binary
    expect(round2(57.1875)).toBe(57.19)
    expect(round2(2.675)).toBe(2.68)
    expect(round2(-1.005)).toBe(-1.01)
    expect(round2(83.26612903225806)).toBe(83.27)
    expect(round2(0)).toBe(0)
  })
  it('avg_days is exact from integer microseconds', () => {
    // 1 d + 1 d 6 h = 2.25 d over 2 → 1.125 → 1.13
    expect(avgDays(BigInt(86_400 + 108_000) * 1_000_000n, 2)).toBe(1.13)
    // 86,832 s = 1.005 d exactly → 1.01
    expect(avgDays(86_832_000_000n, 1)).toBe(1.01)
    // a negative duration (finished before received) rounds away from zero too
    expect(avgDays(-86_832_000_000n, 1)).toBe(-1.01)
    expect(avgDays(0n, 0)).toBeNull()
  })
})

describe('partial index', () => {
  it('scores each group pro rata below its threshold, full at or above it, 0 for a null rate; divides by the full points (64)', () => {
    const f = { on_time_rate: 0.5, online_rate: 0.25, paid_online_rate: 0.8, digitized_rate: null }
    const g = indexGroups(f, cfg.index)
    expect(g.map((x) => x.score)).toEqual([10, 6, 10, 0])
    // 100 × 26 / 64 = 40.625 → 40.63 (half away from zero)
    expect(partialIndex(f, cfg.index)).toBe(40.63)
  })
  it('bands: 90 Tốt, 70 Khá, 50 Trung bình, else Yếu', () => {
    expect([90, 89.99, 70, 50, 49.99].map((i) => band(i, cfg.bands)?.label)).toEqual(['Tốt', 'Khá', 'Khá', 'Trung bình', 'Yếu'])
  })
  it('ranks by index, then resolved, then code, from 30 resolved', () => {
    const r = rankUnits([
      { code: 'b', index: 50, resolved: 30 },
      { code: 'a', index: 50, resolved: 30 },
      { code: 'c', index: 50, resolved: 40 },
      { code: 'd', index: 99, resolved: 29 },
      { code: 'e', index: 60, resolved: 31 },
    ])
    expect(r.map((u) => [u.code, u.rank])).toEqual([['b', 4], ['a', 3], ['c', 2], ['d', null], ['e', 1]])
  })
})
