// Hostile input, by property (issue 11): random and adversarial values — deep nesting, huge
// numbers, NUL, invalid UTF-8, a BOM, CRLF, repeated parameters, 100 kB strings — through the
// validators, the NDJSON/CSV readers, every query parameter of every route and the ingest
// bodies of a real server. Never a 5xx, never a stack trace, never a stored bad record.
import { Readable } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvRecords, ndjsonRecords, type RawRecord } from '../ingest/read'
import { parseTimestamp, validateRecord } from '../ingest/validate'
import { KINDS } from '../ingest/records'
import { reference } from '../core/reference'
import { AG, DOSSIER, serverFixture } from './helpers/server'

const s = serverFixture()
const ctx = () => ({ provinceCodes: reference().provinceCodes })

const HUGE = 'x'.repeat(100_000)
/** encodeURIComponent of any string (a lone surrogate becomes U+FFFD rather than a throw). */
const enc = (x: string) => encodeURIComponent(x.replace(/[\uD800-\uDFFF]/g, (c, i, all) => (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i, i + 2)) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i - 1, i + 1)) ? c : '\uFFFD')))
/** Values that broke parsers somewhere once. */
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\uFEFF', '\uFEFF2025-10-01', '2025-10-01\r\n', '\r\n', '\t', '%', '%%', '%00', '%ZZ',
  '9'.repeat(400), '-1', '-0', '1e309', '1e-400', 'NaN', 'Infinity', '0x10', '2025-02-30', '2025-13-01', '0000-01-01', '9999-12-31',
  "' OR 1=1 --", '{x:String}', '{{', '\\', '../../etc/passwd', '<script>alert(1)</script>', 'national,province', '__proto__', 'constructor',
  '\uD800', '\uDFFF', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Hà Nội', 'ministry', 'province', 'national', '79', '01', AG.g01, 'csv', 'json', 'xlsx', 'day', 'week', 'month', 'previous', 'year',
]
/** Raw percent-encodings that do not decode to UTF-8, and other wire-level oddities. */
const RAW = ['%C3%28', '%FF%FE', '%E2%82', '%ED%A0%80', '%00%00', '%EF%BB%BF2025-01-01', '%0D%0A', '%', '%2', '+', '&&', '==', '#frag']

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY).map(enc) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(enc) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((x) => enc(x)) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.constant(enc('x'.repeat(4000))) },
)
const PARAMS = ['from', 'to', 'structure', 'level', 'unit', 'grain', 'compare', 'format', 'table', 'limit', 'offset', 'platform', 'lang', 'next', 'page', 'q']
const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 }).map(enc)), value), { maxLength: 6 }).chain((pairs) =>
  // repeat some parameters
  fc.subarray(pairs).map((again) => [...pairs, ...again].map(([k, v]) => `${k}=${v}`).join('&')),
)
const segment = fc.oneof(fc.constantFrom(...NASTY.filter((x) => x !== '')).map(enc), fc.constantFrom(...RAW.filter((r) => !r.includes('#'))), fc.string({ minLength: 1, maxLength: 30 }).map(enc))

const ROUTES: Array<(seg: string) => string> = [
  () => '/api/v1/summary',
  () => '/api/v1/units',
  () => '/api/v1/trend',
  () => '/api/v1/overdue',
  () => '/api/v1/quality',
  () => '/api/v1/documents/units',
  () => '/api/v1/connections',
  () => '/api/v1/connections/series',
  () => '/api/v1/health',
  (c) => `/api/v1/dossiers/${c}`,
  (c) => `/api/v1/${c}`,
  () => '/',
  () => '/van-ban',
  () => '/ket-noi',
  () => '/chat-luong',
  () => '/quan-tri',
  () => '/login',
  () => '/doi-mat-khau',
  (c) => `/ho-so/${c}`,
  () => `/ho-so/${DOSSIER.overdue79}`,
  (c) => `/don-vi/province/${c}`,
  (c) => `/don-vi/${c}/79`,
  () => '/don-vi/ministry/' + AG.g01,
]

const STACK = /\n\s+at [\w$.<>]+ \(|node_modules\/|\.tsx?:\d+:\d+|TypeError|ReferenceError|SyntaxError: Unexpected/

describe('validators, by property', () => {
  it('any JSON value of any kind: a record or a reject naming its line, never a throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.anything({ maxDepth: 4 })), fc.nat(), (kind, v, line) => {
        const r = validateRecord(kind, v, line + 1, ctx())
        if (r.ok) expect(typeof r.record).toBe('object')
        else {
          expect(r.reject.line).toBe(line + 1)
          expect(r.reject.field.length).toBeGreaterThan(0)
          expect(r.reject.reason.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 1500 },
    )
  })

  const BASE = { event_id: 'e-1', dossier_code: 'HS-1', status: 2, occurred_at: '2025-10-01T09:00:00+07:00', agency_code: AG.ubnd79, procedure_code: '1.0001' }
  const FIELDS = [...Object.keys(BASE), 'channel', 'applicant_type', 'received_at', 'due_at', 'finished_at', 'paid_online', 'digitized', 'sector_code']
  const hostileValue = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.constantFrom<unknown>(...NASTY, HUGE, 1e308, -1e308, 2 ** 53 + 1, -0, 1.5, 0, 11, '2', true, [], {}, null),
  )

  it('one field of a valid dossier made hostile: accepted with sane values, or rejected naming that field', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), hostileValue, (field, v) => {
        const r = validateRecord('dossier', { ...BASE, [field]: v }, 1, ctx())
        if (!r.ok) {
          expect(r.reject.field).toBe(field)
          return
        }
        const d = r.record
        expect(Number.isInteger(d.status) && d.status >= 1 && d.status <= 10).toBe(true)
        for (const [k, max] of [['event_id', 128], ['dossier_code', 64], ['agency_code', 35], ['procedure_code', 64]] as const) {
          expect([...d[k]].length).toBeGreaterThanOrEqual(1)
          expect([...d[k]].length).toBeLessThanOrEqual(max)
        }
        for (const t of [d.occurred_at, d.received_at, d.due_at, d.finished_at]) if (t !== null) expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)
        for (const n of [d.channel, d.applicant_type]) if (n !== null) expect(Number.isInteger(n)).toBe(true)
      }),
      { numRuns: 1500 },
    )
  })

  it('timestamps: any text parses or gives a reason, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NASTY, HUGE)), (t) => {
        const r = parseTimestamp(t)
        expect('error' in r ? r.error.length > 0 : /^\d{4}-/.test(r.utc)).toBe(true)
      }),
      { numRuns: 1500 },
    )
  })
})

async function collect(gen: AsyncGenerator<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = []
  for await (const r of gen) out.push(r)
  return out
}

/** Bytes of a hostile text file: lines of JSON, junk, invalid UTF-8, NUL, BOM, CRLF, deep nesting, huge numbers. */
const hostileLine = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ maxLength: 60 }).map((x) => Buffer.from(x)),
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    Buffer.from('['.repeat(20_000) + ']'.repeat(20_000)),
    Buffer.from('{"a":' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_001)),
    Buffer.from('{"status": 1e999999, "n": 123456789012345678901234567890}'),
    Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
    Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    Buffer.from('{"x":"\u0000"}'),
    Buffer.from('"unterminated'),
    Buffer.from(`{"big":"${HUGE}"}`),
  ),
)
const hostileFile = fc.tuple(fc.array(hostileLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([lines, eol, bom]) =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...lines.flatMap((l) => [l, Buffer.from(eol)])]),
)

describe('readers, by property', () => {
  it('NDJSON: any bytes give numbered records or errors, in order, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (buf) => {
        const recs = await collect(ndjsonRecords(Readable.from([buf])))
        let last = 0
        for (const r of recs) {
          expect(r.line).toBeGreaterThan(last)
          last = r.line
          if (r.error) expect(r.error.reason).toMatch(/^not valid JSON/)
          else expect('value' in r).toBe(true)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('CSV: any bytes after a registry header give rows or errors, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(hostileFile, async (buf) => {
        const input = Buffer.concat([Buffer.from('agency_code,name,level,province_code\r\n'), buf])
        const recs = await collect(csvRecords(Readable.from([input])))
        for (const r of recs) {
          expect(r.line).toBeGreaterThanOrEqual(0)
          if (r.error) expect(r.error.reason).toMatch(/^not valid CSV/)
          else expect(typeof r.value).toBe('object')
        }
      }),
      { numRuns: 60 },
    )
  })
})

describe('every route, every query parameter, by property (a real server)', () => {
  it('never a 5xx, never a stack trace', async () => {
    const who = fc.constantFrom<'national' | 'admin' | 'province' | null>('national', 'admin', 'province', null)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), segment, query, who, async (route, seg, q, w) => {
        const path = `${route(seg)}${q ? `?${q}` : ''}`
        const r = await s.get(path, w ? s.tokens[w] : undefined)
        expect(r.status, `${w} GET ${path.slice(0, 300)}: ${r.text.slice(0, 300)}`).toBeLessThan(500)
        expect(STACK.test(r.text), `${w} GET ${path.slice(0, 300)}: ${r.text.slice(0, 500)}`).toBe(false)
      }),
      { numRuns: 400 },
    )
  })

  it('a 100 kB parameter, and the same parameter a thousand times: refused, not a 5xx', async () => {
    const long = await s.get(`/api/v1/summary?from=${'9'.repeat(100_000)}`, s.tokens.national)
    expect(long.status).toBeGreaterThanOrEqual(400)
    expect(long.status).toBeLessThan(500)
    // signed out, a page sends to the login page with the way back, but never a header too large to read
    const page = await s.get(`/van-ban?from=${'x'.repeat(12_000)}`)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/login?next=%2Fvan-ban')
    const repeated = await s.get(`/api/v1/units?${'level=province&'.repeat(1000)}`, s.tokens.national)
    expect(repeated.status).toBe(400)
    expect(repeated.json.error).toMatch(/^level/)
  })
})

describe('ingest bodies, by property (a real server)', () => {
  const hostileRecord = fc
    .tuple(
      // one record in three keeps every field valid (null: no hostile field), so that nearly every run stores records for
      // the bounds check below; with a hostile field always, a run stored any 1 time in 25 and none of 120 runs 1 in 200
      fc.option(fc.constantFrom(...['event_id', 'dossier_code', 'status', 'occurred_at', 'agency_code', 'procedure_code', 'received_at', 'due_at', 'channel', 'paid_online']), { freq: 3 }),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom<unknown>(...NASTY, 1e308, 2 ** 63, '1e999')),
      fc.nat(),
    )
    .map(([field, v, n]) => JSON.stringify({ event_id: `prop-${n}`, dossier_code: `HS-PROP-${n % 50}`, status: 2, occurred_at: '2025-10-01T09:00:00+07:00', agency_code: AG.ubnd79, procedure_code: '1.0001', ...(field === null ? {} : { [field]: v }) }))
  const bodyLines = fc.array(fc.oneof({ weight: 4, arbitrary: hostileRecord.map((x) => Buffer.from(x)) }, { weight: 1, arbitrary: hostileLine }), { minLength: 1, maxLength: 15 })
  const body = fc.tuple(bodyLines, fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, bom]) =>
    Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), ...lines.flatMap((l) => [l, Buffer.from(eol)])]),
  )
  const contentType = fc.constantFrom('application/x-ndjson', 'application/x-ndjson; charset=utf-8', 'application/json', 'text/csv', 'text/plain', '', 'application/x-ndjson\r\nX-Evil: 1'.replace(/\r\n.*/, ''))

  it('never a 5xx; the counts add up; nothing out of bounds is stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('dossier', 'dossier', 'dossier', 'document', 'connection', 'agency', 'nope', '..%2F..'), body, contentType, async (kind, b, ct) => {
        const r = await s.post(`/api/v1/ingest/${kind}`, new Uint8Array(b), { token: s.tokens.admin, headers: ct ? { 'Content-Type': ct } : {} })
        expect(r.status, `${kind} ${ct}: ${r.text.slice(0, 300)}`).toBeLessThan(500)
        expect(STACK.test(r.text), r.text.slice(0, 500)).toBe(false)
        if (r.status === 200) {
          const nonBlank = b.toString('utf8').replace(/^\uFEFF/, '').split('\n').filter((l) => l.replace(/\r$/, '').trim() !== '').length
          const answered = r.json.accepted + r.json.duplicates + r.json.rejected.length
          // NDJSON: one answer per line (CSV is left out: a header line, cells spanning lines, and csv-parse
          // reporting an unclosed quote once more at the end make its count a matter of the parser)
          if (!ct.startsWith('text/csv')) expect(answered).toBe(nonBlank)
        }
      }),
      { numRuns: 120 },
    )
    // every stored dossier event of this run is within the contract's bounds
    const bad = await s.engine.store.rows<{ n: string }>(
      `SELECT count() AS n FROM dossier_events WHERE source = 'http:test-admin' AND NOT (
         lengthUTF8(event_id) BETWEEN 1 AND 128 AND lengthUTF8(dossier_code) BETWEEN 1 AND 64 AND status BETWEEN 1 AND 10
         AND lengthUTF8(agency_code) BETWEEN 1 AND 35 AND lengthUTF8(procedure_code) BETWEEN 1 AND 64
         AND isValidUTF8(event_id) AND isValidUTF8(dossier_code) AND isValidUTF8(agency_code)
         AND toYear(occurred_at) BETWEEN 1900 AND 2200 AND (channel IS NULL OR channel BETWEEN 1 AND 3))`,
    )
    expect(bad).toEqual([{ n: '0' }])
    const stored = await s.engine.store.rows<{ n: string }>("SELECT count() AS n FROM dossier_events WHERE source = 'http:test-admin'")
    expect(Number(stored[0].n)).toBeGreaterThan(0) // the property did store records, so the check above saw some
  })

  // found by the property above: a line of one 4-byte character is not JSON, and JSON.parse's
  // message quotes half of it (a lone surrogate), which failed the rejects insert with a 503
  it('a reject whose reason quotes half a surrogate pair is stored, and the delivery answered', async () => {
    const body = Buffer.concat([Buffer.from([0xf1, 0x80, 0x80, 0x80, 0x0a]), Buffer.from('{"event_id":"HS-SUR-1","dossier_code":"HS-SUR-1","status":2,"occurred_at":"2025-10-01T09:00:00+07:00","agency_code":"000.00.00.H58","procedure_code":"1.0001"}\n')])
    const r = await s.post('/api/v1/ingest/dossier', new Uint8Array(body), { token: s.tokens.admin, headers: { 'Content-Type': 'application/x-ndjson' } })
    expect(r.status, r.text.slice(0, 300)).toBe(200)
    expect(r.json.accepted + r.json.duplicates).toBe(1)
    expect(r.json.rejected).toEqual([expect.objectContaining({ line: 1, field: '(line)' })])
  })
})

describe('a CSV record full of stray quotes', () => {
  it('is rejected in bounded time (csv-parse is quadratic within a record: 22 s for this one uncapped)', async () => {
    const line = 'x"'.repeat(40_000) + 'x\n'
    const input = Buffer.from('agency_code,name,level,province_code\r\n' + line + `${AG.ubnd79},Tên,province,79\n`)
    const t0 = Date.now()
    const recs = await collect(csvRecords(Readable.from([input])))
    expect(Date.now() - t0).toBeLessThan(6_000)
    expect(recs.filter((r) => r.error).length).toBeGreaterThanOrEqual(1)
    // (csv-parse's recovery after a stray quote also swallows the next row; that stays a known limit)
    for (const r of recs) if (!r.error) expect(JSON.stringify(r.value)).not.toContain('x\\"x')
  })
})
