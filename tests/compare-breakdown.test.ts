// kpi.md "Comparison with an earlier period" and "Agencies and procedures of a unit": the period
// rule as pure functions, then summaryView / unitsView / overviewView (with a comparison) / agencyTable /
// procedureTable on a real embedded engine, on small hand-computed cases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testEngine, type TestEngine } from './helpers/engine'
import { earlierPeriod, isWholeMonths, previousRange, overviewView, summaryView, unitsView, yearEarlierDay, yearEarlierRange } from '../core/kpi/compare'
import { agencyNames, agencyTable, procedureTable } from '../core/kpi/breakdown'
import { makePeriod } from '../core/kpi/period'
import { summary } from '../core/kpi/dossiers'
import { listUnits } from '../core/kpi/units'

describe('the earlier period (pure)', () => {
  it('previous: whole calendar months give as many whole months just before', () => {
    expect(isWholeMonths('2025-03-01', '2025-03-31')).toBe(true)
    expect(previousRange('2025-03-01', '2025-03-31')).toEqual({ from: '2025-02-01', to: '2025-02-28' })
    expect(previousRange('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(previousRange('2025-04-01', '2025-06-30')).toEqual({ from: '2025-01-01', to: '2025-03-31' })
    expect(previousRange('2025-01-01', '2025-02-28')).toEqual({ from: '2024-11-01', to: '2024-12-31' })
    expect(previousRange('2025-01-01', '2025-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' })
    expect(previousRange('2024-02-01', '2024-02-29')).toEqual({ from: '2024-01-01', to: '2024-01-31' })
  })

  it('previous: otherwise as many days, ending the day before from', () => {
    expect(isWholeMonths('2025-03-01', '2025-03-15')).toBe(false)
    expect(previousRange('2025-03-01', '2025-03-15')).toEqual({ from: '2025-02-14', to: '2025-02-28' })
    expect(previousRange('2025-10-05', '2025-10-14')).toEqual({ from: '2025-09-25', to: '2025-10-04' })
    expect(previousRange('2025-01-15', '2025-02-28')).toEqual({ from: '2024-12-01', to: '2025-01-14' }) // 45 days
    expect(previousRange('2025-03-01', '2025-03-01')).toEqual({ from: '2025-02-28', to: '2025-02-28' })
    expect(previousRange('2025-11-02', '2025-12-01')).toEqual({ from: '2025-10-03', to: '2025-11-01' }) // 30 days
  })

  it('year: the same dates one year earlier, 29 February becoming 28 February', () => {
    expect(yearEarlierDay('2025-10-31')).toBe('2024-10-31')
    expect(yearEarlierDay('2024-02-29')).toBe('2023-02-28')
    expect(yearEarlierDay('2025-02-28')).toBe('2024-02-28')
    expect(yearEarlierRange('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' })
  })

  it('an earlier period is complete: its T is its end', () => {
    const p = earlierPeriod(makePeriod('2026-11-01', '2026-11-30', new Date('2026-11-15T00:00:00Z')), 'previous')
    expect([p.from, p.to]).toEqual(['2026-10-01', '2026-10-31'])
    expect(p.T.toISOString()).toBe('2026-10-31T17:00:00.000Z')
    expect(p.end.toISOString()).toBe('2026-10-31T17:00:00.000Z')
  })
})

// ---------------------------------------------------------------------------------------------

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
const vn = (s: string) => `${s.replace(' ', 'T')}:00+07:00`

const REGISTRY = [
  { agency_code: 'A1', name: 'Sở Tư pháp TP Hồ Chí Minh', level: 'province', province_code: '79' },
  { agency_code: 'A2', name: 'UBND phường Sài Gòn', level: 'commune', province_code: '79' },
  { agency_code: 'A3', name: 'UBND phường Bến Thành', level: 'commune', province_code: '79' },
  { agency_code: 'B1', name: 'UBND TP Hà Nội', level: 'province', province_code: '01' },
  { agency_code: 'G01', name: 'Bộ Công an', level: 'central', ministry: 'G01' },
  { agency_code: 'G01.X', name: 'Cục Cảnh sát QLHC về TTXH', level: 'central', ministry: 'G01' },
]

let seq = 0
function ev(code: string, status: number, at: string, agency: string, procedure: string, x: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = { event_id: `${code}:${status}:${at}:${++seq}`, dossier_code: code, status, occurred_at: vn(at), agency_code: agency, procedure_code: procedure }
  for (const [k, v] of Object.entries(x)) out[k] = typeof v === 'string' && /^\d{4}-/.test(v) ? vn(v) : v
  return out
}
const received = (code: string, at: string, agency: string, procedure: string, x: Record<string, unknown> = {}) =>
  ev(code, 2, at, agency, procedure, { received_at: at, ...x })

async function load(events: Array<Record<string, unknown>>) {
  const reg = await e.load('agency', REGISTRY)
  expect(reg.rejects).toEqual([])
  const r = await e.load('dossier', events)
  expect(r.rejects).toEqual([])
}

/** The fixture of the breakdown cases (all in province 79 unless said otherwise). */
const FIXTURE = () => [
  // D1: A1, P1, online, paid online; received 10-02 09:00, finished 10-05 09:00 before due → on time, 3 days.
  received('D1', '2025-10-02 09:00', 'A1', 'P1', { channel: 2, paid_online: true, due_at: '2025-10-10 17:00' }),
  ev('D1', 10, '2025-10-05 09:00', 'A1', 'P1'),
  // D2: A1, P2; received 10-03, due 10-08, never ends → pending and overdue at the end of October.
  received('D2', '2025-10-03 09:00', 'A1', 'P2', { due_at: '2025-10-08 17:00' }),
  // D3: A2, P1, at the counter, digitised; received 10-04, finished 10-25 after due 10-20 → late, 21 days.
  received('D3', '2025-10-04 09:00', 'A2', 'P1', { channel: 1, digitized: true, due_at: '2025-10-20 17:00' }),
  ev('D3', 10, '2025-10-25 09:00', 'A2', 'P1'),
  // D4: A2, P1; received in September, closed without result (7) on 10-06.
  received('D4', '2025-09-20 09:00', 'A2', 'P1'),
  ev('D4', 7, '2025-10-06 09:00', 'A2', 'P1'),
  // D5: Hà Nội's: in no list of 79.
  received('D5', '2025-10-02 09:00', 'B1', 'P9'),
  // D6: A1, P3, received in November: P3 is a procedure of 79 with zero October figures.
  received('D6', '2025-11-05 09:00', 'A1', 'P3'),
  // D7: a unit of ministry G01, pending with no due date.
  received('D7', '2025-10-10 09:00', 'G01.X', 'P1'),
]

const ZERO = { received: 0, resolved: 0, on_time: 0, late: 0, on_time_rate: null, pending: 0, overdue: 0, closed_unresolved: 0, online_rate: null, paid_online_rate: null, digitized_rate: null, avg_days: null, index: 0, rank: null }

describe('agencies and procedures of a unit', () => {
  it('agencies: every registry agency of the unit, its own dossiers, zeros without data', async () => {
    await load(FIXTURE())
    const rows = await agencyTable(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT })
    expect(rows.map((r) => r.code)).toEqual(['A1', 'A2', 'A3'])
    // A1: received D1, D2; online 1/2, paid 1/2, digitised 0/2; resolved D1 on time (3 d); D2 pending, overdue.
    // index = 100 × (20 + 12 + 0.5×10/0.8 + 0) / 64 = 100 × 38.25 / 64 = 59.765… → 59.77
    expect(rows[0]).toEqual({
      code: 'A1', name: 'Sở Tư pháp TP Hồ Chí Minh', received: 2, resolved: 1, on_time: 1, late: 0, on_time_rate: 1, pending: 1, overdue: 1,
      closed_unresolved: 0, online_rate: 0.5, paid_online_rate: 0.5, digitized_rate: 0, avg_days: 3, index: 59.77, rank: null, band: 'Trung bình',
    })
    // A2: received D3 (D4 was received in September); D3 late, 21 d; D4 closed in October.
    // index = 100 × 22 / 64 = 34.375 → 34.38 (half away from zero)
    expect(rows[1]).toMatchObject({
      code: 'A2', received: 1, resolved: 1, on_time: 0, late: 1, on_time_rate: 0, pending: 0, overdue: 0, closed_unresolved: 1,
      online_rate: 0, paid_online_rate: 0, digitized_rate: 1, avg_days: 21, index: 34.38, rank: null,
    })
    expect(rows[2]).toMatchObject({ code: 'A3', name: 'UBND phường Bến Thành', ...ZERO })
  })

  it('agencies of a ministry, and pending / overdue read at T inside the period', async () => {
    await load(FIXTURE())
    const g = await agencyTable(e.store, { level: 'ministry', unit: 'G01', structure: 'current', period: OCT })
    expect(g.map((r) => [r.code, r.received, r.pending, r.overdue])).toEqual([['G01', 0, 0, 0], ['G01.X', 1, 1, 0]])
    // T = 2025-10-07 00:00 +07: D2 (due 10-08) pending, not yet overdue; D3 pending at T (its finish,
    // 10-25, still falls in the period, so it counts as resolved, as in summary()); D4 closed 10-06 ≤ T.
    const early = makePeriod('2025-10-01', '2025-10-31', new Date('2025-10-06T17:00:00Z'))
    const rows = await agencyTable(e.store, { level: 'province', unit: '79', structure: 'current', period: early })
    expect(rows.map((r) => [r.code, r.received, r.resolved, r.pending, r.overdue, r.closed_unresolved])).toEqual([
      ['A1', 2, 1, 1, 0, 0],
      ['A2', 1, 1, 1, 0, 1],
      ['A3', 0, 0, 0, 0, 0],
    ])
    // the agencies of a unit add up to the unit (every dossier of 79 is owned by one of its agencies)
    const unit = await summary(e.store, { level: 'province', unit: '79', structure: 'current', period: early })
    for (const k of ['received', 'resolved', 'pending', 'overdue', 'closed_unresolved'] as const) expect(rows.reduce((s, r) => s + r[k], 0)).toBe(unit[k])
  })

  it('procedures: those with at least one dossier of the unit, names null', async () => {
    await load(FIXTURE())
    const rows = await procedureTable(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT })
    expect(rows.map((r) => r.code)).toEqual(['P1', 'P2', 'P3'])
    // P1: D1, D3, D4 → received 2; online 1/2, paid 1/2, digitised 1/2; resolved 2 (1 on time); closed 1; avg (3 + 21) / 2 = 12.
    // index = 100 × (0.5×20 + 12 + 0.5×10/0.8 + 0.5×22/0.8) / 64 = 100 × 42 / 64 = 65.625 → 65.63
    expect(rows[0]).toEqual({
      code: 'P1', name: null, received: 2, resolved: 2, on_time: 1, late: 1, on_time_rate: 0.5, pending: 0, overdue: 0, closed_unresolved: 1,
      online_rate: 0.5, paid_online_rate: 0.5, digitized_rate: 0.5, avg_days: 12, index: 65.63, rank: null, band: 'Trung bình',
    })
    expect(rows[1]).toMatchObject({ code: 'P2', received: 1, resolved: 0, on_time_rate: null, pending: 1, overdue: 1, online_rate: 0, avg_days: null, index: 0 })
    expect(rows[2]).toMatchObject({ code: 'P3', name: null, ...ZERO })
    const hn = await procedureTable(e.store, { level: 'province', unit: '01', structure: 'current', period: OCT })
    expect(hn.map((r) => [r.code, r.received])).toEqual([['P9', 1]])
  })

  it('rank among the rows of the same list: at least 30 resolved, index desc', async () => {
    const events: Array<Record<string, unknown>> = []
    // A1: 31 resolved on time at the counter → index 100 × 20 / 64 = 31.25. A2: 30 online → 100 × 32 / 64 = 50. A3: 29 online (unranked).
    const batch = (agency: string, n: number, channel: number) => {
      for (let i = 0; i < n; i++) {
        const code = `R-${agency}-${i}`
        events.push(received(code, '2025-10-02 09:00', agency, 'PX', { channel }), ev(code, 10, '2025-10-03 09:00', agency, 'PX'))
      }
    }
    batch('A1', 31, 1)
    batch('A2', 30, 2)
    batch('A3', 29, 2)
    await load(events)
    const rows = await agencyTable(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT })
    expect(rows.map((r) => [r.code, r.resolved, r.index, r.rank])).toEqual([
      ['A1', 31, 31.25, 2],
      ['A2', 30, 50, 1],
      ['A3', 29, 50, null],
    ])
    const procs = await procedureTable(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT })
    expect(procs.map((r) => [r.code, r.resolved, r.rank])).toEqual([['PX', 90, 1]])
  })

  it("a unit's agencies, the ministries and agency names follow a registry load at once (they are kept in memory between loads)", async () => {
    await load(FIXTURE())
    const q = { level: 'province', unit: '79', structure: 'current', period: OCT } as const
    expect((await agencyTable(e.store, q)).map((r) => r.code)).toEqual(['A1', 'A2', 'A3'])
    expect((await listUnits(e.store, 'ministry', 'current')).map((u) => u.code)).toEqual(['G01'])
    expect(await agencyNames(e.store, ['A3'])).toEqual({ A3: 'UBND phường Bến Thành' })
    // a new agency of 79, A3 renamed and moved to Hà Nội, a new ministry
    const reg = await e.load('agency', [
      { agency_code: 'A4', name: 'UBND phường Tân Định', level: 'commune', province_code: '79' },
      { agency_code: 'A3', name: 'UBND phường Hoàn Kiếm', level: 'commune', province_code: '01' },
      { agency_code: 'G22', name: 'Văn phòng Chính phủ', level: 'central', ministry: 'G22' },
    ])
    expect(reg.rejects).toEqual([])
    expect((await agencyTable(e.store, q)).map((r) => r.code)).toEqual(['A1', 'A2', 'A4'])
    expect((await agencyTable(e.store, { ...q, unit: '01' })).map((r) => r.code)).toEqual(['A3', 'B1'])
    expect((await listUnits(e.store, 'ministry', 'current')).map((u) => u.code)).toEqual(['G01', 'G22'])
    expect(await agencyNames(e.store, ['A3'])).toEqual({ A3: 'UBND phường Hoàn Kiếm' })
  })

  it('agency names for case lists', async () => {
    await load([])
    expect(await agencyNames(e.store, ['A1', 'ZZ', 'A1'])).toEqual({ A1: 'Sở Tư pháp TP Hồ Chí Minh' })
    // names already read (a unit's agencies) are taken as given; the registry is asked for the others
    expect(await agencyNames(e.store, ['A1', 'ZZ', 'A3'], [{ code: 'A3', name: 'as read' }, { code: 'A9', name: 'not asked for' }])).toEqual({ A1: 'Sở Tư pháp TP Hồ Chí Minh', A3: 'as read' })
    expect(await agencyNames(e.store, [], [{ code: 'A3', name: 'as read' }])).toEqual({})
  })
})

describe('figures with an earlier period', () => {
  it('summary: previous (September) and year (October 2024), each complete', async () => {
    await load([
      ...FIXTURE(),
      received('Y1', '2024-10-15 09:00', 'B1', 'P9'),
      ev('Y1', 10, '2024-10-16 09:00', 'B1', 'P9'),
    ])
    const p = await summaryView(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT, compare: 'previous' })
    expect(p).toMatchObject({ received: 3, resolved: 2, pending: 1 })
    // September in 79: D4 received 09-20, still pending at 09-30 24:00 (closed 10-06).
    expect(p.previous).toEqual({
      from: '2025-09-01', to: '2025-09-30', received: 1, resolved: 0, on_time: 0, late: 0, on_time_rate: null, pending: 1, overdue: 0,
      closed_unresolved: 0, online_rate: 0, paid_online_rate: 0, digitized_rate: 0, avg_days: null, index: 0,
    })
    const y = await summaryView(e.store, { level: 'national', unit: '', structure: 'current', period: OCT, compare: 'year' })
    expect(y.previous).toMatchObject({ from: '2024-10-01', to: '2024-10-31', received: 1, resolved: 1, on_time: 1, avg_days: 1, pending: 0 })
  })

  it('units: previous figures and rank_previous per unit', async () => {
    const events: Array<Record<string, unknown>> = []
    // September: 79 has 30 online resolved (index 50), 01 has 30 at the counter (31.25); October: nothing.
    for (let i = 0; i < 30; i++) {
      events.push(received(`S79-${i}`, '2025-09-02 09:00', 'A1', 'PX', { channel: 2 }), ev(`S79-${i}`, 10, '2025-09-03 09:00', 'A1', 'PX'))
      events.push(received(`S01-${i}`, '2025-09-02 09:00', 'B1', 'PX', { channel: 1 }), ev(`S01-${i}`, 10, '2025-09-03 09:00', 'B1', 'PX'))
    }
    await load(events)
    const units = await unitsView(e.store, { level: 'province', structure: 'current', period: OCT, compare: 'previous' })
    expect(units).toHaveLength(34)
    const u79 = units.find((u) => u.code === '79')!
    const u01 = units.find((u) => u.code === '01')!
    const u04 = units.find((u) => u.code === '04')!
    expect([u79.rank, u79.rank_previous, u79.received, u79.previous!.resolved, u79.previous!.index]).toEqual([null, 1, 0, 30, 50])
    expect([u01.rank, u01.rank_previous, u01.previous!.resolved, u01.previous!.index]).toEqual([null, 2, 30, 31.25])
    expect([u04.rank_previous, u04.previous!.received, u04.previous!.from, u04.previous!.to]).toEqual([null, 0, '2025-09-01', '2025-09-30'])
    // the overview reads the nation, the provinces and the ministries with their comparison in one query: the same figures
    const o = await overviewView(e.store, { structure: 'current', period: OCT, compare: 'previous' })
    expect(o.provinces).toEqual(units)
    expect(o.national).toEqual(await summaryView(e.store, { level: 'national', unit: '', structure: 'current', period: OCT, compare: 'previous' }))
    expect(o.ministries).toEqual(await unitsView(e.store, { level: 'ministry', structure: 'current', period: OCT, compare: 'previous' }))
    expect([o.national.received, o.national.previous!.resolved]).toEqual([0, 60])
  })
})

describe('period presets of the pages (pure)', async () => {
  const { presetRange, presetOf, parseDay } = await import('../app/lib/presets')
  it('each preset on 2026-02-15, and last month on 1 January', () => {
    const t = '2026-02-15'
    expect(presetRange('this_month', t)).toEqual({ from: '2026-02-01', to: t })
    expect(presetRange('last_month', t)).toEqual({ from: '2026-01-01', to: '2026-01-31' })
    expect(presetRange('this_quarter', t)).toEqual({ from: '2026-01-01', to: t })
    expect(presetRange('last_quarter', t)).toEqual({ from: '2025-10-01', to: '2025-12-31' })
    expect(presetRange('this_year', t)).toEqual({ from: '2026-01-01', to: t })
    expect(presetRange('last_year', t)).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(presetRange('last_30', t)).toEqual({ from: '2026-01-17', to: t })
    expect(presetRange('last_month', '2026-01-01')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(presetRange('last_quarter', '2025-05-20')).toEqual({ from: '2025-01-01', to: '2025-03-31' })
    expect(presetOf('2026-01-01', '2026-01-31', t)).toBe('last_month')
    expect(presetOf('2026-01-02', '2026-01-31', t)).toBe('custom')
  })
  it('days typed as dd/mm/yyyy', () => {
    expect(parseDay('05/10/2025')).toBe('2025-10-05')
    expect(parseDay('5/1/2025')).toBe('2025-01-05')
    expect(parseDay('2025-10-05')).toBe('2025-10-05')
    expect(parseDay('31/02/2025')).toBeNull()
    expect(parseDay('10/13/2025')).toBeNull()
    expect(parseDay('2025/10/05')).toBeNull()
  })
})

describe('direction of a change (kpi.md)', async () => {
  const { changeTone } = await import('../core/kpi/direction')
  it('overdue up is bad, on-time rate up is good, received is neutral', () => {
    expect(changeTone('overdue', 3, 5)).toBe('bad')
    expect(changeTone('overdue', 5, 3)).toBe('good')
    expect(changeTone('on_time_rate', 0.8, 0.9)).toBe('good')
    expect(changeTone('avg_days', 2, 3)).toBe('bad')
    expect(changeTone('index', 50, 40)).toBe('bad')
    expect(changeTone('received', 10, 20)).toBe('neutral')
    expect(changeTone('on_time_rate', null, 0.9)).toBe('neutral')
    expect(changeTone('pending', 4, 4)).toBe('neutral')
  })
})

describe('most overdue agencies', async () => {
  const { mostOverdueAgencies } = await import('../core/kpi/breakdown')
  it('nationally and in one unit, most first, then by code; unregistered agencies keep their code', async () => {
    await load([
      ...FIXTURE(),
      // two more overdue in A2 and one in an agency not in the registry
      received('O1', '2025-10-03 09:00', 'A2', 'P1', { due_at: '2025-10-05 17:00' }),
      received('O2', '2025-10-03 09:00', 'A2', 'P1', { due_at: '2025-10-05 17:00' }),
      received('O3', '2025-10-03 09:00', 'ZZ.UNKNOWN', 'P1', { due_at: '2025-10-05 17:00' }),
    ])
    const all = await mostOverdueAgencies(e.store, { level: 'national', unit: '', structure: 'current', period: OCT, limit: 10 })
    expect(all).toEqual([
      { code: 'A2', name: 'UBND phường Sài Gòn', unit: '', overdue: 2 },
      { code: 'A1', name: 'Sở Tư pháp TP Hồ Chí Minh', unit: '', overdue: 1 },
      { code: 'ZZ.UNKNOWN', name: null, unit: '', overdue: 1 },
    ])
    const hcm = await mostOverdueAgencies(e.store, { level: 'province', unit: '79', structure: 'current', period: OCT, limit: 1 })
    expect(hcm).toEqual([{ code: 'A2', name: 'UBND phường Sài Gòn', unit: '79', overdue: 2 }])
  })
})

describe('document totals of a level (pure)', async () => {
  const { documentTotals } = await import('../core/kpi/document-totals')
  it('adds counts and recovers rates from exact per-unit rates', () => {
    const u = (sent: number, received: number, accepted: number, refused: number, unacknowledged: number) => ({
      sent, received, unacknowledged, accepted_rate: received ? accepted / received : null, refused_rate: received ? refused / received : null, latency_p50_s: null, latency_p95_s: null,
    })
    expect(documentTotals([u(5, 3, 1, 1, 2), u(2, 7, 6, 0, 0), u(0, 0, 0, 0, 0)])).toEqual({ sent: 7, received: 10, unacknowledged: 2, accepted_rate: 0.7, refused_rate: 0.1 })
    expect(documentTotals([])).toEqual({ sent: 0, received: 0, unacknowledged: 0, accepted_rate: null, refused_rate: null })
  })
})

describe('data freshness', async () => {
  const { freshness } = await import('../core/kpi/freshness')
  it('the newest event not after now, its age, and the sources silent for over 24 hours', async () => {
    const reg = await e.load('agency', REGISTRY)
    expect(reg.rejects).toEqual([])
    expect((await e.load('dossier', [received('F1', '2025-10-02 09:00', 'A1', 'P1'), received('F2', '2025-10-03 09:00', 'A1', 'P1')], 'feed-a')).accepted).toBe(2)
    expect((await e.load('dossier', [received('F3', '2025-10-01 09:00', 'A2', 'P1')], 'feed-b')).accepted).toBe(1)
    // now: 2025-10-03 10:30 +07 (an hour and a half after the newest event); both sources delivered just now
    const soon = await freshness(e.store, new Date('2025-10-03T03:30:00Z'))
    // the clock of this test is earlier than the real arrival, so no source is "silent" yet
    expect(soon).toEqual({ newest: '2025-10-03T09:00:00+07:00', age_minutes: 90, silent: [] })
    // two days after the real arrival: both sources are silent (delivered in the last 30 days, not in the last 24 h)
    const later = await freshness(e.store, new Date(Date.now() + 2 * 86_400_000))
    expect(later.newest).toBe('2025-10-03T09:00:00+07:00')
    expect(later.silent.map((x) => x.source).sort()).toEqual(['feed-a', 'feed-b'])
    // an event in the future of `now` is not the newest
    const before = await freshness(e.store, new Date('2025-10-02T03:00:00Z'))
    expect(before.newest).toBe('2025-10-02T09:00:00+07:00')
    expect(before.age_minutes).toBe(60) // 10:00 − 09:00
  })
})
