// Connection progress of docs/kpi.md ("Connection progress", with "Time" and "Units and
// attribution"), end to end: connection, document and dossier events go in through the real
// ingest pipeline into a real embedded engine, figures come out of core/kpi/connections. Every
// case is small and hand-computed.
//
// Time shorthand: vn('2025-10-01 09:00') = 2025-10-01T09:00:00+07:00. October's period is
// [2025-10-01 00:00 +07, 2025-11-01 00:00 +07); with `now` far in the future, T is its end,
// 2025-11-01 00:00 +07, and T − 30 days is 2025-10-02 00:00 +07.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testEngine, type TestEngine } from './helpers/engine'
import { at, conn, doc, dossier, loadAll, registry, unitOf } from './helpers/doc-fixtures'
import { connectionSeries, connectionUnits, monthEnds, planTarget } from '../core/kpi/connections'
import { makePeriod, type Period } from '../core/kpi/period'
import type { Structure, UnitLevel } from '../core/kpi/units'
import type { Platform } from '../ingest/records'

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
const OCT = makePeriod('2025-10-01', '2025-10-31', FAR)

const DA: Platform = 'document_axis'
const SP: Platform = 'service_portal'

const units = (platform: Platform, period: Period = OCT, level: UnitLevel = 'province', structure: Structure = 'current') =>
  connectionUnits(e.store, { level, structure, platform, period })
const prov = async (code: string, platform: Platform = DA, period: Period = OCT, structure: Structure = 'current') =>
  unitOf(await units(platform, period, 'province', structure), code)

/** A province-01 agency with a code of our own (the registry of this file is mostly ad hoc). */
const p = (code: string, province_code = '01', level = 'commune') => ({ agency_code: code, name: `UBND ${code}`, level, province_code })

describe('connection progress', () => {
  it('state at T is the latest event at or before T; none before the first event', async () => {
    await registry(e, p('A1'), p('A2'), p('A3'), p('A4'), p('A5'), p('A6'))
    // Loaded newest first: arrival order must not matter.
    await loadAll(e, 'connection', [
      conn('A1', DA, 'disconnected', '2025-10-10 09:00'), // A1: connected 09-01, disconnected 10-10 → disconnected
      conn('A1', DA, 'connected', '2025-09-01 09:00'),
      conn('A2', DA, 'connected', '2025-10-20 09:00'), // A2: testing 09-01, connected 10-20 → connected
      conn('A2', DA, 'testing', '2025-09-01 09:00'),
      conn('A3', DA, 'connected', '2025-11-01 00:00'), // A3: first event exactly at T → connected
      conn('A4', DA, 'connected', '2025-11-01 00:00:00.000001'), // A4: first event 1 µs after T → none
      conn('A5', DA, 'disconnected', '2025-11-05 09:00'), // A5: connected, then disconnected after T → connected
      conn('A5', DA, 'connected', '2025-10-30 09:00'),
      // A6: no event at all → none.
    ])
    // agencies 6; connected A2, A3, A5 = 3; rate 0.5. No activity: active 0.
    expect(await prov('01')).toMatchObject({ agencies: 6, connected: 3, connected_rate: 0.5, active: 0 })
    // At the end of September (T = 10-01 00:00): A1 connected, A2 testing, others none → 1 of 6.
    expect(await prov('01', DA, makePeriod('2025-09-01', '2025-09-30', FAR))).toMatchObject({ agencies: 6, connected: 1, connected_rate: 1 / 6 })
    // At the end of August: nobody has an event yet.
    expect(await prov('01', DA, makePeriod('2025-08-01', '2025-08-31', FAR))).toMatchObject({ agencies: 6, connected: 0, connected_rate: 0 })
  })

  it('ties on occurred_at: the greatest event_id wins', async () => {
    await registry(e, p('T1'), p('T2'), p('T3'))
    await loadAll(e, 'connection', [
      // T1: 'e-2' (disconnected) > 'e-1' (connected) at one instant → disconnected (loaded first: order irrelevant).
      conn('T1', DA, 'disconnected', '2025-10-10 09:00', 't1-e-2'),
      conn('T1', DA, 'connected', '2025-10-10 09:00', 't1-e-1'),
      // T2: 'e-2' (connected) > 'e-1' (disconnected) → connected.
      conn('T2', DA, 'connected', '2025-10-10 09:00', 't2-e-2'),
      conn('T2', DA, 'disconnected', '2025-10-10 09:00', 't2-e-1'),
      // T3: 'e-10' < 'e-9' as strings: 'e-9' (connected) wins over 'e-10' (testing).
      conn('T3', DA, 'testing', '2025-10-10 09:00', 't3-e-10'),
      conn('T3', DA, 'connected', '2025-10-10 09:00', 't3-e-9'),
    ])
    // connected T2, T3 = 2 of 3.
    expect(await prov('01')).toMatchObject({ agencies: 3, connected: 2, connected_rate: 2 / 3 })
  })

  it('agencies are the registry agencies of the unit, with or without events; connected_rate is null with 0 agencies', async () => {
    await registry(
      e,
      p('H01', '01', 'province'), p('C01'), p('D01', '01', 'district'), // province 01: 3 agencies of 3 local levels
      p('H74', '74', 'province'), p('H79', '79', 'province'), // province 79 (current) / 74 and 79 (historical)
      { agency_code: 'G22', name: 'Văn phòng Chính phủ', level: 'central', ministry: 'G22' },
      { agency_code: 'G22.X', name: 'Cục', level: 'central', ministry: 'G22' },
      { agency_code: 'G99.X', name: 'Cục của một bộ chưa đăng ký', level: 'central', ministry: 'G99' },
    )
    await loadAll(e, 'connection', [
      conn('H01', DA, 'connected', '2025-09-01 09:00'),
      conn('H74', DA, 'connected', '2025-09-01 09:00'),
      conn('G22.X', DA, 'connected', '2025-09-01 09:00'),
      conn('G99.X', DA, 'connected', '2025-09-01 09:00'),
      conn('ZZZ', DA, 'connected', '2025-09-01 09:00'), // not in the registry: no unit
    ])
    expect(await prov('01')).toMatchObject({ agencies: 3, connected: 1, connected_rate: 1 / 3 })
    // Current: 79 has H74 and H79, H74 connected.
    expect(await prov('79')).toMatchObject({ agencies: 2, connected: 1, connected_rate: 0.5 })
    // 04 has no registry agency: 0 agencies, rate null.
    expect(await prov('04')).toMatchObject({ agencies: 0, connected: 0, connected_rate: null, active: 0 })
    const all = await units(DA)
    expect(all).toHaveLength(34)
    expect(all.reduce((s, u) => s + u.agencies, 0)).toBe(5)
    expect(all.reduce((s, u) => s + u.connected, 0)).toBe(2)
    // Historical: units 01, 74, 79; 74 = H74 (connected), 79 = H79.
    const hist = await units(DA, OCT, 'province', 'historical')
    expect(hist.map((u) => u.code)).toEqual(['01', '74', '79'])
    expect(unitOf(hist, '74')).toMatchObject({ agencies: 1, connected: 1, connected_rate: 1 })
    expect(unitOf(hist, '79')).toMatchObject({ agencies: 1, connected: 0, connected_rate: 0 })
    // Ministry: G22 = G22 and G22.X (G22.X connected); G99.X is in no unit.
    const ms = await units(DA, OCT, 'ministry')
    expect(ms.map((u) => u.code)).toEqual(['G22'])
    expect(unitOf(ms, 'G22')).toMatchObject({ agencies: 2, connected: 1, connected_rate: 0.5, active: 0 })
  })

  it('active on document_axis: connected, with a document event naming it as from or to in (T − 30 days, T]', async () => {
    const codes = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B8']
    await registry(e, ...codes.map((c) => p(c)))
    await loadAll(e, 'connection', [
      ...codes.filter((c) => c !== 'B5').map((c) => conn(c, DA, 'connected', '2025-09-01 09:00')),
      conn('B5', DA, 'disconnected', '2025-09-01 09:00'),
    ])
    await loadAll(e, 'document', [
      doc('W1|B1|X', '00', '2025-10-02 00:00'), // exactly T − 30 d: excluded
      doc('W2|X|B2', '00', '2025-10-02 00:00:00.000001'), // 1 µs after T − 30 d, as recipient: active
      doc('W3|B3|X', '00', '2025-11-01 00:00'), // exactly T: active
      doc('W4|B4|X', '00', '2025-11-01 00:00:00.000001'), // 1 µs after T: not
      doc('W5|B5|X', '00', '2025-10-20 09:00'), // B5 is disconnected: not active
      doc('W7|X|B7', '01', '2025-10-20 09:00'), // any document event counts, a reply (01) with no 00 too
      doc('W8|B8|X', '00', '2025-09-20 09:00'), // B8's only event is older than the window
    ])
    // B6: a dossier event only, which is no activity on the document axis.
    await loadAll(e, 'dossier', [dossier('B6', '2025-10-20 09:00')])
    // agencies 8; connected all but B5 = 7; active B2, B3, B7 = 3.
    expect(await prov('01', DA)).toMatchObject({ agencies: 8, connected: 7, connected_rate: 7 / 8, active: 3 })
    // Nobody is connected on the service portal: active 0 there.
    expect(await prov('01', SP)).toMatchObject({ agencies: 8, connected: 0, connected_rate: 0, active: 0 })
  })

  it('active on service_portal: connected, with a dossier event of its agency_code in (T − 30 days, T]', async () => {
    const codes = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']
    await registry(e, ...codes.map((c) => p(c)))
    await loadAll(e, 'connection', [
      ...['S1', 'S2', 'S3', 'S4', 'S5'].map((c) => conn(c, SP, 'connected', '2025-09-01 09:00')),
      conn('S6', SP, 'testing', '2025-09-01 09:00'),
    ])
    await loadAll(e, 'dossier', [
      dossier('S1', '2025-10-02 00:00'), // exactly T − 30 d: excluded
      dossier('S2', '2025-11-01 00:00'), // exactly T: active
      dossier('S3', '2025-10-15 09:00'), // inside: active
      dossier('S6', '2025-10-15 09:00'), // S6 is testing: not active
    ])
    // S4: a document event only, which is no activity on the service portal. S5: nothing.
    await loadAll(e, 'document', [doc('V4|S4|S5', '00', '2025-10-15 09:00')])
    // agencies 6; connected S1–S5 = 5; active S2, S3 = 2.
    expect(await prov('01', SP)).toMatchObject({ agencies: 6, connected: 5, connected_rate: 5 / 6, active: 2 })
  })

  it('platforms are independent', async () => {
    await registry(e, p('P1'), p('P2'))
    await loadAll(e, 'connection', [
      // P1: connected on the axis; on the portal connected then disconnected (later): the portal's
      // disconnection does not touch the axis.
      conn('P1', DA, 'connected', '2025-10-01 09:00'),
      conn('P1', SP, 'connected', '2025-10-02 09:00'),
      conn('P1', SP, 'disconnected', '2025-10-03 09:00'),
      // P2: connected on the portal only.
      conn('P2', SP, 'connected', '2025-10-01 09:00'),
    ])
    await loadAll(e, 'document', [doc('I1|P1|P2', '00', '2025-10-20 09:00')])
    await loadAll(e, 'dossier', [dossier('P1', '2025-10-20 09:00')])
    // Axis: P1 connected and active (document event); P2 has no axis event: none.
    expect(await prov('01', DA)).toMatchObject({ agencies: 2, connected: 1, connected_rate: 0.5, active: 1 })
    // Portal: P2 connected, not active (its only activity is a document event); P1 disconnected.
    expect(await prov('01', SP)).toMatchObject({ agencies: 2, connected: 1, connected_rate: 0.5, active: 0 })
  })

  it('T = now when now is earlier than the end of the period', async () => {
    await registry(e, p('N1'), p('N2'), p('N3'))
    // now = 2025-10-15 12:00 +07 → T = now; T − 30 d = 2025-09-15 12:00 +07.
    const now = at('2025-10-15 12:00')
    const P = makePeriod('2025-10-01', '2025-10-31', now)
    expect(P.T).toEqual(now)
    await loadAll(e, 'connection', [
      conn('N1', DA, 'connected', '2025-10-10 09:00'), // N1: connected at T, disconnected later
      conn('N1', DA, 'disconnected', '2025-10-20 09:00'),
      conn('N2', DA, 'connected', '2025-10-15 12:00:00.000001'), // N2: connected 1 µs after T
      conn('N3', DA, 'connected', '2025-09-01 09:00'), // N3: connected throughout
    ])
    await loadAll(e, 'document', [
      doc('NA|N1|X', '00', '2025-10-15 12:00'), // N1: exactly T: active
      doc('NB|N3|X', '00', '2025-09-15 12:00'), // N3: exactly T − 30 d: excluded
      doc('NC|N3|X', '00', '2025-10-16 09:00'), // N3: after T: excluded
    ])
    // At T = now: connected N1, N3 = 2 of 3; active N1 = 1.
    expect(await prov('01', DA, P)).toMatchObject({ agencies: 3, connected: 2, connected_rate: 2 / 3, active: 1 })
    // At the end of October: N2, N3 connected; N3 active (NC on 10-16); N1 disconnected.
    expect(await prov('01', DA, OCT)).toMatchObject({ agencies: 3, connected: 2, connected_rate: 2 / 3, active: 1 })
  })

  it('the registry is read as it is now (learned later, moved), and duplicate event_ids change nothing', async () => {
    await loadAll(e, 'connection', [conn('R1', DA, 'connected', '2025-09-01 09:00', 'r1-a'), conn('R2', DA, 'connected', '2025-09-01 09:00', 'r2-a')])
    // Unknown agencies: in no unit.
    expect((await units(DA)).reduce((s, u) => s + u.agencies + u.connected, 0)).toBe(0)
    // The registry learns R1 and R2 in province 01: 2 of 2 connected, no re-ingest.
    await registry(e, p('R1'), p('R2'))
    expect(await prov('01')).toMatchObject({ agencies: 2, connected: 2, connected_rate: 1 })
    // R2 moves to 79 (a new load of its row): counted once, in 79 only.
    await registry(e, p('R2', '79'))
    expect(await prov('01')).toMatchObject({ agencies: 1, connected: 1, connected_rate: 1 })
    expect(await prov('79')).toMatchObject({ agencies: 1, connected: 1, connected_rate: 1 })
    // A later event with R1's stored event_id (now 'disconnected', later): a duplicate, ignored;
    // in one delivery, the first of two lines with one event_id wins.
    const r = await e.load('connection', [
      conn('R1', DA, 'disconnected', '2025-10-10 09:00', 'r1-a'),
      conn('R2', DA, 'disconnected', '2025-10-10 09:00', 'r2-b'),
      conn('R2', DA, 'connected', '2025-10-11 09:00', 'r2-b'),
    ])
    expect(r).toMatchObject({ accepted: 1, duplicates: 2, rejected: 0 })
    // R1 still connected; R2 disconnected (r2-b is the 10-10 disconnection).
    expect(await prov('01')).toMatchObject({ agencies: 1, connected: 1 })
    expect(await prov('79')).toMatchObject({ agencies: 1, connected: 0, connected_rate: 0 })
  })

  it('connectionSeries: one point per month at its end, with plan = the target of the latest milestone on or before its last day', async () => {
    await registry(e, p('M1'), p('M2'), p('M3', '79', 'province'))
    await loadAll(e, 'connection', [
      conn('M1', DA, 'connected', '2025-09-10 09:00'),
      conn('M1', DA, 'disconnected', '2025-12-15 09:00'),
      conn('M2', DA, 'testing', '2025-09-20 09:00'),
      conn('M2', DA, 'connected', '2025-10-31 23:59:59.999999'), // the last instant of October
      conn('M3', DA, 'connected', '2025-08-01 09:00'), // another unit
    ])
    // Milestones out of order; one exactly on October's last day.
    const milestones = {
      document_axis: [
        { date: '2025-10-31', target: 0.5 },
        { date: '2025-09-15', target: 0.2 },
        { date: '2026-01-01', target: 1 },
      ],
      service_portal: [{ date: '2025-01-01', target: 0.9 }],
    }
    const P = makePeriod('2025-08-01', '2025-12-31', FAR)
    const series = await connectionSeries(e.store, { level: 'province', unit: '01', structure: 'current', platform: DA, period: P, milestones })
    // Province 01 = M1, M2 (2 agencies). Month ends (state at 00:00 of the next month):
    //   2025-08: none connected → 0, rate 0; plan 0 (before the first milestone, 09-15)
    //   2025-09: M1 → 1, 0.5; plan 0.2 (09-15 ≤ 09-30)
    //   2025-10: M1, M2 → 2, 1; plan 0.5 (10-31 ≤ 10-31)
    //   2025-11: M1, M2 → 2, 1; plan 0.5
    //   2025-12: M2 → 1, 0.5; plan 0.5 (2026-01-01 is after 12-31)
    expect(series).toEqual([
      { month: '2025-08', connected: 0, agencies: 2, connected_rate: 0, plan: 0 },
      { month: '2025-09', connected: 1, agencies: 2, connected_rate: 0.5, plan: 0.2 },
      { month: '2025-10', connected: 2, agencies: 2, connected_rate: 1, plan: 0.5 },
      { month: '2025-11', connected: 2, agencies: 2, connected_rate: 1, plan: 0.5 },
      { month: '2025-12', connected: 1, agencies: 2, connected_rate: 0.5, plan: 0.5 },
    ])
    // The other platform has no event: connected 0 every month; plan from its own milestones (0.9).
    const portal = await connectionSeries(e.store, { level: 'province', unit: '01', structure: 'current', platform: SP, period: P, milestones })
    expect(portal.map((x) => [x.month, x.connected, x.connected_rate, x.plan])).toEqual([
      ['2025-08', 0, 0, 0.9], ['2025-09', 0, 0, 0.9], ['2025-10', 0, 0, 0.9], ['2025-11', 0, 0, 0.9], ['2025-12', 0, 0, 0.9],
    ])
    // A unit with no agency: agencies 0 and rate null every month.
    const empty = await connectionSeries(e.store, { level: 'province', unit: '04', structure: 'current', platform: DA, period: P, milestones })
    expect(empty.map((x) => [x.agencies, x.connected, x.connected_rate])).toEqual(Array(5).fill([0, 0, null]))
    // T = now (2025-10-15 12:00 +07): August, September, October; October read at now (M2 not yet connected).
    const early = await connectionSeries(e.store, {
      level: 'province', unit: '01', structure: 'current', platform: DA, period: makePeriod('2025-08-01', '2025-12-31', at('2025-10-15 12:00')), milestones,
    })
    expect(early.map((x) => [x.month, x.connected, x.connected_rate])).toEqual([['2025-08', 0, 0], ['2025-09', 1, 0.5], ['2025-10', 1, 0.5]])
  })

  it('monthEnds: the months that meet the period, each ending at the next month’s 00:00 +07, the last at T', () => {
    const P = makePeriod('2025-09-15', '2025-11-10', FAR)
    expect(monthEnds(P)).toEqual([
      { label: '2025-09', at: at('2025-10-01 00:00') },
      { label: '2025-10', at: at('2025-11-01 00:00') },
      { label: '2025-11', at: at('2025-11-11 00:00') },
    ])
    // T = now, within the second month.
    expect(monthEnds(makePeriod('2025-09-15', '2025-11-10', at('2025-10-03 08:00')))).toEqual([
      { label: '2025-09', at: at('2025-10-01 00:00') },
      { label: '2025-10', at: at('2025-10-03 08:00') },
    ])
  })

  it('planTarget: the target of the latest milestone on or before the day; 0 before the first', () => {
    const ms = [
      { date: '2025-12-31', target: 0.8 },
      { date: '2025-09-30', target: 0.5 },
      { date: '2026-06-30', target: 1 },
    ]
    expect(planTarget(ms, '2025-09-29')).toBe(0)
    expect(planTarget(ms, '2025-09-30')).toBe(0.5)
    expect(planTarget(ms, '2025-12-30')).toBe(0.5)
    expect(planTarget(ms, '2025-12-31')).toBe(0.8)
    expect(planTarget(ms, '2026-06-30')).toBe(1)
    expect(planTarget(ms, '2030-01-01')).toBe(1)
    expect(planTarget([], '2030-01-01')).toBe(0)
    expect(planTarget(undefined, '2030-01-01')).toBe(0)
  })
})
