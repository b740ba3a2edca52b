// The portal's dossier sync (national-formats.md §1) through the real ingest path into a real
// engine: one test per rule of the mapping, the bad inputs, and the personal-data rule.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { summary } from '../core/kpi/dossiers'
import { makePeriod } from '../core/kpi/period'
import { quality } from '../core/kpi/quality'
import { testEngine, type TestEngine } from './helpers/engine'
import { dossierObject, H29, national, PERSONAL, progressEnvelope, progressObject, syncEnvelope } from './helpers/national'

let e: TestEngine
let api: ReturnType<typeof national>
beforeAll(async () => {
  e = await testEngine()
  api = national(e.store, e.writer)
})
afterAll(async () => {
  await e.close()
})
beforeEach(async () => {
  await e.reset()
})

interface Row {
  event_id: string
  dossier_code: string
  status: number
  occurred_at: string
  agency_code: string
  procedure_code: string
  sector_code: string | null
  channel: number | null
  applicant_type: number | null
  received_at: string | null
  due_at: string | null
  finished_at: string | null
  paid_online: number | null
  digitized: number | null
  timed_by_arrival: number
}
const events = () => e.store.rows<Row>('SELECT * EXCEPT (source, ingested_at) FROM dossier_events ORDER BY occurred_at, status, event_id')
const ok = (a: { status: number; body: unknown }) => {
  expect(a.status, JSON.stringify(a.body)).toBe(200)
  return a.body as { error_code: number; message: string; accepted: number; duplicates: number; rejected: Array<{ line: number; field: string; reason: string }> }
}

describe('DongBoHoSoMC: a dossier object is one dossier event', () => {
  it('maps every field, takes the agency from madonvi (not DonViXuLy), ignores the rest; replies in the portal style', async () => {
    const r = ok(await api.sync(syncEnvelope([dossierObject('H29.1-251001-0001', '2')])))
    expect(r).toEqual({ error_code: 0, message: expect.any(String), accepted: 1, duplicates: 0, rejected: [] })
    expect(await events()).toEqual([
      {
        event_id: 'dvcqg:H29.1-251001-0001:2:20251001091500',
        dossier_code: 'H29.1-251001-0001',
        status: 2,
        occurred_at: '2025-10-01 02:15:00.000000', // NgayTiepNhan 09:15 in Asia/Ho_Chi_Minh
        agency_code: H29,
        procedure_code: '1.004227',
        sector_code: 'G09-TM01',
        channel: 2,
        applicant_type: 1,
        received_at: '2025-10-01 02:15:00.000000',
        due_at: '2025-10-08 10:00:00.000000',
        finished_at: null,
        paid_online: 1,
        digitized: 1,
        timed_by_arrival: 0,
      },
    ])
  })

  it('takes occurred_at from the date of the state: 1 NgayNopHoSo, 3 NgayTuChoi, 9 NgayKetThucXuLy, 10 NgayTra', async () => {
    const dates = { NgayNopHoSo: '20251001080000', NgayTuChoi: '20251002080000', NgayKetThucXuLy: '20251003080000', NgayTra: '20251004080000' }
    const r = ok(await api.sync(syncEnvelope(['1', '3', '9', '10'].map((s) => dossierObject(`HS-${s}`, s, dates)))))
    expect(r.accepted).toBe(4)
    const got = Object.fromEntries((await events()).map((x) => [x.dossier_code, [x.event_id, x.occurred_at, x.timed_by_arrival]]))
    expect(got).toEqual({
      'HS-1': ['dvcqg:HS-1:1:20251001080000', '2025-10-01 01:00:00.000000', 0],
      'HS-3': ['dvcqg:HS-3:3:20251002080000', '2025-10-02 01:00:00.000000', 0],
      'HS-9': ['dvcqg:HS-9:9:20251003080000', '2025-10-03 01:00:00.000000', 0],
      'HS-10': ['dvcqg:HS-10:10:20251004080000', '2025-10-04 01:00:00.000000', 0],
    })
  })

  it('times by arrival a state without a date of its own (4) or whose date is empty, and flags it in the quality view', async () => {
    const before = Date.now()
    const r = ok(await api.sync(syncEnvelope([dossierObject('HS-A', '4'), dossierObject('HS-B', '2', { NgayTiepNhan: '' })])))
    const after = Date.now()
    expect(r.accepted).toBe(2)
    const rows = await events()
    for (const x of rows) {
      expect(x.timed_by_arrival, x.event_id).toBe(1)
      const at = Date.parse(x.occurred_at.replace(' ', 'T') + 'Z')
      expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      expect(at).toBeLessThanOrEqual(after)
      // event_id carries the arrival time as yyyyMMddHHmmss in Asia/Ho_Chi_Minh
      const local = new Date(at + 7 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14)
      expect(x.event_id).toBe(`dvcqg:${x.dossier_code}:${x.status}:${local}`)
    }
    expect(rows.find((x) => x.dossier_code === 'HS-B')!.received_at).toBeNull()
    const q = await quality(e.store)
    expect(q.totals.find((t) => t.kind === 'dossier')).toEqual({ kind: 'dossier', events: 2, timed_by_arrival: 2 })
  })

  it('reads scalars sent as strings or numbers; a status is written in event_id without leading zeros', async () => {
    const r = ok(await api.sync(syncEnvelope([dossierObject('HS-N', '2', { TrangThaiHoSo: '02', KenhThucHien: 1, LoaiDoiTuong: '2', NgayTiepNhan: 20251001091500 })])))
    expect(r.rejected).toEqual([])
    const [x] = await events()
    expect([x.event_id, x.status, x.channel, x.applicant_type]).toEqual(['dvcqg:HS-N:2:20251001091500', 2, 1, 2])
  })

  it('DuocThanhToanTrucTuyen: 1 and 2 are paid online, 0 is not, empty is absent; HoSoCoThanhPhanSoHoa 1 is digitized', async () => {
    const data = [
      dossierObject('P1', '2', { DuocThanhToanTrucTuyen: '1', HoSoCoThanhPhanSoHoa: '0' }),
      dossierObject('P2', '2', { DuocThanhToanTrucTuyen: 2 }),
      dossierObject('P0', '2', { DuocThanhToanTrucTuyen: '0', HoSoCoThanhPhanSoHoa: '' }),
      dossierObject('PE', '2', { DuocThanhToanTrucTuyen: '' }),
    ]
    ok(await api.sync(syncEnvelope(data)))
    const got = Object.fromEntries((await events()).map((x) => [x.dossier_code, [x.paid_online, x.digitized]]))
    expect(got).toEqual({ P1: [1, 0], P2: [1, 1], P0: [0, null], PE: [null, 1] })
  })

  it('a re-sent state is a duplicate whatever isUpdating says; the first stored copy wins', async () => {
    ok(await api.sync(syncEnvelope([dossierObject('HS-R', '2')])))
    const again = ok(await api.sync(syncEnvelope([dossierObject('HS-R', '2', { MaTTHC: '9.999' })], { isUpdating: true })))
    expect([again.accepted, again.duplicates]).toEqual([0, 1])
    expect((await events()).map((x) => x.procedure_code)).toEqual(['1.004227'])
  })

  it('takes a bare data array with MaDinhDanhDV (and isUpdating) in the query', async () => {
    const r = ok(await api.sync([dossierObject('HS-BARE', '2')], 'MaDinhDanhDV=000.00.00.H58&isUpdating=true'))
    expect(r.accepted).toBe(1)
    expect((await events())[0].agency_code).toBe('000.00.00.H58')
  })

  it('rejects a record with an impossible date, a value out of range or a missing required field, by position and source field; keeps the others', async () => {
    const data = [
      dossierObject('OK-1', '2'),
      dossierObject('BAD-DATE', '2', { NgayTiepNhan: '20250231101010' }),
      dossierObject('BAD-CHANNEL', '2', { KenhThucHien: '4' }),
      dossierObject('BAD-STATUS', '11'),
      dossierObject('NO-PROC', '2', { MaTTHC: '' }),
      dossierObject('BAD-SHAPE', '2', { NgayHenTra: '2025-10-08 17:00:00' }),
      dossierObject('BAD-STATE-DATE', '9', { NgayKetThucXuLy: '20251032080000' }),
      { ...dossierObject('x', '2'), MaHoSo: undefined },
      'not an object',
      dossierObject('BAD-TYPE', '2', { LoaiDoiTuong: 'citizen' }),
    ]
    const r = ok(await api.sync(syncEnvelope(data)))
    expect([r.accepted, r.duplicates]).toEqual([1, 0])
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [2, 'NgayTiepNhan'],
      [3, 'KenhThucHien'],
      [4, 'TrangThaiHoSo'],
      [5, 'MaTTHC'],
      [6, 'NgayHenTra'],
      [7, 'NgayKetThucXuLy'],
      [8, 'MaHoSo'],
      [9, '(record)'],
      [10, 'LoaiDoiTuong'],
    ])
    expect(r.rejected[0].reason).toContain('impossible')
    for (const x of r.rejected) expect(x.reason.length).toBeGreaterThan(5)
  })

  it('refuses with 400 {"error_code": 1} a body that is not an envelope, and a bare array without MaDinhDanhDV', async () => {
    for (const body of ['{broken', '"text"', JSON.stringify({ data: [] }), JSON.stringify({ service: 'LayDanhMuc', madonvi: H29, data: [] }), JSON.stringify({ service: 'DongBoHoSoMC', madonvi: H29, data: {} }), JSON.stringify([dossierObject('X', '2')])]) {
      const a = await api.sync(body)
      expect(a.status, body).toBe(400)
      expect(a.body).toEqual({ error_code: 1, message: expect.any(String) })
    }
    expect(await events()).toEqual([])
  })
})

describe('CapNhatTienDoHoSoMC: a progress record is one dossier event', () => {
  it('takes the procedure of the dossier’s latest stored event (ties by status), ThoiDiemXuLy and NgayKetThucTheoQuyDinh', async () => {
    // two stored events at the same instant: status 4 (procedure B) sorts after status 2 (A)
    await e.load('dossier', [
      { event_id: 'n-2', dossier_code: 'HS-P', status: 2, occurred_at: '2025-10-01T09:00:00+07:00', agency_code: H29, procedure_code: 'A' },
      { event_id: 'n-4', dossier_code: 'HS-P', status: 4, occurred_at: '2025-10-01T09:00:00+07:00', agency_code: H29, procedure_code: 'B' },
      { event_id: 'n-old', dossier_code: 'HS-P', status: 5, occurred_at: '2025-09-30T09:00:00+07:00', agency_code: H29, procedure_code: 'C' },
    ])
    const r = ok(await api.sync(progressEnvelope([progressObject('HS-P', '05', '20251002100000', { NgayKetThucTheoQuyDinh: '20251015170000' })])))
    expect(r.rejected).toEqual([])
    const x = (await events()).find((v) => v.event_id.startsWith('dvcqg-progress'))!
    expect(x).toMatchObject({ event_id: 'dvcqg-progress:HS-P:5:20251002100000', status: 5, procedure_code: 'B', occurred_at: '2025-10-02 03:00:00.000000', due_at: '2025-10-15 10:00:00.000000', agency_code: H29, timed_by_arrival: 0 })
  })

  it('counts an event earlier in the same delivery as stored, and rejects a dossier never synced', async () => {
    const file = [syncEnvelope([dossierObject('HS-Q', '2', { MaTTHC: 'PROC-Q' })]), progressEnvelope([progressObject('HS-Q', '4', '20251002100000'), progressObject('HS-NEVER', '4', '20251002100000')])]
    // one delivery of two envelopes, as an import file of one envelope per line reads it
    const { syncEvents } = await import('../ingest/import')
    const { ingestConverted } = await import('../ingest/formats/convert')
    const { readEnvelope } = await import('../ingest/formats/dvcqg')
    const rejects: Array<{ line: number; field: string; reason: string; record: string }> = []
    const counts = await ingestConverted(
      syncEvents((async function* () { for (const [i, env] of file.entries()) yield { line: i + 1, envelope: readEnvelope(env) } })(), e.store),
      { kind: 'dossier', store: e.store, writer: e.writer, source: 'test', validate: { provinceCodes: new Set() }, onReject: (x) => void rejects.push(x) },
    )
    expect(counts).toEqual({ accepted: 2, duplicates: 0, rejected: 1 })
    expect((await events()).find((v) => v.status === 4)!.procedure_code).toBe('PROC-Q')
    expect(rejects.map((x) => [x.line, x.field])).toEqual([[2, 'MaHoSo']])
    expect(rejects[0].reason).toMatch(/never|no event|synced/i)
    expect(rejects[0].record).not.toContain(PERSONAL)
  })

  it('an empty ThoiDiemXuLy is timed by arrival; an empty or unknown TrangThai rejects the record', async () => {
    ok(await api.sync(syncEnvelope([dossierObject('HS-T', '2')])))
    const r = ok(await api.sync(progressEnvelope([progressObject('HS-T', '4', ''), progressObject('HS-T', '', '20251002100000'), progressObject('HS-T', '12', '20251002100000')])))
    expect(r.accepted).toBe(1)
    expect(r.rejected.map((x) => [x.line, x.field])).toEqual([
      [2, 'TrangThai'],
      [3, 'TrangThai'],
    ])
    const x = (await events()).find((v) => v.status === 4)!
    expect(x.timed_by_arrival).toBe(1)
    expect(x.event_id).toMatch(/^dvcqg-progress:HS-T:4:20\d{12}$/)
    expect(x.due_at).toBeNull()
  })
})

describe('one dossier whatever the way in', () => {
  it('a dossier synced by the portal and sent again as NDJSON with the same event_id is one dossier, counted once', async () => {
    ok(await api.sync(syncEnvelope([dossierObject('HS-ONE', '2'), dossierObject('HS-ONE', '9', { NgayKetThucXuLy: '20251003160000' })])))
    const nd = await e.load('dossier', [
      { event_id: 'dvcqg:HS-ONE:2:20251001091500', dossier_code: 'HS-ONE', status: 2, occurred_at: '2025-10-01T09:15:00+07:00', agency_code: H29, procedure_code: '1.004227', received_at: '2025-10-01T09:15:00+07:00' },
      { event_id: 'ndjson-later', dossier_code: 'HS-ONE', status: 10, occurred_at: '2025-10-04T09:00:00+07:00', agency_code: H29, procedure_code: '1.004227' },
    ])
    expect([nd.accepted, nd.duplicates]).toEqual([1, 1])
    const f = await summary(e.store, { level: 'national', unit: '', structure: 'current', period: makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01T00:00:00Z')) })
    expect([f.received, f.resolved, f.on_time]).toEqual([1, 1, 1])
    expect(f.avg_days).toBe(2.28) // 2025-10-01 09:15 → 2025-10-03 16:00 = 2 d 6 h 45 min
    expect(f.paid_online_rate).toBe(1)
  })
})

describe('personal data is never stored', () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n)
      return statSync(p).isDirectory() ? filesUnder(p) : [p]
    })
  }
  const holding = (marker: string) => filesUnder(e.dataDir).filter((f) => readFileSync(f).includes(Buffer.from(marker)))

  it('neither in events nor in rejects (nor anywhere under DATA_DIR)', async () => {
    const control = 'MAHOSO-DUOC-LUU-4d1e'
    ok(await api.sync(syncEnvelope([dossierObject(control, '2'), dossierObject('HS-REJ', '2', { NgayTiepNhan: '20250230000000' })])))
    ok(await api.sync(progressEnvelope([progressObject(control, '4', '20251002100000'), progressObject('HS-NONE', '4', '20251002100000')])))
    const rejects = await e.store.rows<{ record: string }>('SELECT record FROM rejects')
    expect(rejects.length).toBe(2)
    expect(rejects[0].record).toContain('HS-')
    await e.store.command('OPTIMIZE TABLE rejects FINAL')
    await e.store.command('SYSTEM FLUSH LOGS').catch(() => undefined)
    expect(holding(control).length, 'the control (a dossier code) is stored and found by the search').toBeGreaterThan(0)
    expect(holding(PERSONAL)).toEqual([])
  })
})
