// The data-quality view's late arrivals (events stored more than 24 h after they occurred), by
// province unit of the current structure: '' (shown as null) for an agency that is unmapped or
// central; a document by its recipient. And the agencies gone silent, counted over all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quality, silentAgencies } from '../core/kpi/quality'
import { testEngine, type TestEngine } from './helpers/engine'

let e: TestEngine
beforeAll(async () => {
  e = await testEngine()
})
afterAll(async () => {
  await e.close()
})

const dossier = (id: string, agency: string, occurred: string) => ({
  event_id: id, dossier_code: id, status: 2, occurred_at: occurred, agency_code: agency, procedure_code: '1.001234',
  received_at: occurred, due_at: '2025-10-20T17:00:00+07:00', channel: 2,
})

describe('late arrivals', () => {
  it('by kind and province unit, with the worst delay; an agency without a province counts under none', async () => {
    await e.load('agency', [
      { agency_code: '000.00.00.H58', name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', level: 'province', province_code: '79' },
      { agency_code: '000.00.00.G01', name: 'Văn phòng Chính phủ', level: 'ministry' },
    ])
    const before = Date.now()
    await e.load('dossier', [
      dossier('L1', '000.00.00.H58', '2025-10-01T09:00:00+07:00'),
      dossier('L2', '000.00.00.H58', '2025-10-02T09:00:00+07:00'),
      dossier('L3', '000.00.00.G01', '2025-10-03T09:00:00+07:00'),
      dossier('L4', '000.99.99.X99', '2025-10-04T09:00:00+07:00'), // not in the registry
      dossier('ON-TIME', '000.00.00.H58', new Date(Date.now() - 3600_000).toISOString()), // an hour ago: not late
    ])
    const after = Date.now()
    const q = await quality(e.store)
    const delay = (iso: string, at: number) => Math.floor((at - Date.parse(iso)) / 1000)
    expect(q.late_arrivals.map((l) => [l.kind, l.unit, l.events])).toEqual([
      ['dossier', null, 2],
      ['dossier', '79', 2],
    ])
    // the worst delay of 79 is L1's: from its occurrence to its arrival, between the clock before and after loading
    const l79 = q.late_arrivals.find((l) => l.unit === '79')!
    expect(l79.max_delay_s).toBeGreaterThanOrEqual(delay('2025-10-01T09:00:00+07:00', before) - 1)
    expect(l79.max_delay_s).toBeLessThanOrEqual(delay('2025-10-01T09:00:00+07:00', after) + 1)
  })
})

describe('silent agencies', () => {
  it('counts every agency that sent dossier or document events and those silent for whole days, and lists the longest silent first', async () => {
    await e.reset()
    await e.load('dossier', [
      dossier('S1', 'A-1', '2025-10-01T09:00:00+07:00'),
      dossier('S2', 'A-1', '2025-10-03T09:00:00+07:00'), // A-1's latest: 7 days before now exactly
      dossier('S3', 'B-1', '2025-10-06T09:00:01+07:00'), // 3 days, 23:59:59
      dossier('S4', 'C-1', '2025-10-08T09:00:00+07:00'), // 2 days
    ])
    // a connection event says that an agency is connected, not that it sends data
    await e.load('connection', [{ event_id: 'K1', agency_code: 'D-1', platform: 'document_axis', state: 'connected', occurred_at: '2025-09-01T09:00:00+07:00' }])
    const now = new Date('2025-10-10T09:00:00+07:00')
    const week = await silentAgencies(e.store, { now, days: 7, shown: 50 })
    expect(week).toMatchObject({ agencies: 3, silent: 1 })
    expect(week.longest.map((r) => [r.agency_code, r.days, r.events, r.kinds])).toEqual([['A-1', 7, 2, ['dossier']]])
    // three days: B-1 is short of its fourth; the list is cut at `shown`, the count is not
    const three = await silentAgencies(e.store, { now, days: 3, shown: 1 })
    expect(three).toMatchObject({ agencies: 3, silent: 2 })
    expect(three.longest.map((r) => r.agency_code)).toEqual(['A-1'])
    expect((await silentAgencies(e.store, { now, days: 4, shown: 50 })).longest.map((r) => r.agency_code)).toEqual(['A-1'])
    // before any event
    await e.reset()
    expect(await silentAgencies(e.store, { now, days: 7, shown: 50 })).toEqual({ agencies: 0, silent: 0, longest: [] })
  })
})
