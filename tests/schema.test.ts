// The record schemas (ingest/schema.ts) against the migrations, in a real engine: each raw table
// has exactly the columns the schema derives (its fields, then the store-side columns; name, type
// and DEFAULT, in order), so a column added to one and not the other fails here; and a validated
// record of each kind, written through the writer, comes back from its raw table equal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reference } from '../core/reference'
import { KINDS, type Kind, type RecordOf } from '../ingest/records'
import { COLUMN_NAMES, columnsOf, fromRow, SCHEMAS, toValues } from '../ingest/schema'
import { validateRecord } from '../ingest/validate'
import { testEngine, type TestEngine } from './helpers/engine'

let e: TestEngine
beforeAll(async () => {
  e = await testEngine()
})
afterAll(async () => {
  await e.close()
})

interface Described {
  name: string
  type: string
  default_type: string
  default_expression: string
}

describe('each raw table is its schema', () => {
  it.each(KINDS)('%s', async (kind) => {
    const table = SCHEMAS[kind].table
    const described = await e.store.rows<Described>('DESCRIBE TABLE {table:Identifier}', { table })
    expect(described.map((c) => ({ name: c.name, type: c.type, default: c.default_expression }))).toEqual(columnsOf(kind))
    // only plain DEFAULTs are declared; a MATERIALIZED or ALIAS column would need the schema to say so
    for (const c of described) expect(['', 'DEFAULT']).toContain(c.default_type)
  })

  it.each(KINDS)('%s: an insert row has a value for every column (their order: the round trip below)', (kind) => {
    const record = accept(kind, SAMPLES[kind][0])
    const store = kind === 'agency' ? { load_seq: '1', loaded_at: '2025-10-01 00:00:00.000000' } : { source: 's', ingested_at: '2025-10-01 00:00:00.000000' }
    expect(toValues(kind, record, store as never)).toHaveLength(columnsOf(kind).length)
    expect(COLUMN_NAMES[kind]).toEqual(columnsOf(kind).map((c) => c.name))
  })
})

const ctx = { provinceCodes: reference().provinceCodes }
function accept<K extends Kind>(kind: K, value: object): RecordOf[K] {
  const v = validateRecord(kind, value, 1, ctx)
  if (!v.ok) throw new Error(`expected a record, got ${JSON.stringify(v.reject)}`)
  return v.record
}

// Every optional field given (with the values that convert: booleans, fractions of a second,
// composed Unicode), and every optional field absent.
const SAMPLES: { [K in Kind]: object[] } = {
  dossier: [
    {
      event_id: 'rt-d-1',
      dossier_code: 'H29.22-251001-0001',
      status: 10,
      occurred_at: '2025-10-01T00:15:00.123456+07:00',
      agency_code: '000.00.00.H29',
      procedure_code: '1.001234',
      sector_code: 'Ho\u0302\u0300 Chi\u0301 Minh 😀',
      channel: 3,
      applicant_type: 4,
      received_at: '2025-09-30T08:00:00+07:00',
      due_at: '2025-10-10T17:00:00.5Z',
      finished_at: '2025-10-05T10:00:00Z',
      paid_online: true,
      digitized: false,
    },
    { event_id: 'rt-d-2', dossier_code: 'H29.22-251001-0002', status: 1, occurred_at: '2025-10-01T09:15:00+07:00', agency_code: '000.00.00.H29', procedure_code: '1.001234' },
  ],
  document: [
    {
      event_id: 'rt-x-1',
      document_id: '000.00.00.G22,2025/09/20,7816/VPCP-TTĐT',
      from_agency: '000.00.00.G22',
      to_agency: '000.00.00.H29',
      status: '03',
      occurred_at: '2025-10-01T02:15:00.250Z',
      business_type: 2,
      due_at: '2025-10-15T17:00:00+07:00',
    },
    { event_id: 'rt-x-2', document_id: 'D-2', from_agency: '000.00.00.G22', to_agency: '000.00.00.H29', status: '00', occurred_at: '2025-10-01T02:15:00Z' },
  ],
  connection: [{ event_id: 'rt-c-1', agency_code: '000.00.00.H29', platform: 'service_portal', state: 'testing', occurred_at: '2025-10-01T02:15:00Z' }],
  agency: [
    { agency_code: '000.00.00.G22', name: 'Văn phòng Chính phủ', level: 'central', ministry: '000.00.00.G22', parent_code: '000.00.00.G22' },
    { agency_code: '000.31.40.H29', name: 'UBND phường Sài Gòn', level: 'commune', province_code: '79' },
  ],
}

describe('a record written through the writer comes back from its raw table equal', () => {
  it.each(KINDS)('%s', async (kind) => {
    const records = SAMPLES[kind].map((v) => accept(kind, v))
    const written = await e.writer.write(kind, records, 'round-trip')
    expect(written.accepted).toBe(records.length)
    const key = kind === 'agency' ? 'agency_code' : 'event_id'
    const rows = await e.store.rows<Record<string, unknown>>('SELECT * FROM {table:Identifier} ORDER BY {key:Identifier}', { table: SCHEMAS[kind].table, key })
    const back = rows.map((r) => fromRow(kind, r))
    const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a[key]) < String(b[key]) ? -1 : 1)
    expect(back).toEqual([...records].sort(byKey))
    if (kind !== 'agency') for (const r of rows) expect(r.source).toBe('round-trip')
    if (kind === 'dossier') for (const r of rows) expect(r.timed_by_arrival).toBe(0)
  })
})
