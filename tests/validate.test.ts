import { describe, it, expect } from 'vitest'
import type { Kind, RecordOf, Reject } from '../ingest/records'
import { agencyFromCsvRow, parseTimestamp, validateRecord, type ValidateContext } from '../ingest/validate'

const ctx: ValidateContext = { provinceCodes: new Set(['01', '02', '79', '96']) }

function accept<K extends Kind>(kind: K, value: unknown): RecordOf[K] {
  const r = validateRecord(kind, value, 1, ctx)
  if (!r.ok) throw new Error(`expected accept, got reject ${JSON.stringify(r.reject)}`)
  return r.record
}

function reject(kind: Kind, value: unknown, line = 7): Reject {
  const r = validateRecord(kind, value, line, ctx)
  if (r.ok) throw new Error(`expected reject, got ${JSON.stringify(r.record)}`)
  return r.reject
}

const dossier = {
  event_id: 'ev-1',
  dossier_code: 'H29.22-251001-0001',
  status: 2,
  occurred_at: '2025-10-01T09:15:00+07:00',
  agency_code: '000.00.00.H29',
  procedure_code: '1.001234',
}
const document = {
  event_id: 'doc-ev-1',
  document_id: '000.00.00.G22,2025/09/20,7816/VPCP-TTĐT',
  from_agency: '000.00.00.G22',
  to_agency: '000.00.00.H29',
  status: '00',
  occurred_at: '2025-10-01T02:15:00.250Z',
}
const connection = {
  event_id: 'conn-1',
  agency_code: '000.00.00.H29',
  platform: 'document_axis',
  state: 'connected',
  occurred_at: '2025-10-01T02:15:00Z',
}
const central = { agency_code: '000.00.00.G22', name: 'Văn phòng Chính phủ', level: 'central', ministry: '000.00.00.G22' }
const commune = { agency_code: '000.31.40.H29', name: 'UBND phường Sài Gòn', level: 'commune', province_code: '79' }

const s = (n: number) => 'x'.repeat(n)

describe('dossier', () => {
  it('accepts the required fields and sets absent optionals to null', () => {
    expect(accept('dossier', dossier)).toEqual({
      ...dossier,
      occurred_at: '2025-10-01 02:15:00.000000',
      sector_code: null,
      channel: null,
      applicant_type: null,
      received_at: null,
      due_at: null,
      finished_at: null,
      paid_online: null,
      digitized: null,
    })
  })

  it('accepts every optional field', () => {
    const r = accept('dossier', {
      ...dossier,
      event_id: s(128),
      dossier_code: s(64),
      status: 10,
      agency_code: s(35),
      procedure_code: s(64),
      sector_code: '',
      channel: 3,
      applicant_type: 4,
      received_at: '2025-09-30T08:00:00+07:00',
      due_at: '2025-10-10T17:00:00+07:00',
      finished_at: '2025-10-05T10:00:00Z',
      paid_online: true,
      digitized: false,
    })
    expect(r).toMatchObject({
      status: 10,
      sector_code: '',
      channel: 3,
      applicant_type: 4,
      received_at: '2025-09-30 01:00:00.000000',
      due_at: '2025-10-10 10:00:00.000000',
      finished_at: '2025-10-05 10:00:00.000000',
      paid_online: true,
      digitized: false,
    })
  })

  it('treats null optionals as absent and ignores unknown fields', () => {
    const r = accept('dossier', { ...dossier, channel: null, due_at: null, paid_online: null, extra: { a: 1 } })
    expect(r.channel).toBeNull()
    expect(r.due_at).toBeNull()
    expect(r.paid_online).toBeNull()
    expect(r).not.toHaveProperty('extra')
  })

  it.each([
    ['event_id', undefined, 'required field is missing'],
    ['event_id', null, 'required field is missing'],
    ['event_id', '', 'must be from 1 to 128 characters, got 0'],
    ['event_id', s(129), 'must be from 1 to 128 characters, got 129'],
    ['event_id', 42, 'must be a JSON string, got number'],
    ['dossier_code', s(65), 'must be from 1 to 64 characters, got 65'],
    ['status', '2', 'must be a JSON number, got string'],
    ['status', 2.5, 'must be an integer, got 2.5'],
    ['status', 0, 'must be an integer from 1 to 10, got 0'],
    ['status', 11, 'must be an integer from 1 to 10, got 11'],
    ['occurred_at', '2025-10-01T09:15:00', 'timestamp has no UTC offset'],
    ['agency_code', s(36), 'must be from 1 to 35 characters, got 36'],
    ['procedure_code', '', 'must be from 1 to 64 characters, got 0'],
    ['sector_code', 12, 'must be a JSON string, got number'],
    ['channel', 4, 'must be an integer from 1 to 3, got 4'],
    ['applicant_type', 5, 'must be an integer from 1 to 4, got 5'],
    ['applicant_type', '1', 'must be a JSON number, got string'],
    ['received_at', '2025-02-30T00:00:00Z', 'impossible date or time'],
    ['due_at', 1759284900, 'must be a JSON string, got number'],
    ['finished_at', '2025-10-01 02:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['paid_online', 1, 'must be a JSON boolean, got number'],
    ['digitized', 'true', 'must be a JSON boolean, got string'],
  ])('rejects %s = %j', (field, value, reason) => {
    expect(reject('dossier', { ...dossier, [field]: value }, 12)).toEqual({ line: 12, field, reason })
  })

  it('reports the first failing field in spec order', () => {
    expect(reject('dossier', { ...dossier, status: '2', agency_code: '' })).toMatchObject({ field: 'status' })
  })
})

describe('strings', () => {
  it('normalises to NFC and keeps everything else as sent', () => {
    const decomposed = 'Ho\u0302\u0300 Chi\u0301 Minh ' // "Hồ Chí Minh " in combining marks
    const r = accept('dossier', { ...dossier, sector_code: decomposed, dossier_code: '  A  ' })
    expect(r.sector_code).toBe('H\u1ed3 Ch\u00ed Minh ')
    expect(r.sector_code).toBe(decomposed.normalize('NFC'))
    expect(r.dossier_code).toBe('  A  ')
  })

  it('counts characters as code points after NFC', () => {
    // 35 decomposed "ồ" are 105 UTF-16 units but 35 characters once composed.
    expect(accept('connection', { ...connection, agency_code: 'o\u0302\u0300'.repeat(35) }).agency_code).toHaveLength(35)
    // 35 emoji are 70 UTF-16 units but 35 code points.
    expect(accept('connection', { ...connection, agency_code: '😀'.repeat(35) }).agency_code).toBe('😀'.repeat(35))
    expect(reject('connection', { ...connection, agency_code: '😀'.repeat(36) }).reason).toContain('got 36')
  })

  it('rejects an unpaired surrogate', () => {
    expect(reject('dossier', { ...dossier, event_id: 'a\uD800b' })).toMatchObject({ field: 'event_id' })
  })
})

describe('not an object', () => {
  it.each([
    [[], 'array'],
    ['text', 'string'],
    [3, 'number'],
    [null, 'null'],
  ])('rejects %j as (record)', (value, type) => {
    expect(reject('dossier', value, 3)).toEqual({ line: 3, field: '(record)', reason: `must be a JSON object, got ${type}` })
  })
})

describe('document', () => {
  it('accepts a send, defaulting business_type to 0', () => {
    expect(accept('document', document)).toEqual({
      ...document,
      occurred_at: '2025-10-01 02:15:00.250000',
      business_type: 0,
      due_at: null,
    })
  })

  it('accepts optional fields and a long document_id', () => {
    const r = accept('document', {
      ...document,
      document_id: s(256),
      status: '03',
      business_type: 3,
      due_at: '2025-10-15T17:00:00+07:00',
    })
    expect(r).toMatchObject({ status: '03', business_type: 3, due_at: '2025-10-15 10:00:00.000000' })
    expect(accept('document', { ...document, business_type: null }).business_type).toBe(0)
  })

  it.each([
    ['event_id', undefined, 'required field is missing'],
    ['document_id', s(257), 'must be from 1 to 256 characters, got 257'],
    ['from_agency', '', 'must be from 1 to 35 characters, got 0'],
    ['to_agency', s(36), 'must be from 1 to 35 characters, got 36'],
    ['status', 0, 'must be a JSON string, got number'],
    ['status', '0', 'must be exactly two ASCII digits, got "0"'],
    ['status', '003', 'must be exactly two ASCII digits, got "003"'],
    ['status', '٠٠', 'must be exactly two ASCII digits, got "٠٠"'],
    ['occurred_at', null, 'required field is missing'],
    ['business_type', 4, 'must be an integer from 0 to 3, got 4'],
    ['business_type', '1', 'must be a JSON number, got string'],
    ['due_at', '2025-10-15', 'not an ISO 8601 date-time with seconds and offset'],
  ])('rejects %s = %j', (field, value, reason) => {
    expect(reject('document', { ...document, [field]: value }, 4)).toEqual({ line: 4, field, reason })
  })
})

describe('connection', () => {
  it('accepts every platform and state', () => {
    expect(accept('connection', connection)).toEqual({ ...connection, occurred_at: '2025-10-01 02:15:00.000000' })
    expect(accept('connection', { ...connection, platform: 'service_portal', state: 'testing' })).toMatchObject({
      platform: 'service_portal',
      state: 'testing',
    })
    expect(accept('connection', { ...connection, state: 'disconnected' }).state).toBe('disconnected')
  })

  it.each([
    ['event_id', s(129), 'must be from 1 to 128 characters, got 129'],
    ['agency_code', undefined, 'required field is missing'],
    ['platform', 'Document_Axis', 'must be one of document_axis, service_portal, got "Document_Axis"'],
    ['platform', 1, 'must be a JSON string, got number'],
    ['state', 'online', 'must be one of testing, connected, disconnected, got "online"'],
    ['state', s(50), `must be one of testing, connected, disconnected, got "${s(40)}…"`], // long values cut
    ['occurred_at', '2025-10-01t02:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
  ])('rejects %s = %j', (field, value, reason) => {
    expect(reject('connection', { ...connection, [field]: value }, 9)).toEqual({ line: 9, field, reason })
  })
})

describe('parseTimestamp', () => {
  it.each([
    ['2025-10-01T09:15:00+07:00', '2025-10-01 02:15:00.000000'],
    ['2025-10-01T02:15:00.250Z', '2025-10-01 02:15:00.250000'],
    ['2025-10-01T02:15:00.123456789Z', '2025-10-01 02:15:00.123456'], // truncated, not rounded
    ['2025-10-01T02:15:00.9999999Z', '2025-10-01 02:15:00.999999'],
    ['2025-01-01T03:00:00+07:00', '2024-12-31 20:00:00.000000'],
    ['2025-12-31T22:30:00-05:30', '2026-01-01 04:00:00.000000'],
    ['2024-02-29T12:00:00Z', '2024-02-29 12:00:00.000000'],
    ['2000-02-29T00:00:00Z', '2000-02-29 00:00:00.000000'],
    ['1900-01-01T00:00:00Z', '1900-01-01 00:00:00.000000'],
    ['2299-12-31T23:59:59.999999Z', '2299-12-31 23:59:59.999999'],
  ])('%s -> %s', (text, utc) => {
    expect(parseTimestamp(text)).toMatchObject({ utc })
  })

  it('returns epoch microseconds', () => {
    expect(parseTimestamp('2025-10-01T02:15:00.250Z')).toEqual({
      utc: '2025-10-01 02:15:00.250000',
      micros: BigInt(Date.UTC(2025, 9, 1, 2, 15, 0)) * 1000n + 250000n,
    })
    expect(parseTimestamp('1969-12-31T23:59:59.5Z')).toMatchObject({ micros: -500000n })
  })

  it.each([
    ['2025-10-01T09:15:00', 'timestamp has no UTC offset'],
    ['2025-10-01T09:15:00.5', 'timestamp has no UTC offset'],
    ['2025-02-29T00:00:00Z', 'impossible date or time'],
    ['2025-02-30T00:00:00Z', 'impossible date or time'],
    ['1900-02-29T00:00:00Z', 'impossible date or time'],
    ['2025-13-01T00:00:00Z', 'impossible date or time'],
    ['2025-00-10T00:00:00Z', 'impossible date or time'],
    ['2025-04-31T00:00:00Z', 'impossible date or time'],
    ['2025-10-01T24:00:00Z', 'impossible date or time'],
    ['2025-10-01T10:60:00Z', 'impossible date or time'],
    ['2025-12-31T23:59:60Z', 'impossible date or time'],
    ['1899-12-31T23:59:59Z', 'year out of range (1900–2299)'],
    ['1900-01-01T06:00:00+07:00', 'year out of range (1900–2299)'], // 1899 in UTC
    ['2300-01-01T00:00:00Z', 'year out of range (1900–2299)'],
    ['0050-01-01T00:00:00Z', 'year out of range (1900–2299)'],
    ['2025-10-01t09:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01 09:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00+0700', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00+07', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00+24:00', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00+07:60', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00.Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-10-01T09:15:00.1234567890Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['2025-1-01T09:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
    [' 2025-10-01T09:15:00Z', 'not an ISO 8601 date-time with seconds and offset'],
    ['', 'not an ISO 8601 date-time with seconds and offset'],
  ])('%j -> %s', (text, error) => {
    expect(parseTimestamp(text)).toEqual({ error })
  })
})

describe('agency', () => {
  it('accepts a central row, ignoring province_code', () => {
    expect(accept('agency', { ...central, province_code: '01', parent_code: '000.00.00.G22' })).toEqual({
      ...central,
      province_code: null,
      parent_code: '000.00.00.G22',
    })
  })

  it('accepts a commune row, ignoring ministry', () => {
    expect(accept('agency', { ...commune, ministry: '000.00.00.G22' })).toEqual({ ...commune, ministry: null, parent_code: null })
    expect(accept('agency', { ...commune, level: 'province', province_code: '02' }).level).toBe('province')
    expect(accept('agency', { ...commune, level: 'district', parent_code: null }).parent_code).toBeNull()
  })

  it.each([
    ['agency_code', s(36), 'must be from 1 to 35 characters, got 36'],
    ['name', '', 'must not be empty'],
    ['name', undefined, 'required field is missing'],
    ['level', 'ward', 'must be one of central, province, commune, district, got "ward"'],
    ['level', undefined, 'required field is missing'],
    ['province_code', '99', 'unknown province code'],
    ['province_code', 79, 'must be a JSON string, got number'],
    ['province_code', undefined, 'required field is missing (required when level is commune)'],
    ['parent_code', s(36), 'must be from 1 to 35 characters, got 36'],
  ])('rejects a commune row with %s = %j', (field, value, reason) => {
    expect(reject('agency', { ...commune, [field]: value }, 5)).toEqual({ line: 5, field, reason })
  })

  it.each([
    ['ministry', undefined, 'required field is missing (required when level is central)'],
    ['ministry', s(36), 'must be from 1 to 35 characters, got 36'],
  ])('rejects a central row with %s = %j', (field, value, reason) => {
    expect(reject('agency', { ...central, [field]: value }, 6)).toEqual({ line: 6, field, reason })
  })

  it('reads CSV rows: an empty cell is absent, values stay strings', () => {
    const row = agencyFromCsvRow({
      '\uFEFFagency_code': '000.00.00.G22',
      name: ' Văn phòng Chính phủ ',
      level: 'central',
      ministry: '000.00.00.G22',
      province_code: '',
      parent_code: '',
    })
    expect(row).toEqual({ agency_code: '000.00.00.G22', name: ' Văn phòng Chính phủ ', level: 'central', ministry: '000.00.00.G22' })
    expect(accept('agency', row)).toMatchObject({ province_code: null, parent_code: null })

    const noMinistry = agencyFromCsvRow({ agency_code: 'G22', name: 'VPCP', level: 'central', ministry: '', province_code: '' })
    expect(reject('agency', noMinistry, 2)).toMatchObject({ line: 2, field: 'ministry' })
    const noProvince = agencyFromCsvRow({ agency_code: 'X', name: 'UBND', level: 'commune', ministry: '', province_code: '' })
    expect(reject('agency', noProvince, 3)).toMatchObject({ line: 3, field: 'province_code' })
  })
})
