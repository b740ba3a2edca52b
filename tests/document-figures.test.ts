// Document figures of docs/kpi.md ("Document figures for a unit and a period", with
// "Time" and "Units and attribution"), end to end: document events go in through the real ingest
// pipeline into a real embedded engine, figures come out of core/kpi/documents. Every case is
// small and hand-computed.
//
// Time shorthand: vn('2025-10-01 09:00') = 2025-10-01T09:00:00+07:00. October's period is
// [2025-10-01 00:00 +07, 2025-11-01 00:00 +07); with `now` far in the future, T is its end.
// An exchange is written 'document_id|from_agency|to_agency'.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testEngine, type TestEngine } from './helpers/engine'
import { at, doc, loadAll, registry, unitOf, AGENCIES } from './helpers/doc-fixtures'
import { documentUnits } from '../core/kpi/documents'
import { makePeriod, type Period } from '../core/kpi/period'
import type { Structure, UnitLevel } from '../core/kpi/units'

let e: TestEngine
beforeAll(async () => {
  e = await testEngine()
})
afterAll(async () => {
  await e.close()
})
beforeEach(async () => {
  await e.reset()
})

const FAR = new Date('2030-01-01T00:00:00Z')
const SEP = makePeriod('2025-09-01', '2025-09-30', FAR)
const OCT = makePeriod('2025-10-01', '2025-10-31', FAR)
const NOV = makePeriod('2025-11-01', '2025-11-30', FAR)

const ALL = Object.keys(AGENCIES)

const units = (level: UnitLevel, period: Period, structure: Structure = 'current') => documentUnits(e.store, { level, structure, period })
const prov = async (code: string, period: Period = OCT, structure: Structure = 'current') => unitOf(await units('province', period, structure), code)
const min = async (code: string, period: Period = OCT) => unitOf(await units('ministry', period), code)

const ZERO = { sent: 0, received: 0, accepted_rate: null, refused_rate: null, latency_p50_s: null, latency_p95_s: null, unacknowledged: 0 }

describe('document figures', () => {
  it('counts exchanges (document_id, from, to): one document to 3 recipients is 3 received and 3 sent', async () => {
    await registry(e, ...ALL)
    await loadAll(e, 'document', [
      // D1: G22.X (ministry G22) → H01, C01 (province 01) and H79 (province 79): 3 exchanges.
      doc('D1|G22.X|H01', '00', '2025-10-05 09:00'),
      doc('D1|G22.X|C01', '00', '2025-10-05 09:00'),
      doc('D1|G22.X|H79', '00', '2025-10-05 09:00'),
      // Status replies belong to their exchange, they add none.
      doc('D1|G22.X|H01', '01', '2025-10-05 09:01'),
      doc('D1|G22.X|H01', '03', '2025-10-05 10:00'),
      // D2: H01 → H79 (01 sends, 79 receives); D3: H01 → C01 (01 both sends and receives).
      doc('D2|H01|H79', '00', '2025-10-06 09:00'),
      doc('D3|H01|C01', '00', '2025-10-07 09:00'),
      // D1 again, from another sender (G01) to H01: another exchange of the same document_id.
      doc('D1|G01|H01', '00', '2025-10-08 09:00'),
    ])
    // Province 01: received D1→H01, D1→C01, D3→C01, D1(G01)→H01 = 4; sent D2, D3 = 2.
    // Province 79: received D1→H79, D2→H79 = 2; sent 0.
    expect(await prov('01')).toMatchObject({ sent: 2, received: 4 })
    expect(await prov('79')).toMatchObject({ sent: 0, received: 2 })
    // Ministry G22 sent D1 ×3; G01 sent 1; no ministry received anything.
    expect(await min('G22')).toMatchObject({ sent: 3, received: 0 })
    expect(await min('G01')).toMatchObject({ sent: 1, received: 0 })
    // Nothing leaks elsewhere: over all 34 provinces sent = 2, received = 6.
    const all = await units('province', OCT)
    expect(all).toHaveLength(34)
    expect(all.reduce((s, u) => s + u.sent, 0)).toBe(2)
    expect(all.reduce((s, u) => s + u.received, 0)).toBe(6)
  })

  it('sent_at is the earliest 00 event: it alone places the exchange in a period', async () => {
    await registry(e, 'H01', 'G22')
    await loadAll(e, 'document', [
      // X: 00 on 09-30 23:30 and again on 10-02 (a resend, another event_id): sent in September.
      doc('X|G22|H01', '00', '2025-10-02 09:00'),
      doc('X|G22|H01', '00', '2025-09-30 23:30'),
      // Y: 00 on 10-31 23:00 and 11-01 10:00: sent in October.
      doc('Y|G22|H01', '00', '2025-11-01 10:00'),
      doc('Y|G22|H01', '00', '2025-10-31 23:00'),
    ])
    // September: X; October: Y; November: none. Each exchange is counted once.
    expect(await prov('01', SEP)).toMatchObject({ received: 1 })
    expect(await prov('01', OCT)).toMatchObject({ received: 1 })
    expect(await prov('01', NOV)).toMatchObject({ received: 0 })
    expect(await min('G22', SEP)).toMatchObject({ sent: 1 })
    expect(await min('G22', OCT)).toMatchObject({ sent: 1 })
    expect(await min('G22', NOV)).toMatchObject({ sent: 0 })
  })

  it('an exchange with no 00 event counts in no figure, not even unacknowledged', async () => {
    await registry(e, 'H01', 'H79', 'G22')
    await loadAll(e, 'document', [
      // N1 → H01: 01, 02, 03 but never 00. N2 → H01: only a 04 (assigned), long ago.
      doc('N1|G22|H01', '01', '2025-10-05 09:00'),
      doc('N1|G22|H01', '02', '2025-10-05 10:00'),
      doc('N1|G22|H01', '03', '2025-10-05 11:00'),
      doc('N2|G22|H01', '04', '2025-09-01 09:00'),
      // H79: one normal exchange (00, 03), plus a no-00 exchange with 02 and 03 that must not
      // enter received, the rates or the latency.
      doc('OK|G22|H79', '00', '2025-10-05 09:00'),
      doc('OK|G22|H79', '01', '2025-10-05 09:01'),
      doc('OK|G22|H79', '03', '2025-10-05 09:10'),
      doc('N3|G22|H79', '02', '2025-10-06 09:00'),
      doc('N3|G22|H79', '03', '2025-10-06 09:00:01'),
    ])
    // 01: everything zero/null. 79: received 1 (OK), accepted_rate 1/1, refused_rate 0/1, latency 600 s.
    expect(await prov('01')).toMatchObject(ZERO)
    expect(await prov('01', SEP)).toMatchObject(ZERO)
    expect(await prov('79')).toMatchObject({ sent: 0, received: 1, accepted_rate: 1, refused_rate: 0, latency_p50_s: 600, latency_p95_s: 600, unacknowledged: 0 })
    // G22 sent only OK.
    expect(await min('G22')).toMatchObject({ sent: 1, received: 0, unacknowledged: 0 })
  })

  it('arrived / accepted / refused are the earliest 01 / 03 / 02; rates are shares of received', async () => {
    await registry(e, 'H79', 'G22')
    await loadAll(e, 'document', [
      // A: accepted twice (10:20 loaded first, then 09:05): accepted_at 09:05 → latency 300 s.
      doc('A|G22|H79', '00', '2025-10-05 09:00'),
      doc('A|G22|H79', '03', '2025-10-05 09:20'),
      doc('A|G22|H79', '03', '2025-10-05 09:05'),
      // B: refused twice: counts once in refused.
      doc('B|G22|H79', '00', '2025-10-05 09:00'),
      doc('B|G22|H79', '02', '2025-10-05 11:00'),
      doc('B|G22|H79', '02', '2025-10-05 10:00'),
      // C: refused and accepted: both. Latency 3600 s.
      doc('C|G22|H79', '00', '2025-10-05 09:00'),
      doc('C|G22|H79', '02', '2025-10-05 09:30'),
      doc('C|G22|H79', '03', '2025-10-05 10:00'),
      // D: arrived only (01 twice).
      doc('D|G22|H79', '00', '2025-10-05 09:00'),
      doc('D|G22|H79', '01', '2025-10-05 09:02'),
      doc('D|G22|H79', '01', '2025-10-05 09:01'),
      // E: accepted after 600 s, with a later 06 (completed) that is no acceptance.
      doc('E|G22|H79', '00', '2025-10-05 09:00'),
      doc('E|G22|H79', '03', '2025-10-05 09:10'),
      doc('E|G22|H79', '06', '2025-10-05 09:11'),
    ])
    // received 5; accepted A, C, E = 3 → 0.6; refused B, C = 2 → 0.4.
    // Latencies sorted [300 (A, earliest 03), 600 (E), 3600 (C)], n = 3:
    //   p50 at min(⌊1.5⌋, 2) = 1 → 600 (with A's latest 03, 1200 s, it would be 1200);
    //   p95 at min(⌊2.85⌋, 2) = 2 → 3600.
    expect(await prov('79')).toMatchObject({ received: 5, accepted_rate: 0.6, refused_rate: 0.4, latency_p50_s: 600, latency_p95_s: 3600 })
  })

  it('rates and latencies are null with 0 received; latencies are null when none is accepted', async () => {
    await registry(e, 'H01', 'H79', 'H04')
    await loadAll(e, 'document', [
      // 01 sends two exchanges to 79 and receives none. 79: one arrived, one refused, none accepted.
      doc('R1|H01|H79', '00', '2025-10-05 09:00'),
      doc('R1|H01|H79', '01', '2025-10-05 09:05'),
      doc('R2|H01|H79', '00', '2025-10-05 09:00'),
      doc('R2|H01|H79', '02', '2025-10-05 09:05'),
    ])
    expect(await prov('01')).toMatchObject({ ...ZERO, sent: 2 })
    expect(await prov('79')).toMatchObject({ sent: 0, received: 2, accepted_rate: 0, refused_rate: 0.5, latency_p50_s: null, latency_p95_s: null, unacknowledged: 0 })
    // 04 has an agency and no exchange; 96 (Cà Mau) has no agency: both all zero / null.
    expect(await prov('04')).toMatchObject(ZERO)
    expect(await prov('96')).toMatchObject(ZERO)
  })

  it('latency percentiles follow quantileExact: position min(⌊p·n⌋, n−1) of the sorted values, fractional seconds exact', async () => {
    await registry(e, 'H01', 'H79', 'H04', 'G22')
    const ex = (unit: string, i: number, sent: string, accepted: string) => [
      doc(`L${unit}-${i}|G22|${unit}`, '00', sent),
      doc(`L${unit}-${i}|G22|${unit}`, '03', accepted),
    ]
    await loadAll(e, 'document', [
      // n = 4 at H01: 0.75 s (sent at .250, in UTC), 90 s, 3600.125 s, 86400 s.
      ...ex('H01', 1, '2025-10-01T02:15:00.250Z', '2025-10-01T02:15:01Z'),
      ...ex('H01', 2, '2025-10-02 09:00', '2025-10-02 09:01:30'),
      ...ex('H01', 3, '2025-10-03 09:00', '2025-10-03 10:00:00.125'),
      ...ex('H01', 4, '2025-10-04 09:00', '2025-10-05 09:00'),
      // n = 5 at H79: 1 s, 2.5 s, 60 s, 600.000001 s, 7200 s.
      ...ex('H79', 1, '2025-10-01 09:00', '2025-10-01 09:00:01'),
      ...ex('H79', 2, '2025-10-02 09:00', '2025-10-02 09:00:02.5'),
      ...ex('H79', 3, '2025-10-03 09:00', '2025-10-03 09:01'),
      ...ex('H79', 4, '2025-10-04 09:00', '2025-10-04 09:10:00.000001'),
      ...ex('H79', 5, '2025-10-05 09:00', '2025-10-05 11:00'),
      // n = 21 at H04: 1, 2, …, 21 s.
      ...Array.from({ length: 21 }, (_, k) => ex('H04', k + 1, '2025-10-10 09:00', `2025-10-10 09:00:${String(k + 1).padStart(2, '0')}`)).flat(),
    ])
    // n = 4: p50 at ⌊2⌋ = 2 → 3600.125 (the upper median, not 90 nor the mean 1845.0625);
    //        p95 at ⌊3.8⌋ = 3 → 86400 (interpolation would give 3600.125 + 0.85·82799.875 = 73980.…).
    expect(await prov('01')).toMatchObject({ received: 4, accepted_rate: 1, latency_p50_s: 3600.125, latency_p95_s: 86400 })
    // n = 5: p50 at ⌊2.5⌋ = 2 → 60; p95 at min(⌊4.75⌋, 4) = 4 → 7200 (interpolation: 5880.0…).
    expect(await prov('79')).toMatchObject({ received: 5, latency_p50_s: 60, latency_p95_s: 7200 })
    // n = 21: p50 at ⌊10.5⌋ = 10 → 11 s; p95 at ⌊19.95⌋ = 19 → 20 s (not the maximum 21).
    expect(await prov('04')).toMatchObject({ received: 21, latency_p50_s: 11, latency_p95_s: 20 })
    // A single accepted exchange with a fractional latency: both percentiles are that value.
    await loadAll(e, 'document', [...ex('H79', 6, '2025-11-03T01:00:00.250Z', '2025-11-03T01:00:01.000001Z')])
    expect(await prov('79', NOV)).toMatchObject({ received: 1, latency_p50_s: 0.750001, latency_p95_s: 0.750001 })
  })

  it('a latency counted earlier leaves when a later delivery changes it (an earlier 03, an earlier 00)', async () => {
    await registry(e, 'H01', 'G22')
    // A: 3600 s; B: 600 s. n = 2: p50 at ⌊1⌋ = 1 → 3600, p95 at ⌊1.9⌋ = 1 → 3600.
    await loadAll(e, 'document', [
      doc('A|G22|H01', '00', '2025-10-05 09:00'),
      doc('A|G22|H01', '03', '2025-10-05 10:00'),
      doc('B|G22|H01', '00', '2025-10-06 09:00'),
      doc('B|G22|H01', '03', '2025-10-06 09:10'),
    ])
    expect(await prov('01')).toMatchObject({ received: 2, latency_p50_s: 3600, latency_p95_s: 3600 })
    // A is accepted earlier than first told (300 s); B was sent earlier, on 30 September
    // (6 days and 10 minutes: 519,000 s, in September); C arrives (60 s).
    await loadAll(e, 'document', [doc('A|G22|H01', '03', '2025-10-05 09:05'), doc('B|G22|H01', '00', '2025-09-30 09:00')])
    await loadAll(e, 'document', [doc('C|G22|H01', '00', '2025-10-07 09:00'), doc('C|G22|H01', '03', '2025-10-07 09:01')])
    // October: 60, 300 → both percentiles at position 1 → 300 s. Had the old rows stayed
    // (60, 300, 600, 3600), p50 would be 600.
    expect(await prov('01')).toMatchObject({ received: 2, latency_p50_s: 300, latency_p95_s: 300 })
    expect(await prov('01', SEP)).toMatchObject({ received: 1, latency_p50_s: 519_000, latency_p95_s: 519_000 })
  })

  it('unacknowledged at T: sent_at ≤ T − 24 h, and neither arrived_at ≤ T nor refused_at ≤ T', async () => {
    await registry(e, 'H79', 'G22')
    // T = now = 2025-10-20 12:00 +07 (earlier than October's end); T − 24 h = 2025-10-19 12:00 +07.
    const now = at('2025-10-20 12:00')
    const P = makePeriod('2025-10-01', '2025-10-31', now)
    expect(P.T).toEqual(now)
    await loadAll(e, 'document', [
      doc('U1|G22|H79', '00', '2025-10-19 12:00'), // exactly T − 24 h, no reply: counts
      doc('U2|G22|H79', '00', '2025-10-19 12:00:00.000001'), // 1 µs too late: not yet
      doc('U3|G22|H79', '00', '2025-10-10 09:00'), // arrived after T: counts
      doc('U3|G22|H79', '01', '2025-10-20 12:00:00.000001'),
      doc('U4|G22|H79', '00', '2025-10-10 09:00'), // arrived exactly at T: acknowledged
      doc('U4|G22|H79', '01', '2025-10-20 12:00'),
      doc('U5|G22|H79', '00', '2025-10-10 09:00'), // refused before T: acknowledged
      doc('U5|G22|H79', '02', '2025-10-15 09:00'),
      doc('U6|G22|H79', '00', '2025-10-10 09:00'), // refused after T: counts
      doc('U6|G22|H79', '02', '2025-10-25 09:00'),
      doc('U7|G22|H79', '00', '2025-09-01 09:00'), // sent before the period, never answered: counts
      doc('U8|G22|H79', '00', '2025-10-10 09:00'), // accepted (03) without any 01 or 02: counts, by the definition
      doc('U8|G22|H79', '03', '2025-10-11 09:00'),
      doc('U9|G22|H79', '00', '2025-10-10 09:00'), // two 01: the earliest (before T) decides: acknowledged
      doc('U9|G22|H79', '01', '2025-10-22 09:00'),
      doc('U9|G22|H79', '01', '2025-10-12 09:00'),
      doc('U10|G22|H79', '00', '2025-10-20 11:00'), // sent 1 h before T: not yet
      doc('U11|G22|H79', '01', '2025-09-01 09:00'), // no 00 at all: never counts
    ])
    // Counted: U1, U3, U6, U7, U8 = 5. The sender's unit counts no unacknowledged.
    expect(await prov('79', P)).toMatchObject({ unacknowledged: 5 })
    expect(await min('G22', P)).toMatchObject({ unacknowledged: 0 })
    // At the end of October (T = 11-01 00:00): U2, U10 are now over 24 h old, U3 and U6 are
    // acknowledged (01 on 10-20 12:00:00.000001, 02 on 10-25): U1, U2, U7, U8, U10 = 5.
    expect(await prov('79', OCT)).toMatchObject({ unacknowledged: 5 })
    // At the end of September (T = 10-01 00:00): only U7 was sent; it counts.
    expect(await prov('79', SEP)).toMatchObject({ unacknowledged: 1 })
  })

  it('period bounds are days in Asia/Ho_Chi_Minh: [00:00 of from, 00:00 after to)', async () => {
    await registry(e, 'H01', 'G22')
    await loadAll(e, 'document', [
      doc('B1|G22|H01', '00', '2025-09-30T16:59:59.999999Z'), // 09-30 23:59:59.999999 +07: September
      doc('B2|G22|H01', '00', '2025-09-30T17:00:00Z'), // 10-01 00:00 +07: October (start, inclusive)
      doc('B3|G22|H01', '00', '2025-10-31T16:59:59.999999Z'), // 10-31 23:59:59.999999 +07: October
      doc('B4|G22|H01', '00', '2025-10-31T17:00:00Z'), // 11-01 00:00 +07: November (end, exclusive)
      doc('B5|G22|H01', '00', '2025-10-01T02:00:00+09:00'), // 2025-09-30 17:00 UTC = 10-01 00:00 +07: October
    ])
    expect(await prov('01', SEP)).toMatchObject({ received: 1 })
    expect(await prov('01', OCT)).toMatchObject({ received: 3 })
    expect(await prov('01', NOV)).toMatchObject({ received: 1 })
    // A one-day period: 2025-10-01 holds B2 and B5.
    expect(await prov('01', makePeriod('2025-10-01', '2025-10-01', FAR))).toMatchObject({ received: 2 })
    expect(await min('G22', makePeriod('2025-10-31', '2025-10-31', FAR))).toMatchObject({ sent: 1 })
  })

  it('structure: an agency of former province 74 counts under 79 (current) and under 74 (historical)', async () => {
    await registry(e, 'H79', 'H74', 'C74', 'G22')
    await loadAll(e, 'document', [
      doc('S1|G22|H74', '00', '2025-06-10 09:00'), // before 1 July 2025
      doc('S2|G22|C74', '00', '2025-10-10 09:00'),
      doc('S3|G22|H79', '00', '2025-10-11 09:00'),
      doc('S4|H74|H79', '00', '2025-10-12 09:00'), // 74 → 79
      // accepted after 10, 40 and 20 s: the latencies follow the recipient's unit of each structure
      doc('S2|G22|C74', '03', '2025-10-10 09:00:10'),
      doc('S3|G22|H79', '03', '2025-10-11 09:00:40'),
      doc('S4|H74|H79', '03', '2025-10-12 09:00:20'),
    ])
    const JUN = makePeriod('2025-06-01', '2025-06-30', FAR)
    // Current: 79 received S1 (June), S2, S3, S4 (October); sent S4. 74 is not a current unit.
    // Its October latencies 10, 20, 40 s: p50 at position ⌊0.5·3⌋ = 1, p95 at min(⌊0.95·3⌋, 2) = 2.
    expect(await prov('79', JUN)).toMatchObject({ received: 1, sent: 0 })
    expect(await prov('79', OCT)).toMatchObject({ received: 3, sent: 1, latency_p50_s: 20, latency_p95_s: 40 })
    expect((await units('province', OCT)).map((u) => u.code)).not.toContain('74')
    // Historical: units are the registry's codes 74 and 79. 74 received S2 in October (S1 in June); sent S4.
    // 79 received S3, S4.
    const hist = await units('province', OCT, 'historical')
    expect(hist.map((u) => u.code)).toEqual(['74', '79'])
    expect(unitOf(hist, '74')).toMatchObject({ name: 'Tỉnh Bình Dương', received: 1, sent: 1, latency_p50_s: 10, latency_p95_s: 10 })
    // 79: 20 and 40 s, both at position 1
    expect(unitOf(hist, '79')).toMatchObject({ received: 2, sent: 0, latency_p50_s: 40, latency_p95_s: 40 })
    expect(await prov('74', JUN, 'historical')).toMatchObject({ received: 1 })
  })

  it('ministry units: a central agency counts under the ministry its registry row names', async () => {
    await registry(e, 'G22', 'G22.X', 'G01', 'G99.X', 'H01')
    await loadAll(e, 'document', [
      doc('M1|G22.X|H01', '00', '2025-10-05 09:00'), // G22 sends
      doc('M2|G01|G22.X', '00', '2025-10-05 09:00'), // G01 sends, G22 receives
      doc('M2|G01|G22.X', '03', '2025-10-05 09:00:30'),
      doc('M3|G01|G22', '00', '2025-10-05 09:00'), // G01 sends, G22 (the ministry's own row) receives
      doc('M4|G99.X|G22', '00', '2025-10-05 09:00'), // G99 is no ministry unit: G22 receives, nobody sends
    ])
    const ms = await units('ministry', OCT)
    expect(ms.map((u) => u.code)).toEqual(['G01', 'G22'])
    // G22: sent M1 = 1; received M2, M3, M4 = 3, accepted M2 → 1/3, latency 30 s. G01: sent 2.
    expect(unitOf(ms, 'G22')).toMatchObject({ name: 'Văn phòng Chính phủ', sent: 1, received: 3, accepted_rate: 1 / 3, refused_rate: 0, latency_p50_s: 30, latency_p95_s: 30 })
    expect(unitOf(ms, 'G01')).toMatchObject({ sent: 2, received: 0 })
    // At province level the central agencies belong to no unit: 01 received M1 only.
    expect(await prov('01')).toMatchObject({ sent: 0, received: 1 })
  })

  it('an agency not in the registry belongs to no unit', async () => {
    await registry(e, 'H01', 'G22')
    await loadAll(e, 'document', [
      doc('Z1|ZZZ|H01', '00', '2025-10-05 09:00'), // unmapped sender: 01 receives
      doc('Z2|H01|ZZZ', '00', '2025-10-05 09:00'), // unmapped recipient: 01 sends
      doc('Z3|ZZZ|YYY', '00', '2025-09-01 09:00'), // both unmapped: nobody
    ])
    expect(await prov('01')).toMatchObject({ sent: 1, received: 1, unacknowledged: 1 })
    const all = await units('province', OCT)
    expect(all.reduce((s, u) => s + u.sent + u.received + u.unacknowledged, 0)).toBe(3)
    expect(all.map((u) => u.code)).not.toContain('')
    expect(await min('G22')).toMatchObject(ZERO)
    const ms = await units('ministry', OCT)
    expect(ms.map((u) => u.code)).toEqual(['G22'])
  })

  it('the registry is read as it is now: loaded after the events, or moved, with no re-ingest', async () => {
    await loadAll(e, 'document', [
      doc('Q1|G22|H01', '00', '2025-10-05 09:00'),
      doc('Q2|G22|MV', '00', '2025-10-05 09:00'),
      doc('Q2|G22|MV', '03', '2025-10-05 09:01'),
    ])
    // No registry yet: no unit at all at ministry level, and the provinces are all zero.
    expect(await units('ministry', OCT)).toEqual([])
    expect((await units('province', OCT)).every((u) => u.sent === 0 && u.received === 0)).toBe(true)
    // The registry learns H01, G22 and MV (in province 04): Q1 → 01, Q2 → 04, G22 sent 2.
    await registry(e, 'H01', 'G22', { agency_code: 'MV', name: 'Sở Nội vụ', level: 'province', province_code: '04' })
    expect(await prov('01')).toMatchObject({ received: 1 })
    expect(await prov('04')).toMatchObject({ received: 1, accepted_rate: 1, latency_p50_s: 60 })
    expect(await min('G22')).toMatchObject({ sent: 2 })
    // MV moves to 79: all its exchanges follow it.
    await registry(e, { agency_code: 'MV', name: 'Sở Nội vụ', level: 'province', province_code: '79' })
    expect(await prov('04')).toMatchObject(ZERO)
    expect(await prov('79')).toMatchObject({ received: 1, accepted_rate: 1, latency_p50_s: 60 })
  })

  it('duplicates change nothing: an event_id twice in one delivery, and a redelivered file', async () => {
    await registry(e, 'H01', 'G22')
    const file = [
      doc('K1|G22|H01', '00', '2025-10-05 09:00', 'k1-00'),
      doc('K1|G22|H01', '01', '2025-10-05 09:05', 'k1-01'),
      doc('K1|G22|H01', '03', '2025-10-05 09:10', 'k1-03'),
      // Same event_id as the line above, other content (an earlier 03): the first line wins.
      doc('K1|G22|H01', '03', '2025-10-05 09:01', 'k1-03'),
      doc('K2|G22|H01', '00', '2025-10-06 09:00', 'k2-00'),
      // Same event_id as K2's 00, as an earlier 00 in September: a duplicate, not a resend.
      doc('K2|G22|H01', '00', '2025-09-06 09:00', 'k2-00'),
      doc('K2|G22|H01', '02', '2025-10-06 09:30', 'k2-02'),
    ]
    const r1 = await e.load('document', file, 'documents-2025-10.ndjson')
    expect(r1).toMatchObject({ accepted: 5, duplicates: 2, rejected: 0 })
    // received K1, K2 (both October; K2's duplicate September 00 is ignored); accepted K1 after
    // 600 s (the duplicate's 09:01 would give 60 s); refused K2; K1 arrived, K2 refused: 0 unacknowledged.
    const expected = { sent: 0, received: 2, accepted_rate: 0.5, refused_rate: 0.5, latency_p50_s: 600, latency_p95_s: 600, unacknowledged: 0 }
    expect(await prov('01')).toMatchObject(expected)
    expect(await prov('01', SEP)).toMatchObject(ZERO)
    expect(await min('G22')).toMatchObject({ sent: 2 })
    // The same file again: every line a duplicate, nothing changes.
    const r2 = await e.load('document', file, 'documents-2025-10.ndjson')
    expect(r2).toMatchObject({ accepted: 0, duplicates: 7, rejected: 0 })
    // And one event again alone, in a later delivery from another source.
    const r3 = await e.load('document', [doc('K1|G22|H01', '03', '2025-10-05 09:00:01', 'k1-03')], 'other')
    expect(r3).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 })
    expect(await prov('01')).toMatchObject(expected)
    expect(await prov('01', SEP)).toMatchObject(ZERO)
    expect(await min('G22')).toMatchObject({ sent: 2 })
  })

  it('figures do not depend on arrival order', async () => {
    await registry(e, 'H01', 'G22')
    // The replies arrive first, the 00 days later in another delivery.
    await loadAll(e, 'document', [doc('O1|G22|H01', '03', '2025-10-05 09:20'), doc('O1|G22|H01', '01', '2025-10-05 09:10')])
    expect(await prov('01')).toMatchObject(ZERO)
    await loadAll(e, 'document', [doc('O1|G22|H01', '00', '2025-10-05 09:00')])
    expect(await prov('01')).toMatchObject({ received: 1, accepted_rate: 1, refused_rate: 0, latency_p50_s: 1200, latency_p95_s: 1200, unacknowledged: 0 })
  })
})
