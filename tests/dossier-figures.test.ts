// Dossier figures of docs/kpi.md ("The state of a dossier", "Dossier figures",
// "Service index"), end to end: events go in through the real ingest pipeline into a real
// embedded engine, figures come out of core/kpi. Every case is small and hand-computed.
//
// Time shorthand: vn('2025-10-01 09:00') = 2025-10-01T09:00:00+07:00. October's period is
// [2025-10-01 00:00 +07, 2025-11-01 00:00 +07), and with `now` far in the future T is its end.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testEngine, type TestEngine } from './helpers/engine'
import { overdueCases, summary, trend, unitsTable, type DossierFigures } from '../core/kpi/dossiers'
import { dossierDetail } from '../core/kpi/dossier'
import { makePeriod, type Period } from '../core/kpi/period'
import type { Structure } from '../core/kpi/units'

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

// ---------------------------------------------------------------------------------------------
// Fixtures

const FAR = new Date('2030-01-01T00:00:00Z')
const OCT = makePeriod('2025-10-01', '2025-10-31', FAR)
const SEP = makePeriod('2025-09-01', '2025-09-30', FAR)
const NOV = makePeriod('2025-11-01', '2025-11-30', FAR)
const DEC = makePeriod('2025-12-01', '2025-12-31', FAR)

/** 'YYYY-MM-DD HH:MM[:SS[.ffffff]]' in Vietnamese time → ISO 8601 with +07:00; full ISO text passes through. */
function vn(s: string): string {
  if (s.includes('T')) return s
  const [d, t] = s.split(' ')
  return `${d}T${t.length === 5 ? `${t}:00` : t}+07:00`
}

interface Extra {
  event_id?: string
  agency_code?: string
  procedure_code?: string
  channel?: number
  received_at?: string
  due_at?: string
  finished_at?: string
  paid_online?: boolean
  digitized?: boolean
}

/** One dossier event; times in the vn() shorthand; event_id defaults to code:status:occurred_at. */
function ev(dossier_code: string, status: number, occurred_at: string, x: Extra = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    event_id: x.event_id ?? `${dossier_code}:${status}:${occurred_at}`,
    dossier_code,
    status,
    occurred_at: vn(occurred_at),
    agency_code: x.agency_code ?? 'P01',
    procedure_code: x.procedure_code ?? '1.001234',
  }
  if (x.channel !== undefined) out.channel = x.channel
  if (x.paid_online !== undefined) out.paid_online = x.paid_online
  if (x.digitized !== undefined) out.digitized = x.digitized
  for (const k of ['received_at', 'due_at', 'finished_at'] as const) if (x[k] !== undefined) out[k] = vn(x[k])
  return out
}

/** Loads dossier events in one delivery and checks that every one was accepted. */
async function loadEvents(events: Array<Record<string, unknown>>): Promise<void> {
  const r = await e.load('dossier', events)
  expect(r.rejects).toEqual([])
  expect(r.accepted).toBe(events.length)
}

const AGENCIES: Record<string, Record<string, string>> = {
  P01: { agency_code: 'P01', name: 'UBND TP Hà Nội', level: 'province', province_code: '01' },
  P04: { agency_code: 'P04', name: 'UBND tỉnh Cao Bằng', level: 'province', province_code: '04' },
  P08: { agency_code: 'P08', name: 'UBND tỉnh Tuyên Quang', level: 'province', province_code: '08' },
  P11: { agency_code: 'P11', name: 'UBND tỉnh Điện Biên', level: 'province', province_code: '11' },
  P74: { agency_code: 'P74', name: 'UBND tỉnh Bình Dương (cũ)', level: 'province', province_code: '74' },
  C74: { agency_code: 'C74', name: 'UBND phường Phú Cường', level: 'commune', province_code: '74' },
  P79: { agency_code: 'P79', name: 'UBND TP Hồ Chí Minh', level: 'province', province_code: '79' },
  G01: { agency_code: 'G01', name: 'Bộ Công an', level: 'central', ministry: 'G01' },
  'G01.X': { agency_code: 'G01.X', name: 'Cục Cảnh sát QLHC về TTXH', level: 'central', ministry: 'G01' },
  'G99.X': { agency_code: 'G99.X', name: 'Cục của một bộ chưa đăng ký', level: 'central', ministry: 'G99' },
}

async function registry(...codes: string[]): Promise<void> {
  const r = await e.load('agency', codes.map((c) => AGENCIES[c]))
  expect(r.rejects).toEqual([])
}

const national = (period: Period) => summary(e.store, { level: 'national', unit: '', structure: 'current', period })
const province = (unit: string, period: Period, structure: Structure = 'current') =>
  summary(e.store, { level: 'province', unit, structure, period })
const state = async (code: string) => (await dossierDetail(e.store, code))!.state!
/** A dossier's history as [event_id, status, counted], in the order of kpi.md. */
const history = async (code: string) =>
  (await dossierDetail(e.store, code))!.events.map((x) => [(x as Record<string, unknown>).event_id, x.status, x.counted])

// ---------------------------------------------------------------------------------------------

describe('the state of a dossier', () => {
  it('orders events by occurred_at, then status ascending, then event_id in byte order', async () => {
    await loadEvents([
      // A: a 2 and a 9 at the same instant. The 9's event_id sorts first, but status decides:
      //    2 comes first, so A is received (at 10-05 09:00) and finished (at 10-05 09:00).
      ev('A', 9, '2025-10-05 09:00', { event_id: 'a-1' }),
      ev('A', 2, '2025-10-05 09:00', { event_id: 'a-2' }),
      // B: two terminal events at one instant: status 3 (event_id 'b-z') before status 9 ('b-a'):
      //    B is closed without result, not finished.
      ev('B', 2, '2025-10-01 09:00'),
      ev('B', 9, '2025-10-06 09:00', { event_id: 'b-a' }),
      ev('B', 3, '2025-10-06 09:00', { event_id: 'b-z' }),
      // C: two status-9 events at one instant: byte order puts 'c-B' (0x42) before 'c-a' (0x61),
      //    so C finished at c-B's finished_at (10-20), not c-a's (11-02).
      ev('C', 2, '2025-10-01 09:00'),
      ev('C', 9, '2025-11-03 09:00', { event_id: 'c-a', finished_at: '2025-11-02 09:00' }),
      ev('C', 9, '2025-11-03 09:00', { event_id: 'c-B', finished_at: '2025-10-20 09:00' }),
    ])
    // October: received A, B, C = 3; resolved A, C = 2 (both on time, no due_at); closed B = 1.
    // avg_days = ((A: 0) + (C: 10-20 09:00 − 10-01 09:00 = 19 d)) / 2 = 9.5.
    expect(await national(OCT)).toMatchObject({ received: 3, resolved: 2, on_time: 2, late: 0, closed_unresolved: 1, pending: 0, avg_days: 9.5 })
    expect(await national(NOV)).toMatchObject({ received: 0, resolved: 0, closed_unresolved: 0 })

    expect(await history('A')).toEqual([['a-2', 2, true], ['a-1', 9, true]])
    expect(await state('A')).toMatchObject({ received: true, received_at: '2025-10-05T09:00:00+07:00', finished: true, finished_at: '2025-10-05T09:00:00+07:00', end_status: 9 })

    expect(await history('B')).toEqual([['B:2:2025-10-01 09:00', 2, true], ['b-z', 3, true], ['b-a', 9, false]])
    expect(await state('B')).toMatchObject({ finished: false, finished_at: null, closed_at: '2025-10-06T09:00:00+07:00', end_status: 3 })

    expect(await history('C')).toEqual([['C:2:2025-10-01 09:00', 2, true], ['c-B', 9, true], ['c-a', 9, false]])
    expect(await state('C')).toMatchObject({ finished_at: '2025-10-20T09:00:00+07:00', ended_at: '2025-10-20T09:00:00+07:00' })
  })

  it('ends at the first terminal event: 9/10 finished at finished_at else occurred_at, 3/7/8 closed at occurred_at', async () => {
    const r = (code: string) => ev(code, 2, '2025-10-01 08:00')
    await loadEvents([
      r('D1'), ev('D1', 9, '2025-10-03 09:00', { finished_at: '2025-10-02 17:00' }), // finished 10-02 17:00
      r('D2'), ev('D2', 10, '2025-10-04 09:00'), // finished 10-04 09:00 (occurred_at)
      r('D3'), ev('D3', 3, '2025-10-05 09:00'), // closed 10-05
      r('D4'), ev('D4', 7, '2025-10-06 09:00'), // closed 10-06
      r('D5'), ev('D5', 8, '2025-11-02 09:00', { finished_at: '2025-10-20 09:00' }), // closed 11-02: finished_at ignored
      r('D6'), ev('D6', 9, '2025-10-06 09:00'), ev('D6', 3, '2025-10-07 09:00'), // first terminal: finished 10-06
      r('D7'), ev('D7', 9, '2025-10-31 20:00', { finished_at: '2025-11-01 08:00' }), // finished in November
    ])
    // October (T = 11-01 00:00): received 7; resolved D1, D2, D6 = 3 (no due_at: on time);
    // closed_unresolved D3, D4 = 2; pending D5 (closes 11-02) and D7 (finishes 11-01 08:00) = 2.
    // avg_days = (1 d 9 h + 3 d 1 h + 5 d 1 h) / 3 = (33 + 73 + 121) h / 3 / 24 = 227 / 72 = 3.1527… → 3.15.
    expect(await national(OCT)).toMatchObject({ received: 7, resolved: 3, on_time: 3, late: 0, closed_unresolved: 2, pending: 2, overdue: 0, avg_days: 3.15 })
    // November: resolved D7, closed D5.
    expect(await national(NOV)).toMatchObject({ received: 0, resolved: 1, closed_unresolved: 1, pending: 0 })

    expect(await state('D1')).toMatchObject({ finished: true, finished_at: '2025-10-02T17:00:00+07:00', closed_at: null, end_status: 9, on_time: true })
    expect(await state('D2')).toMatchObject({ finished: true, finished_at: '2025-10-04T09:00:00+07:00', end_status: 10 })
    expect(await state('D3')).toMatchObject({ finished: false, closed_at: '2025-10-05T09:00:00+07:00', ended_at: '2025-10-05T09:00:00+07:00', end_status: 3, on_time: null, late: null })
    expect(await state('D4')).toMatchObject({ finished: false, closed_at: '2025-10-06T09:00:00+07:00', end_status: 7 })
    expect(await state('D5')).toMatchObject({ finished: false, finished_at: null, closed_at: '2025-11-02T09:00:00+07:00', end_status: 8 })
    expect(await state('D6')).toMatchObject({ finished: true, finished_at: '2025-10-06T09:00:00+07:00', closed_at: null, end_status: 9 })
  })

  it('reads counted events only: events after the end change nothing but are shown with counted=false', async () => {
    await loadEvents([
      ev('E', 2, '2025-10-02 09:00', { due_at: '2025-10-10 17:00', channel: 1 }),
      ev('E', 9, '2025-10-12 09:00'),
      // After the end: another receipt, a later due_at, online channel, payment, digitisation, a 10.
      ev('E', 2, '2025-10-13 09:00', { received_at: '2025-11-13 09:00', due_at: '2025-10-20 17:00', channel: 2, paid_online: true, digitized: true }),
      ev('E', 10, '2025-10-14 09:00', { finished_at: '2025-11-14 09:00' }),
    ])
    // received_at 10-02 09:00, due 10-10 17:00, finished 10-12 09:00 → late; channel 1 → online 0/1;
    // avg_days = 10 days exactly.
    expect(await national(OCT)).toMatchObject({
      received: 1, resolved: 1, on_time: 0, late: 1, on_time_rate: 0, pending: 0,
      online_rate: 0, paid_online_rate: 0, digitized_rate: 0, avg_days: 10,
    })
    expect(await national(NOV)).toMatchObject({ received: 0, resolved: 0 })
    const d = (await dossierDetail(e.store, 'E'))!
    expect(d.events.map((x) => [x.status, x.counted])).toEqual([[2, true], [9, true], [2, false], [10, false]])
    expect(d.events[2]).toMatchObject({ channel: 2, paid_online: true, digitized: true, due_at: '2025-10-20T17:00:00+07:00' })
    expect(d.state).toMatchObject({
      received_at: '2025-10-02T09:00:00+07:00', due_at: '2025-10-10T17:00:00+07:00', finished_at: '2025-10-12T09:00:00+07:00',
      channel: 1, paid_online: false, digitized: false, on_time: false, late: true, end_status: 9,
    })
  })

  it('received_at is the first counted status-2 event’s received_at, else its occurred_at; never received counts in no received figure', async () => {
    await loadEvents([
      // F1: received 09-29 10:00 (the field), finished 10-03 09:00: resolved in October, received in September.
      ev('F1', 1, '2025-09-28 09:00'),
      ev('F1', 2, '2025-10-02 09:00', { received_at: '2025-09-29 10:00' }),
      ev('F1', 9, '2025-10-03 09:00'),
      // F2: the first status 2 has no received_at → its occurred_at 10-05 09:00 (the second one's is ignored).
      ev('F2', 2, '2025-10-05 09:00'),
      ev('F2', 2, '2025-10-06 09:00', { received_at: '2025-10-01 09:00' }),
      // F3: never received but finished: resolved, no duration. F4: never received, never ended: not pending.
      ev('F3', 1, '2025-10-02 09:00'),
      ev('F3', 9, '2025-10-04 09:00'),
      ev('F4', 1, '2025-10-02 09:00'),
    ])
    // October: received F2 = 1; resolved F1, F3 = 2; pending F2 = 1;
    // avg_days over F1 only: 10-03 09:00 − 09-29 10:00 = 3 d 23 h = 95/24 = 3.9583… → 3.96.
    expect(await national(OCT)).toMatchObject({ received: 1, resolved: 2, on_time: 2, pending: 1, avg_days: 3.96 })
    // September (T = 10-01 00:00): received F1; F1 is still pending at T.
    expect(await national(SEP)).toMatchObject({ received: 1, resolved: 0, pending: 1, avg_days: null })
    expect(await state('F1')).toMatchObject({ received: true, received_at: '2025-09-29T10:00:00+07:00' })
    expect(await state('F2')).toMatchObject({ received: true, received_at: '2025-10-05T09:00:00+07:00' })
    expect(await state('F3')).toMatchObject({ received: false, received_at: null, finished: true, on_time: true })
    expect(await state('F4')).toMatchObject({ received: false, received_at: null, finished: false })
  })

  it('the owner agency is that of the first counted status-2 event, else of the first event', async () => {
    await registry('P01', 'P79')
    await loadEvents([
      // G1: submitted at P01, received at P79 → owner P79 (unit 79).
      ev('G1', 1, '2025-10-01 09:00', { agency_code: 'P01' }),
      ev('G1', 2, '2025-10-02 09:00', { agency_code: 'P79' }),
      ev('G1', 4, '2025-10-03 09:00', { agency_code: 'P01' }),
      // G2: no status 2 → the first event's agency P01.
      ev('G2', 1, '2025-10-01 09:00', { agency_code: 'P01' }),
      ev('G2', 4, '2025-10-02 09:00', { agency_code: 'P79' }),
      ev('G2', 9, '2025-10-03 09:00', { agency_code: 'P79' }),
      // G3: the status 2 comes after the end → not counted → owner = first event's agency P01.
      ev('G3', 1, '2025-10-01 09:00', { agency_code: 'P01' }),
      ev('G3', 9, '2025-10-02 09:00', { agency_code: 'P01' }),
      ev('G3', 2, '2025-10-03 09:00', { agency_code: 'P79' }),
      // G4: two status 2 at one instant: event_id 'g4-a' (P79) is first.
      ev('G4', 2, '2025-10-01 09:00', { agency_code: 'P01', event_id: 'g4-b' }),
      ev('G4', 2, '2025-10-01 09:00', { agency_code: 'P79', event_id: 'g4-a' }),
    ])
    // Unit 79: G1, G4 received, pending. Unit 01: G2, G3 resolved, never received.
    expect(await province('79', OCT)).toMatchObject({ received: 2, resolved: 0, pending: 2 })
    expect(await province('01', OCT)).toMatchObject({ received: 0, resolved: 2, pending: 0 })
    expect(await national(OCT)).toMatchObject({ received: 2, resolved: 2, pending: 2 })
    expect(await state('G1')).toMatchObject({ owner_agency: 'P79', units: { ministry: null, province: '79', province_historical: '79' } })
    expect(await state('G2')).toMatchObject({ owner_agency: 'P01', units: { province: '01' } })
    expect(await state('G3')).toMatchObject({ owner_agency: 'P01' })
    expect(await state('G4')).toMatchObject({ owner_agency: 'P79' })
  })

  it('due_at is that of the last counted event carrying one (a supplement request extends it)', async () => {
    await loadEvents([
      // H1: due 10-05, supplement request moves it to 10-10; finished 10-08 → on time.
      ev('H1', 2, '2025-10-01 09:00', { due_at: '2025-10-05 17:00' }),
      ev('H1', 5, '2025-10-04 09:00', { due_at: '2025-10-10 17:00' }),
      ev('H1', 9, '2025-10-08 09:00'),
      // H2: the last value wins even when earlier: 10-10 then 10-05; finished 10-08 → late.
      ev('H2', 2, '2025-10-01 09:00', { due_at: '2025-10-10 17:00' }),
      ev('H2', 4, '2025-10-02 09:00', { due_at: '2025-10-05 17:00' }),
      ev('H2', 9, '2025-10-08 09:00'),
      // H3: a later event without due_at keeps 10-05; finished 10-08 → late.
      ev('H3', 2, '2025-10-01 09:00', { due_at: '2025-10-05 17:00' }),
      ev('H3', 4, '2025-10-03 09:00'),
      ev('H3', 9, '2025-10-08 09:00'),
      // H4: at one instant, status 4 (due 10-20) then status 5 (due 10-06): 10-06 is last → late.
      ev('H4', 2, '2025-10-01 09:00'),
      ev('H4', 5, '2025-10-02 09:00', { due_at: '2025-10-06 17:00', event_id: 'h4-a' }),
      ev('H4', 4, '2025-10-02 09:00', { due_at: '2025-10-20 17:00', event_id: 'h4-b' }),
      ev('H4', 9, '2025-10-08 09:00'),
    ])
    // resolved 4, on time H1 only → on_time_rate 1/4.
    expect(await national(OCT)).toMatchObject({ resolved: 4, on_time: 1, late: 3, on_time_rate: 0.25 })
    expect((await state('H1')).due_at).toBe('2025-10-10T17:00:00+07:00')
    expect((await state('H2')).due_at).toBe('2025-10-05T17:00:00+07:00')
    expect((await state('H3')).due_at).toBe('2025-10-05T17:00:00+07:00')
    expect((await state('H4')).due_at).toBe('2025-10-06T17:00:00+07:00')
  })

  it('channel is the first counted one carried; paid_online / digitized are true when any counted event says true', async () => {
    await loadEvents([
      // K1: first channel carried is 2 (status 1 carries none); paid false then true → true; digitized false only.
      ev('K1', 1, '2025-10-01 08:00'),
      ev('K1', 2, '2025-10-01 10:00', { channel: 2, paid_online: false, digitized: false }),
      ev('K1', 4, '2025-10-02 10:00', { channel: 1, paid_online: true }),
      // K2: channel 1 (from status 1), digitized true on the first event, paid_online absent.
      ev('K2', 1, '2025-10-01 08:00', { channel: 1, digitized: true }),
      ev('K2', 2, '2025-10-01 10:00', { channel: 2 }),
      // K3: no channel at all, digitized.
      ev('K3', 2, '2025-10-01 10:00', { digitized: true }),
      // K4: online, digitized; paid_online true only after the end → not counted.
      ev('K4', 2, '2025-10-01 10:00', { channel: 2, digitized: true }),
      ev('K4', 9, '2025-10-03 10:00'),
      ev('K4', 6, '2025-10-04 10:00', { paid_online: true }),
    ])
    // received 4: online K1, K4 = 2/4; paid K1 = 1/4; digitized K2, K3, K4 = 3/4.
    expect(await national(OCT)).toMatchObject({ received: 4, online_rate: 0.5, paid_online_rate: 0.25, digitized_rate: 0.75 })
    expect(await state('K1')).toMatchObject({ channel: 2, paid_online: true, digitized: false })
    expect(await state('K2')).toMatchObject({ channel: 1, paid_online: false, digitized: true })
    expect(await state('K3')).toMatchObject({ channel: null, paid_online: false, digitized: true })
    expect(await state('K4')).toMatchObject({ channel: 2, paid_online: false, digitized: true })
  })

  it('on time = finished ≤ due_at (inclusive, to the microsecond) or no due_at; late otherwise', async () => {
    const due = { due_at: '2025-10-10 17:00' }
    await loadEvents([
      ev('L1', 2, '2025-10-01 09:00', due), ev('L1', 9, '2025-10-10 17:00'), // = due → on time
      ev('L2', 2, '2025-10-01 09:00', due), ev('L2', 9, '2025-10-10 17:00:00.000001'), // 1 µs after → late
      ev('L3', 2, '2025-10-01 09:00'), ev('L3', 9, '2025-10-30 09:00'), // no due_at → on time
      ev('L4', 2, '2025-10-01 09:00', due), ev('L4', 10, '2025-10-11 09:00', { finished_at: '2025-10-10 16:00' }), // finished_at decides → on time
      ev('L5', 2, '2025-10-01 09:00', due), ev('L5', 9, '2025-10-11 09:00'), // late
    ])
    // resolved 5, on time L1, L3, L4 = 3 → 3/5.
    const f = await national(OCT)
    expect(f).toMatchObject({ resolved: 5, on_time: 3, late: 2 })
    expect(f.on_time_rate).toBeCloseTo(0.6, 12)
    expect(await state('L1')).toMatchObject({ on_time: true, late: false })
    expect(await state('L2')).toMatchObject({ on_time: false, late: true, finished_at: '2025-10-10T17:00:00.000001+07:00' })
    expect(await state('L3')).toMatchObject({ on_time: true, due_at: null })
  })
})

describe('figures of a period', () => {
  // Pending and overdue at T. October with now far ahead: T = 11-01 00:00 +07.
  const pendingSet = () =>
    loadEvents([
      ev('M1', 2, '2025-09-15 09:00', { due_at: '2025-09-30 17:00' }), // received before the period, overdue
      ev('M2', 2, '2025-10-05 09:00', { due_at: '2025-10-31 23:59:59' }), // due 1 s before T → overdue
      ev('M3', 2, '2025-10-05 09:00', { due_at: '2025-11-01 00:00' }), // due = T → not overdue (strict)
      ev('M4', 2, '2025-10-05 09:00', { due_at: '2025-10-06 17:00' }), ev('M4', 9, '2025-10-20 09:00'), // ended
      ev('M5', 2, '2025-10-05 09:00', { due_at: '2025-10-06 17:00' }), ev('M5', 7, '2025-11-01 00:00'), // ended at T → not pending
      ev('M6', 2, '2025-11-01 00:00'), // received at T → pending (received_at ≤ T), but not received in October
      ev('M7', 2, '2025-11-05 09:00', { due_at: '2025-11-06 17:00' }), // received after T
      ev('OD-b', 2, '2025-10-03 09:00', { due_at: '2025-10-08 09:00', agency_code: 'P79' }),
      ev('OD-a', 2, '2025-10-03 09:00', { due_at: '2025-10-08 09:00', procedure_code: '2.000111' }),
    ])

  it('pending = received_at ≤ T and no ended_at ≤ T; overdue = of those, due_at < T (T = end of a past period)', async () => {
    await pendingSet()
    // pending M1, M2, M3, M6, OD-a, OD-b = 6; overdue M1, M2, OD-a, OD-b = 4.
    // received in October: M2, M3, M4, M5, OD-a, OD-b = 6 (M1 in September, M6 and M7 in November).
    expect(await national(OCT)).toMatchObject({ received: 6, pending: 6, overdue: 4, resolved: 1, closed_unresolved: 0 })
    // November (T = 12-01 00:00): M5 closes 11-01 00:00 → closed in November; pending M1, M2, M3, M6, M7, OD-a, OD-b = 7, all overdue but M6.
    expect(await national(NOV)).toMatchObject({ received: 2, pending: 7, overdue: 6, closed_unresolved: 1 })
  })

  it('T is now when now is earlier than the end of the period', async () => {
    await pendingSet()
    const now = new Date('2025-10-10T12:00:00+07:00')
    const p = makePeriod('2025-10-01', '2025-10-31', now)
    expect(p.T.toISOString()).toBe('2025-10-10T05:00:00.000Z')
    // At T = 10-10 12:00: pending M1, M2, M3, M4 (ends 10-20), M5 (ends 11-01), OD-a, OD-b = 7;
    // overdue (due < 10-10 12:00): M1 (09-30), M4 and M5 (10-06), OD-a, OD-b (10-08) = 5.
    expect(await national(p)).toMatchObject({ pending: 7, overdue: 5 })
    const o = await overdueCases(e.store, { level: 'national', unit: '', structure: 'current', period: p, limit: 10, offset: 0 })
    // days_overdue of M1: 10-10 12:00 − 09-30 17:00 = 9 d 19 h → 9; of M4: 3 d 19 h → 3; of OD: 2 d 3 h → 2.
    expect(o.total).toBe(5)
    expect(o.cases.map((c) => [c.dossier_code, c.days_overdue])).toEqual([['M1', 9], ['M4', 3], ['M5', 3], ['OD-a', 2], ['OD-b', 2]])
  })

  it('overdue cases are ordered by due_at, then dossier_code, with days_overdue rounded down, a total, limit and offset', async () => {
    await registry('P01', 'P79')
    await pendingSet()
    const q = { level: 'national' as const, unit: '', structure: 'current' as const, period: OCT }
    // T = 11-01 00:00: M1 due 09-30 17:00 → 31 d 7 h → 31; OD-a, OD-b due 10-08 09:00 → 23 d 15 h → 23; M2 → 1 s → 0.
    const all = await overdueCases(e.store, { ...q, limit: 10, offset: 0 })
    expect(all.total).toBe(4)
    expect(all.cases).toEqual([
      { dossier_code: 'M1', agency_code: 'P01', procedure_code: '1.001234', received_at: '2025-09-15T09:00:00+07:00', due_at: '2025-09-30T17:00:00+07:00', days_overdue: 31 },
      { dossier_code: 'OD-a', agency_code: 'P01', procedure_code: '2.000111', received_at: '2025-10-03T09:00:00+07:00', due_at: '2025-10-08T09:00:00+07:00', days_overdue: 23 },
      { dossier_code: 'OD-b', agency_code: 'P79', procedure_code: '1.001234', received_at: '2025-10-03T09:00:00+07:00', due_at: '2025-10-08T09:00:00+07:00', days_overdue: 23 },
      { dossier_code: 'M2', agency_code: 'P01', procedure_code: '1.001234', received_at: '2025-10-05T09:00:00+07:00', due_at: '2025-10-31T23:59:59+07:00', days_overdue: 0 },
    ])
    const page = await overdueCases(e.store, { ...q, limit: 2, offset: 1 })
    expect(page.total).toBe(4)
    expect(page.cases.map((c) => c.dossier_code)).toEqual(['OD-a', 'OD-b'])
    // Per unit: 79 has OD-b only; 01 the other three.
    const u79 = await overdueCases(e.store, { ...q, level: 'province', unit: '79', limit: 10, offset: 0 })
    expect([u79.total, u79.cases.map((c) => c.dossier_code)]).toEqual([1, ['OD-b']])
    const u01 = await overdueCases(e.store, { ...q, level: 'province', unit: '01', limit: 10, offset: 0 })
    expect([u01.total, u01.cases.map((c) => c.dossier_code)]).toEqual([3, ['M1', 'OD-a', 'M2']])
    expect(await province('79', OCT)).toMatchObject({ pending: 1, overdue: 1 })
    // a unit's page: its card's overdue and its case list's total are the same figure
    const { unitView } = await import('../core/kpi/unit-view')
    const v01 = await unitView(e.store, { ...q, level: 'province', unit: '01', compare: 'previous', cases: { limit: 2 } })
    expect([v01.row!.overdue, v01.overdue!.total, v01.overdue!.cases.map((c) => c.dossier_code)]).toEqual([3, 3, ['M1', 'OD-a']])
    expect((await unitView(e.store, { ...q, level: 'province', unit: '01', compare: null })).overdue).toBeNull()
  })

  it('period bounds are whole days in Asia/Ho_Chi_Minh', async () => {
    await loadEvents([
      ev('N1', 2, '2025-10-31T23:59:59+07:00'), // October
      ev('N2', 2, '2025-10-31T17:00:00Z'), // = 11-01 00:00 +07 → November
      ev('N3', 2, '2025-09-30T17:00:00Z'), // = 10-01 00:00 +07 → October
      ev('N4', 2, '2025-09-30T16:59:59.999999Z'), // 1 µs before → September
    ])
    expect((await national(OCT)).received).toBe(2)
    expect((await national(NOV)).received).toBe(1)
    expect((await national(SEP)).received).toBe(1)
    expect((await national(makePeriod('2025-10-01', '2025-10-01', FAR))).received).toBe(1) // N3
    expect((await national(makePeriod('2025-10-31', '2025-10-31', FAR))).received).toBe(1) // N1
  })

  it('avg_days is the mean of finished − received_at in days over resolved received dossiers, rounded half away from zero', async () => {
    await loadEvents([
      // October: 1 d and 1 d 6 h → mean 1.125 d → 1.13 (half away from zero).
      ev('V1', 2, '2025-10-01 09:00'), ev('V1', 9, '2025-10-02 09:00'),
      ev('V2', 2, '2025-10-01 09:00'), ev('V2', 9, '2025-10-02 15:00'),
      ev('V3', 1, '2025-10-01 09:00'), ev('V3', 9, '2025-10-20 09:00'), // never received: resolved, not in the mean
      // November: 86,832 s = 1.005 d exactly → 1.01 (a binary float would give 1.00).
      ev('V4', 2, '2025-11-01 09:00'), ev('V4', 9, '2025-11-02 09:07:12'),
      // December: resolved but never received → null.
      ev('V5', 1, '2025-12-01 09:00'), ev('V5', 10, '2025-12-02 09:00'),
    ])
    expect(await national(OCT)).toMatchObject({ resolved: 3, avg_days: 1.13 })
    expect(await national(NOV)).toMatchObject({ resolved: 1, avg_days: 1.01 })
    expect(await national(DEC)).toMatchObject({ resolved: 1, avg_days: null })
    expect((await national(makePeriod('2026-01-01', '2026-01-31', FAR))).avg_days).toBe(null)
  })
})

describe('units and attribution', () => {
  it('structure=current counts a former province under its successor, historical under its own code; ministries by registry', async () => {
    await registry('P74', 'C74', 'P79', 'G01', 'G01.X', 'G99.X')
    await loadEvents([
      ev('Q1', 2, '2025-10-02 09:00', { agency_code: 'P74' }),
      ev('Q2', 2, '2025-10-02 09:00', { agency_code: 'C74' }),
      ev('Q3', 2, '2025-10-02 09:00', { agency_code: 'P79' }),
      ev('Q4', 2, '2025-10-02 09:00', { agency_code: 'G01.X' }),
      ev('Q5', 2, '2025-10-02 09:00', { agency_code: 'G01' }),
      ev('Q6', 2, '2025-10-02 09:00', { agency_code: 'G99.X' }), // its ministry G99 is not a registry ministry: no unit
    ])
    expect((await national(OCT)).received).toBe(6)

    // current: 74 → 79, so unit 79 has Q1, Q2, Q3; the units are the 34 provinces of 2025 (no 74).
    const cur = await unitsTable(e.store, { level: 'province', structure: 'current', period: OCT })
    expect(cur.length).toBe(34)
    expect(cur.some((u) => u.code === '74')).toBe(false)
    expect(cur.find((u) => u.code === '79')).toMatchObject({ name: 'Thành phố Hồ Chí Minh', received: 3 })
    expect(cur.reduce((s, u) => s + u.received, 0)).toBe(3)
    expect((await province('79', OCT, 'current')).received).toBe(3)
    expect((await province('74', OCT, 'current')).received).toBe(0)

    // historical: units are the province codes in the registry, named from provinces-2004.csv.
    const hist = await unitsTable(e.store, { level: 'province', structure: 'historical', period: OCT })
    expect(hist.map((u) => [u.code, u.name, u.received])).toEqual([
      ['74', 'Tỉnh Bình Dương', 2],
      ['79', 'Thành phố Hồ Chí Minh', 1],
    ])
    expect((await province('74', OCT, 'historical')).received).toBe(2)
    expect((await province('79', OCT, 'historical')).received).toBe(1)

    // ministry: G01 (central, ministry = itself) is the only ministry unit; G01 and G01.X count under it.
    const min = await unitsTable(e.store, { level: 'ministry', structure: 'current', period: OCT })
    expect(min.map((u) => [u.code, u.name, u.received])).toEqual([['G01', 'Bộ Công an', 2]])
    expect((await summary(e.store, { level: 'ministry', unit: 'G01', structure: 'current', period: OCT })).received).toBe(2)
    expect(await state('Q4')).toMatchObject({ units: { ministry: 'G01', province: null, province_historical: null } })
    expect(await state('Q6')).toMatchObject({ units: { ministry: null, province: null, province_historical: null } })
  })

  it('an agency not in the registry counts nationally and in no unit, until the registry learns it (no re-ingest)', async () => {
    await loadEvents([ev('U1', 2, '2025-10-02 09:00', { agency_code: 'X.NEW' }), ev('U1', 9, '2025-10-03 09:00', { agency_code: 'X.NEW' })])
    expect(await national(OCT)).toMatchObject({ received: 1, resolved: 1 })
    const before = await unitsTable(e.store, { level: 'province', structure: 'current', period: OCT })
    expect(before.reduce((s, u) => s + u.received + u.resolved, 0)).toBe(0)
    expect(await state('U1')).toMatchObject({ owner_agency: 'X.NEW', units: { ministry: null, province: null, province_historical: null } })

    await e.load('agency', [{ agency_code: 'X.NEW', name: 'UBND xã Mới', level: 'commune', province_code: '01' }])
    expect(await province('01', OCT)).toMatchObject({ received: 1, resolved: 1 })
    expect(await state('U1')).toMatchObject({ units: { province: '01' } })

    // The agency moves (a later load of its code wins): all its events follow.
    await e.load('agency', [{ agency_code: 'X.NEW', name: 'UBND xã Mới', level: 'commune', province_code: '74' }])
    expect(await province('01', OCT)).toMatchObject({ received: 0, resolved: 0 })
    expect(await province('79', OCT)).toMatchObject({ received: 1, resolved: 1 })
    expect(await province('74', OCT, 'historical')).toMatchObject({ received: 1, resolved: 1 })
  })
})

describe('service index', () => {
  // The divisor is the four groups' full points, 20 + 12 + 10 + 22 = 64 (kpi.md; ADR 006):
  // a unit at or above every threshold scores 100.

  it('index = 100 × (sum of group points) / 64, rounded; a rate below its threshold scores pro rata, a null rate 0', async () => {
    await registry('P01', 'P79', 'P04')
    const unitA = ['A1', 'A2', 'A3', 'A4'].flatMap((c, i) => [
      ev(c, 2, '2025-10-01 09:00', { agency_code: 'P01', due_at: '2025-10-05 17:00', channel: i === 0 ? 2 : 1, paid_online: true, digitized: i < 3 }),
      ev(c, 9, i < 3 ? '2025-10-04 09:00' : '2025-10-06 09:00', { agency_code: 'P01' }),
    ])
    const unitB = Array.from({ length: 10 }, (_, i) => `B${i}`).flatMap((c, i) => [
      ev(c, 2, '2025-10-01 09:00', { agency_code: 'P79', channel: i < 6 ? 2 : 1, paid_online: i < 8, digitized: i < 9 }),
      ev(c, 9, '2025-10-04 09:00', { agency_code: 'P79' }),
    ])
    const unitC = ['C1', 'C2', 'C3', 'C4', 'C5'].map((c, i) =>
      ev(c, 2, '2025-10-01 09:00', { agency_code: 'P04', channel: i < 2 ? 2 : 3, paid_online: i < 2, digitized: i < 4 }),
    )
    await loadEvents([...unitA, ...unitB, ...unitC])

    // A (01): on_time 3/4 → 20 × 0.75 = 15; online 1/4 < 0.5 → 12 × 0.25 / 0.5 = 6;
    //   paid 4/4 ≥ 0.8 → 10; digitized 3/4 < 0.8 → 22 × 0.75 / 0.8 = 20.625. Sum 51.625.
    //   100 × 51.625 / 64 = 80.6640… → 80.66
    const a = await province('01', OCT)
    expect(a).toMatchObject({ on_time_rate: 0.75, online_rate: 0.25, paid_online_rate: 1, digitized_rate: 0.75 })
    expect(a.index).toBe(80.66)
    // B (79): on_time 10/10 → 20; online 6/10 ≥ 0.5 → 12; paid 8/10 = threshold → 10; digitized 9/10 → 22.
    //   Sum 64 → 100 × 64 / 64 = 100
    const b = await province('79', OCT)
    expect(b).toMatchObject({ on_time_rate: 1, online_rate: 0.6, paid_online_rate: 0.8, digitized_rate: 0.9 })
    expect(b.index).toBe(100)
    // C (04): nothing resolved → on_time_rate null → 0; online 2/5 = 0.4 → 12 × 0.4 / 0.5 = 9.6;
    //   paid 0.4 → 10 × 0.4 / 0.8 = 5; digitized 4/5 = threshold → 22. Sum 36.6.
    //   100 × 36.6 / 64 = 57.1875 → 57.19 (half away from zero)
    const c = await province('04', OCT)
    expect(c).toMatchObject({ resolved: 0, on_time_rate: null, online_rate: 0.4, paid_online_rate: 0.4, digitized_rate: 0.8 })
    expect(c.index).toBe(57.19)
    // National: 19 received, 14 resolved, on_time 13/14; online 9/19; paid 14/19; digitized 16/19.
    //   20 × 13/14 + 12 × (9/19) / 0.5 + 10 × (14/19) / 0.8 + 22 × 1 (16/19 ≥ 0.8)
    //   = 18.5714… + 11.3684… + 9.2105… + 22 = 61.1503… → 100 × 61.1503 / 64 = 95.547… → 95.55
    expect((await national(OCT)).index).toBe(95.55)
    // An empty unit: every rate null → index 0.
    expect((await province('08', OCT)).index).toBe(0)

    // Bands: 100 Tốt, 80.66 Khá, 57.19 Trung bình, 0 Yếu.
    const units = await unitsTable(e.store, { level: 'province', structure: 'current', period: OCT })
    const byCode = new Map(units.map((u) => [u.code, u]))
    expect(['79', '01', '04', '08'].map((k) => [byCode.get(k)!.index, byCode.get(k)!.band])).toEqual([
      [100, 'Tốt'],
      [80.66, 'Khá'],
      [57.19, 'Trung bình'],
      [0, 'Yếu'],
    ])
  })

  it('ranks units with ≥ 30 resolved by index desc, then resolved desc, then code asc; the others get rank null', async () => {
    await registry('P01', 'P04', 'P08', 'P11', 'P79')
    // `full`: online, paid, digitized, on time → every group full; otherwise only timeliness scores.
    const unit = (agency: string, n: number, full: boolean) =>
      Array.from({ length: n }, (_, i) => `${agency}-${String(i).padStart(2, '0')}`).flatMap((code) => [
        ev(code, 2, '2025-10-02 09:00', { agency_code: agency, ...(full ? { channel: 2, paid_online: true, digitized: true } : { channel: 1 }) }),
        ev(code, 9, '2025-10-03 09:00', { agency_code: agency }),
      ])
    await loadEvents([
      ...unit('P08', 35, true), // 35 resolved, index 100 → 1
      ...unit('P79', 31, false), // 31 resolved, index 100 × 20/64 → 31.25 → 2 (more resolved than 01 and 04)
      ...unit('P01', 30, false), // 30 resolved, 31.25 → 3 (code 01 < 04)
      ...unit('P04', 30, false), // 30 resolved, 31.25 → 4
      ...unit('P11', 29, true), // 29 resolved, index 100 → rank null
    ])
    const rows = await unitsTable(e.store, { level: 'province', structure: 'current', period: OCT })
    const got = rows.filter((r) => r.resolved > 0).map((r) => [r.code, r.resolved, r.rank])
    expect(got).toEqual([
      ['01', 30, 3],
      ['04', 30, 4],
      ['08', 35, 1],
      ['11', 29, null],
      ['79', 31, 2],
    ])
    const idx = new Map(rows.map((r) => [r.code, r.index]))
    expect(idx.get('01')).toBe(idx.get('79'))
    expect(idx.get('04')).toBe(idx.get('79'))
    expect(idx.get('11')).toBe(idx.get('08'))
    expect(rows.filter((r) => r.resolved === 0).every((r) => r.rank === null)).toBe(true)
    expect(rows.length).toBe(34)
  })
})

describe('trend', () => {
  // Period 2025-09-30 (Tue) … 2025-10-14 (Tue).
  const P = makePeriod('2025-09-30', '2025-10-14', FAR)
  const load = () =>
    loadEvents([
      ev('R0', 2, '2025-09-10 09:00'), // before the period, never ends: pending everywhere
      ev('R1a', 2, '2025-09-29 10:00'), // in the ISO week of 09-29 but before the period: not received in any point
      ev('R1', 2, '2025-09-30 10:00'), ev('R1', 9, '2025-10-02 10:00'),
      ev('R2', 2, '2025-10-06 09:00'),
      ev('R3', 2, '2025-10-13 08:00'), ev('R3', 3, '2025-10-14 08:00'),
      ev('R4', 2, '2025-10-15 09:00'), // after the period
    ])
  const pick = (pts: Array<{ period: string } & DossierFigures>) =>
    pts.map((p) => [p.period, p.received, p.resolved, p.closed_unresolved, p.pending])

  it('grain=month: points labelled by the first day of the month, covering only their part of the period', async () => {
    await load()
    const pts = await trend(e.store, { level: 'national', unit: '', structure: 'current', period: P, grain: 'month' })
    // [period, received, resolved, closed, pending at the point's T]
    // 09-01 (09-30 only, T = 10-01 00:00): received R1; pending R0, R1a, R1.
    // 10-01 (10-01 … 10-14, T = 10-15 00:00): received R2, R3; resolved R1; closed R3; pending R0, R1a, R2.
    expect(pick(pts)).toEqual([
      ['2025-09-01', 1, 0, 0, 3],
      ['2025-10-01', 2, 1, 1, 3],
    ])
  })

  it('grain=week: points labelled by the Monday of the ISO week', async () => {
    await load()
    const pts = await trend(e.store, { level: 'national', unit: '', structure: 'current', period: P, grain: 'week' })
    // 09-29 (09-30 … 10-05, T = 10-06 00:00): received R1 (not R1a); resolved R1; pending R0, R1a.
    // 10-06 (T = 10-13 00:00): received R2; pending R0, R1a, R2.
    // 10-13 (10-13 … 10-14, T = 10-15 00:00): received R3; closed R3; pending R0, R1a, R2.
    expect(pick(pts)).toEqual([
      ['2025-09-29', 1, 1, 0, 2],
      ['2025-10-06', 1, 0, 0, 3],
      ['2025-10-13', 1, 0, 1, 3],
    ])
    // With now = 10-02 09:00, the first week's T is now: R1 (finished 10-02 10:00) is still pending.
    const early = await trend(e.store, { level: 'national', unit: '', structure: 'current', period: makePeriod('2025-09-30', '2025-10-14', new Date('2025-10-02T09:00:00+07:00')), grain: 'week' })
    expect(early[0]).toMatchObject({ period: '2025-09-29', pending: 3 })
  })

  it('grain=day: one point per day of the period, pending at each day’s end', async () => {
    await load()
    const pts = await trend(e.store, { level: 'national', unit: '', structure: 'current', period: P, grain: 'day' })
    expect(pts.map((p) => p.period)).toEqual([
      '2025-09-30', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07',
      '2025-10-08', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-12', '2025-10-13', '2025-10-14',
    ])
    const at = (d: string) => pts.find((p) => p.period === d)!
    expect([at('2025-09-30').received, at('2025-09-30').pending]).toEqual([1, 3]) // R0, R1a, R1
    expect([at('2025-10-02').resolved, at('2025-10-02').pending]).toEqual([1, 2]) // R1 ended
    expect([at('2025-10-05').received, at('2025-10-05').pending]).toEqual([0, 2])
    expect([at('2025-10-06').received, at('2025-10-06').pending]).toEqual([1, 3]) // + R2
    expect([at('2025-10-13').received, at('2025-10-13').pending]).toEqual([1, 4]) // + R3
    expect([at('2025-10-14').closed_unresolved, at('2025-10-14').pending]).toEqual([1, 3]) // R3 closed
    // The points add up to the period's flows.
    const s = await national(P)
    expect([pts.reduce((n, p) => n + p.received, 0), pts.reduce((n, p) => n + p.resolved, 0)]).toEqual([s.received, s.resolved])
    expect([s.received, s.resolved, s.closed_unresolved, s.pending]).toEqual([3, 1, 1, 3])
  })
})

describe('idempotency and order', () => {
  const events = () => [
    ev('I1', 1, '2025-10-01 08:00', { agency_code: 'P01', channel: 2 }),
    ev('I1', 2, '2025-10-01 09:00', { agency_code: 'P79', due_at: '2025-10-05 17:00', paid_online: true }),
    ev('I1', 5, '2025-10-03 09:00', { due_at: '2025-10-08 17:00' }),
    ev('I1', 9, '2025-10-07 09:00', { finished_at: '2025-10-06 15:00' }),
    ev('I1', 10, '2025-10-09 09:00'),
    ev('I2', 2, '2025-10-02 09:00', { received_at: '2025-10-01 10:00', due_at: '2025-10-04 17:00', digitized: true }),
    ev('I2', 9, '2025-10-06 09:00'),
    ev('I3', 2, '2025-10-10 09:00', { due_at: '2025-10-15 17:00', channel: 2 }),
    ev('I4', 2, '2025-10-11 09:00'),
    ev('I4', 8, '2025-10-12 09:00'),
    ev('I4', 2, '2025-10-13 09:00', { event_id: 'i4-late' }),
  ]
  // Hand computation (October, T = 11-01 00:00):
  //   I1: received 10-01 09:00 (owner P79), due 10-08 17:00, finished 10-06 15:00 → on time; 5 d 6 h.
  //   I2: received 10-01 10:00, due 10-04 17:00, finished 10-06 09:00 → late; 4 d 23 h.
  //   I3: pending, overdue (due 10-15). I4: closed 10-12.
  //   received 4; resolved 2 (1 on time); pending 1; overdue 1; closed 1;
  //   online I1, I3 = 2/4; paid I1 = 1/4; digitized I2 = 1/4; avg_days = (126 + 119) h / 2 / 24 = 5.104… → 5.1
  const expected = {
    received: 4, resolved: 2, on_time: 1, late: 1, on_time_rate: 0.5, pending: 1, overdue: 1, closed_unresolved: 1,
    online_rate: 0.5, paid_online_rate: 0.25, digitized_rate: 0.25, avg_days: 5.1,
  }
  const snapshot = async () => ({
    national: await national(OCT),
    p79: await province('79', OCT),
    states: await Promise.all(['I1', 'I2', 'I3', 'I4'].map(state)),
  })

  it('loading the same events twice, or another event under a stored event_id, changes nothing', async () => {
    await registry('P01', 'P79')
    await loadEvents(events())
    const first = await snapshot()
    expect(first.national).toMatchObject(expected)
    expect(first.p79).toMatchObject({ received: 1, resolved: 1 })

    const again = await e.load('dossier', events())
    expect([again.accepted, again.duplicates, again.rejected]).toEqual([0, 11, 0])
    // A different event with a stored event_id: would end I3 on time and move I2's receipt.
    const clash = await e.load('dossier', [
      ev('I3', 9, '2025-10-12 09:00', { event_id: 'I3:2:2025-10-10 09:00' }),
      ev('I2', 2, '2025-09-01 09:00', { event_id: 'I2:2:2025-10-02 09:00', agency_code: 'P79' }),
    ])
    expect([clash.accepted, clash.duplicates]).toEqual([0, 2])
    expect(await snapshot()).toEqual(first)
    expect((await dossierDetail(e.store, 'I3'))!.events.length).toBe(1)
  })

  it('events loaded late and in reverse order, one delivery each, give the same figures', async () => {
    await registry('P01', 'P79')
    await loadEvents(events())
    const inOrder = await snapshot()
    await e.reset()
    await registry('P01', 'P79')
    for (const x of events().reverse()) await loadEvents([x])
    expect(await snapshot()).toEqual(inOrder)
    expect((await national(OCT))).toMatchObject(expected)
  })
})
