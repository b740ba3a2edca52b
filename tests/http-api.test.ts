// The HTTP interface of interfaces.md, against the real server on a real embedded engine:
// health, security headers, ingest (scope, redelivery, concurrency, every bad body, auth,
// revocation), hostile query parameters (never a 500), CSRF, sessions, unknown endpoints.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { request as httpRequest } from 'node:http'
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { createCookie } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { createToken, revokeToken } from '../core/auth'
import { createSession } from '../core/sessions'
import { store, type Store } from '../core/db'
import { AG, cookieOf, csrfOf, csrfOfContext, DOSSIER, formOf, serverFixture, type Reply } from './helpers/server'

const s = serverFixture()
const NDJSON = { 'Content-Type': 'application/x-ndjson' }

const ndjson = (records: Array<object | string>) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'

let seq = 0
/** A valid dossier event with a fresh event_id. */
function dossier(agency: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++seq
  return {
    event_id: `http-${n}-${process.pid}`,
    dossier_code: `HS-HTTP-${n}`,
    status: 2,
    occurred_at: '2025-10-01T09:15:00+07:00',
    agency_code: agency,
    procedure_code: '1.004227',
    received_at: '2025-10-01T09:15:00+07:00',
    due_at: '2025-10-10T17:00:00+07:00',
    ...extra,
  }
}

const ingest = (kind: string, body: BodyInit, token: string | undefined, headers: Record<string, string> = NDJSON) =>
  s.post(`/api/v1/ingest/${kind}`, body, { token, headers })

const msg = (r: Reply) => `${r.status} ${r.text.slice(0, 300)}`

describe('health and headers', () => {
  it('health answers without auth', async () => {
    const r = await s.get('/api/v1/health')
    expect(r.status).toBe(200)
    expect(r.json).toEqual({ status: 'ok' })
  })

  it('security headers on / (signed out and signed in) and on the API', async () => {
    for (const r of [await s.get('/'), await s.get('/', s.tokens.national), await s.get('/api/v1/health'), await s.get('/login')]) {
      const csp = r.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toMatch(/default-src 'self'/)
      expect(r.headers.get('x-content-type-options')).toBe('nosniff')
      expect(r.headers.get('referrer-policy')).toBeTruthy()
      expect(r.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('/ sends a signed-out visitor to the login page', async () => {
    const r = await s.get('/')
    expect(r.status).toBe(302)
    expect(r.headers.get('location')).toMatch(/^\/login/)
  })

  it('pages and the API go compressed to a client that asks: brotli to a browser, gzip to the rest, none unasked', async () => {
    /** The bytes as sent (fetch would decode them). */
    const raw = (p: string, encoding: string) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
        const req = httpRequest(`${s.url}${p}`, { headers: { Authorization: `Bearer ${s.tokens.national}`, 'Accept-Encoding': encoding } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }))
          res.on('error', reject)
        })
        req.on('error', reject)
        req.end()
      })
    const api = '/api/v1/units?level=province&from=2025-10-01&to=2025-10-31'
    const plain = await raw(api, 'identity')
    expect(plain.encoding).toBeUndefined()
    expect(JSON.parse(plain.body.toString('utf8')).units).toHaveLength(34)
    const br = await raw(api, 'gzip, deflate, br')
    expect(br.encoding).toBe('br')
    expect(br.vary).toMatch(/Accept-Encoding/i)
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true)
    expect(br.body.length).toBeLessThan(plain.body.length / 3)
    const gz = await raw(api, 'gzip, deflate')
    expect(gz.encoding).toBe('gzip')
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true)
    // a page: its HTML (a fresh CSRF nonce each time, so compared by what it says)
    const page = await raw('/?from=2025-10-01&to=2025-10-31', 'br, gzip')
    expect(page.encoding).toBe('br')
    const html = brotliDecompressSync(page.body).toString('utf8')
    expect(html).toMatch(/^<!DOCTYPE html>/i)
    expect(html).toContain('Tổng quan')
    expect(page.body.length).toBeLessThan(Buffer.byteLength(html) / 4)
  })

  it('an unknown /api path is a JSON 404', async () => {
    for (const r of [await s.get('/api/v1/foo'), await s.get('/api/v1/foo', s.tokens.national), await s.post('/api/v1/foo', '{}', { headers: { 'Content-Type': 'application/json' } })]) {
      expect(r.status).toBe(404)
      expect(r.headers.get('content-type')).toMatch(/application\/json/)
      expect(r.json.error).toEqual(expect.any(String))
    }
  })
})

describe('ingest', () => {
  it('accepts in-scope records and rejects out-of-scope ones with line, field and reason; redelivery gives duplicates', async () => {
    const inA = dossier(AG.commune79)
    const out = dossier(AG.ubnd01)
    const inB = dossier(AG.ubnd79)
    const bad: Record<string, unknown> = { ...dossier(AG.commune79), occurred_at: '2025-10-01T09:15:00' }
    const outMinistry = dossier(AG.g01unit)
    const body = ndjson([inA, out, inB, bad, outMinistry])
    const first = await ingest('dossier', body, s.tokens.source)
    expect(first.status, msg(first)).toBe(200)
    expect(first.json.accepted).toBe(2)
    expect(first.json.duplicates).toBe(0)
    const rejected = first.json.rejected as Array<{ line: number; field: string; reason: string }>
    expect(rejected.map((r) => r.line).sort()).toEqual([2, 4, 5])
    const byLine = new Map(rejected.map((r) => [r.line, r]))
    expect(byLine.get(2)).toMatchObject({ field: 'agency_code', reason: expect.stringMatching(/scope/) })
    expect(byLine.get(5)).toMatchObject({ field: 'agency_code', reason: expect.stringMatching(/scope/) })
    expect(byLine.get(4)).toMatchObject({ field: 'occurred_at', reason: expect.any(String) })

    const again = await ingest('dossier', body, s.tokens.source)
    expect(again.status, msg(again)).toBe(200)
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2 })
    expect((again.json.rejected as unknown[]).length).toBe(3)

    // stored once; the out-of-scope records are not stored at all
    const d = await s.get(`/api/v1/dossiers/${inA.dossier_code}`, s.tokens.national)
    expect(d.status, msg(d)).toBe(200)
    expect(d.json.events).toHaveLength(1)
    for (const code of [out.dossier_code, outMinistry.dossier_code, bad.dossier_code]) {
      const r = await s.get(`/api/v1/dossiers/${code}`, s.tokens.national)
      expect(r.status, `${code}: ${msg(r)}`).toBe(404)
    }
  })

  it('impossible dates and bad fields are rejected per line; the rest of the delivery is stored', async () => {
    const ok = dossier(AG.commune79, { sector_code: null, unknown_extra: 'ignored' })
    const lines: Array<object | string> = [
      dossier(AG.commune79, { occurred_at: '2025-02-30T09:00:00+07:00' }),
      dossier(AG.commune79, { received_at: '2025-13-01T09:00:00+07:00' }),
      dossier(AG.commune79, { due_at: '2025-10-01 17:00:00' }),
      dossier(AG.commune79, { status: '2' }),
      dossier(AG.commune79, { status: 11 }),
      dossier(AG.commune79, { event_id: '' }),
      '',
      ok,
      '{"event_id": "broken json"',
      dossier(AG.commune79, { agency_code: "x' OR 1=1 --".repeat(4) }),
    ]
    const r = await ingest('dossier', ndjson(lines), s.tokens.source)
    expect(r.status, msg(r)).toBe(200)
    expect(r.json.accepted).toBe(1)
    const byLine = Object.fromEntries((r.json.rejected as Array<{ line: number; field: string; reason: string }>).map((x) => [x.line, x]))
    expect(Object.keys(byLine).map(Number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 9, 10])
    expect(byLine[1].field).toBe('occurred_at')
    expect(byLine[2].field).toBe('received_at')
    expect(byLine[3].field).toBe('due_at')
    expect(byLine[4].field).toBe('status')
    expect(byLine[5].field).toBe('status')
    expect(byLine[6].field).toBe('event_id')
    expect(byLine[10].field).toBe('agency_code')
    for (const x of Object.values(byLine)) expect(x.reason).toEqual(expect.any(String))
    const d = await s.get(`/api/v1/dossiers/${ok.dossier_code}`, s.tokens.national)
    expect(d.status, msg(d)).toBe(200)
  })

  it('scope applies to documents, connections and the registry too', async () => {
    const doc = (from: string, to: string) => ({
      event_id: `doc-${++seq}`,
      document_id: `${from},2025/10/01,${seq}/UBND`,
      from_agency: from,
      to_agency: to,
      status: '00',
      occurred_at: '2025-10-01T10:00:00+07:00',
    })
    const d = await ingest('document', ndjson([doc(AG.ubnd79, AG.g22), doc(AG.ubnd01, AG.g22), doc(AG.g01, AG.commune79)]), s.tokens.source)
    expect(d.status, msg(d)).toBe(200)
    expect(d.json.accepted).toBe(2)
    expect(d.json.rejected).toEqual([{ line: 2, field: expect.any(String), reason: expect.stringMatching(/scope/) }])

    const conn = (agency: string) => ({ event_id: `conn-${++seq}`, agency_code: agency, platform: 'document_axis', state: 'connected', occurred_at: '2025-10-01T10:00:00Z' })
    const c = await ingest('connection', ndjson([conn(AG.commune79), conn(AG.g22)]), s.tokens.source)
    expect(c.status, msg(c)).toBe(200)
    expect(c.json.accepted).toBe(1)
    expect(c.json.rejected).toEqual([{ line: 2, field: 'agency_code', reason: expect.stringMatching(/scope/) }])

    const csv = 'agency_code,name,level,ministry,province_code,parent_code\n000.02.01.H58,UBND phường Bến Thành,commune,,79,000.00.00.H58\n000.02.00.H26,UBND phường Hoàn Kiếm,commune,,01,\n'
    const a = await ingest('agency', csv, s.tokens.source, { 'Content-Type': 'text/csv' })
    expect(a.status, msg(a)).toBe(200)
    expect(a.json.accepted).toBe(1)
    expect(a.json.rejected).toEqual([{ line: expect.any(Number), field: 'agency_code', reason: expect.stringMatching(/scope/) }])
  })

  it('an admin token ingests without a scope', async () => {
    const r = await ingest('dossier', ndjson([dossier(AG.ubnd01), dossier(AG.g22)]), s.tokens.admin)
    expect(r.status, msg(r)).toBe(200)
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
  })

  it('concurrent deliveries of one event_id store it once', async () => {
    const ev = dossier(AG.commune79)
    const replies = await Promise.all(Array.from({ length: 6 }, () => ingest('dossier', ndjson([ev]), s.tokens.source)))
    for (const r of replies) expect(r.status, msg(r)).toBe(200)
    expect(replies.reduce((n, r) => n + r.json.accepted, 0)).toBe(1)
    expect(replies.reduce((n, r) => n + r.json.duplicates, 0)).toBe(5)
    const d = await s.get(`/api/v1/dossiers/${ev.dossier_code}`, s.tokens.national)
    expect(d.status, msg(d)).toBe(200)
    expect(d.json.events).toHaveLength(1)
  })

  it('two lines with one event_id in a delivery: the first is stored, the second a duplicate', async () => {
    const ev = dossier(AG.commune79)
    const r = await ingest('dossier', ndjson([ev, { ...ev, status: 4 }]), s.tokens.source)
    expect(r.json).toMatchObject({ accepted: 1, duplicates: 1 })
    const d = await s.get(`/api/v1/dossiers/${ev.dossier_code}`, s.tokens.national)
    expect(d.json.events.map((e: { status: number }) => e.status)).toEqual([2])
  })

  it('takes a gzip body', async () => {
    const r = await ingest('dossier', gzipSync(ndjson([dossier(AG.commune79), dossier(AG.ubnd79)])), s.tokens.source, { ...NDJSON, 'Content-Encoding': 'gzip' })
    expect(r.status, msg(r)).toBe(200)
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
  })

  it('every bad body: broken gzip, binary, not NDJSON, wrong type, too many lines, too large', async () => {
    const t = s.tokens.source
    const good = ndjson([dossier(AG.commune79)])
    const gz = gzipSync(good)
    const bin = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))
    const cases: Array<[string, Promise<Reply>, number]> = [
      ['broken gzip', ingest('dossier', gz.subarray(0, gz.length - 12), t, { ...NDJSON, 'Content-Encoding': 'gzip' }), 400],
      ['not gzip at all', ingest('dossier', good, t, { ...NDJSON, 'Content-Encoding': 'gzip' }), 400],
      ['binary', ingest('dossier', bin, t), 400],
      ['text, not JSON', ingest('dossier', 'hello world\nthis is not json\n', t), 400],
      ['JSON arrays, not objects', ingest('dossier', '[1,2,3]\n"x"\n', t), 400],
      ['text/plain', ingest('dossier', good, t, { 'Content-Type': 'text/plain' }), 415],
      ['text/csv for dossiers', ingest('dossier', good, t, { 'Content-Type': 'text/csv' }), 415],
      ['form type', ingest('dossier', good, t, { 'Content-Type': 'application/x-www-form-urlencoded' }), 415],
      ['unknown encoding', ingest('dossier', good, t, { ...NDJSON, 'Content-Encoding': 'br' }), 415],
      ['60,000 lines', ingest('dossier', '{}\n'.repeat(60_000), t), 413],
      ['60,000 lines gzipped', ingest('dossier', gzipSync('{}\n'.repeat(60_000)), t, { ...NDJSON, 'Content-Encoding': 'gzip' }), 413],
      ['over 10 MB once decompressed', ingest('dossier', gzipSync(Buffer.alloc(11 * 1024 * 1024, 0x20)), t, { ...NDJSON, 'Content-Encoding': 'gzip' }), 413],
      ['unknown kind', ingest('registry', good, t), 404],
    ]
    for (const [name, p, status] of cases) {
      const r = await p
      expect(r.status, `${name}: ${msg(r)}`).toBe(status)
      expect(r.json?.error, name).toEqual(expect.any(String))
    }
  })

  it('a body over 10 MB is 413', async () => {
    const line = JSON.stringify(dossier(AG.commune79, { pad: 'x'.repeat(1000) }))
    const body = (line + '\n').repeat(Math.ceil((10.5 * 1024 * 1024) / (line.length + 1)))
    expect(Buffer.byteLength(body)).toBeGreaterThan(10 * 1024 * 1024)
    const r = await ingest('dossier', body, s.tokens.source)
    expect(r.status, msg(r)).toBe(413)
  })

  it('nothing of a refused body is stored', async () => {
    const ev = dossier(AG.commune79)
    const r = await ingest('dossier', ndjson([ev]) + '{}\n'.repeat(60_000), s.tokens.source)
    expect(r.status).toBe(413)
    expect((await s.get(`/api/v1/dossiers/${ev.dossier_code}`, s.tokens.national)).status).toBe(404)
  })

  it('auth: no token 401, a bad token 401, figure roles 403, GET 405', async () => {
    const body = ndjson([dossier(AG.commune79)])
    const noToken = await ingest('dossier', body, undefined)
    expect(noToken.status, msg(noToken)).toBe(401)
    expect(noToken.json.error).toEqual(expect.any(String))
    for (const auth of ['Bearer nonsense', 'Bearer egp_000000000000_' + 'A'.repeat(43), 'Basic dXNlcjpwYXNz', s.tokens.source]) {
      const r = await s.post('/api/v1/ingest/dossier', body, { headers: { ...NDJSON, Authorization: auth } })
      expect(r.status, `${auth}: ${msg(r)}`).toBe(401)
    }
    for (const who of ['national', 'province', 'ministry'] as const) {
      const r = await ingest('dossier', body, s.tokens[who])
      expect(r.status, `${who}: ${msg(r)}`).toBe(403)
      expect(r.json.error).toEqual(expect.any(String))
    }
    const get = await s.get('/api/v1/ingest/dossier', s.tokens.source)
    expect(get.status).toBe(405)
  })

  it('a revoked token is refused afterwards', async () => {
    const t = await createToken(s.engine.store, 'revoke-me', 'source', ['79'])
    const before = await ingest('dossier', ndjson([dossier(AG.commune79)]), t.token)
    expect(before.status, msg(before)).toBe(200)
    const n = await createToken(s.engine.store, 'revoke-me-too', 'national', [])
    expect((await s.get('/api/v1/summary', n.token)).status).toBe(200)
    expect(await revokeToken(s.engine.store, t.id)).toBe(true)
    expect(await revokeToken(s.engine.store, n.id)).toBe(true)
    const after = await ingest('dossier', ndjson([dossier(AG.commune79)]), t.token)
    expect(after.status, msg(after)).toBe(401)
    const figures = await s.get('/api/v1/summary', n.token)
    expect(figures.status, msg(figures)).toBe(401)
  })
})

describe('query parameters: never a 500', () => {
  const HOSTILE = ["' OR 1=1 --", '"; DROP TABLE x', "1' UNION SELECT * FROM users --", 'x'.repeat(10_000), '2025-02-30', '2025-13-01', '%00', '\u0000', '../../etc/passwd', '${7*7}', '-1', '1e9', '  ']

  /** Where each parameter is read, on top of a valid base query. */
  const WHERE: Record<string, string[]> = {
    from: ['/api/v1/summary?', '/api/v1/units?level=province&', '/api/v1/trend?', '/api/v1/overdue?', '/api/v1/documents/units?', '/api/v1/connections?'],
    to: ['/api/v1/summary?', '/api/v1/units?level=ministry&', '/api/v1/trend?grain=day&', '/api/v1/overdue?', '/api/v1/connections/series?'],
    level: ['/api/v1/summary?', '/api/v1/units?', '/api/v1/overdue?', '/api/v1/documents/units?', '/api/v1/connections?', '/api/v1/trend?'],
    unit: ['/api/v1/summary?level=province&', `/api/v1/summary?level=ministry&`, '/api/v1/overdue?level=province&', '/api/v1/trend?level=ministry&'],
    structure: ['/api/v1/summary?', '/api/v1/units?level=province&', '/api/v1/overdue?'],
    grain: ['/api/v1/trend?'],
    limit: ['/api/v1/overdue?'],
    offset: ['/api/v1/overdue?'],
    format: ['/api/v1/summary?', '/api/v1/units?level=province&', '/api/v1/overdue?', '/api/v1/quality?'],
    platform: ['/api/v1/connections?', '/api/v1/connections/series?'],
  }

  function expectRefused(r: Reply, param: string, where: string): void {
    expect(r.status, `${where}: ${msg(r)}`).not.toBe(500)
    expect([400, 404], `${where}: ${msg(r)}`).toContain(r.status)
    expect(r.json?.error, where).toEqual(expect.any(String))
    if (r.status === 400) expect(r.json.error, where).toContain(param)
  }

  for (const [param, bases] of Object.entries(WHERE)) {
    it(`${param}: SQL metacharacters, over-long values, impossible dates`, async () => {
      for (const base of bases) {
        for (const v of HOSTILE) {
          const where = `${base}${param}=${v.length > 40 ? `(${v.length} chars)` : v}`
          const r = await s.get(`${base}${param}=${encodeURIComponent(v)}`, s.tokens.national)
          expectRefused(r, param, where)
        }
      }
    })
  }

  it('a period with to before from, impossible days, a too long period', async () => {
    for (const [q, param] of [
      ['from=2025-10-31&to=2025-10-01', 'to'],
      ['from=2025-02-30&to=2025-03-01', 'from'],
      ['from=2025-02-01&to=2025-02-29', 'to'],
      ['from=2025-13-01&to=2025-13-02', 'from'],
      ['from=2025-1-1&to=2025-01-31', 'from'],
      ['from=2025-01-01T00:00:00Z&to=2025-01-31', 'from'],
      ['from=2000-01-01&to=2025-12-31', 'to'],
    ]) {
      for (const base of ['/api/v1/summary', '/api/v1/units', '/api/v1/trend', '/api/v1/overdue', '/api/v1/connections/series']) {
        const r = await s.get(`${base}?${q}`, s.tokens.national)
        expect(r.status, `${base}?${q}: ${msg(r)}`).toBe(400)
        expect(r.json.error).toContain(param)
      }
    }
  })

  it('a parameter given twice, or one that does not go with another, is a named 400', async () => {
    for (const [p, param] of [
      ['/api/v1/summary?level=province&level=national&unit=79', 'level'],
      ['/api/v1/summary?level=province&unit=79&unit=01', 'unit'],
      ['/api/v1/summary?level=province', 'unit'],
      ['/api/v1/units?level=national', 'level'],
      ['/api/v1/overdue?limit=0', 'limit'],
      ['/api/v1/overdue?limit=1001', 'limit'],
      ['/api/v1/overdue?offset=-1', 'offset'],
      ['/api/v1/overdue?from=2025-10-01&from=2025-10-02', 'from'],
      ['/api/v1/quality?format=csv&table=%27%20OR%201%3D1', 'table'],
    ]) {
      const r = await s.get(p, s.tokens.national)
      expect(r.status, `${p}: ${msg(r)}`).toBe(400)
      expect(r.json.error, p).toContain(param)
    }
  })

  it('a unit of the right shape that does not exist is a 404, and a well-formed query answers 200', async () => {
    for (const p of ['/api/v1/summary?level=province&unit=99', '/api/v1/summary?level=ministry&unit=000.00.00.G99']) {
      const r = await s.get(p, s.tokens.national)
      expect(r.status, `${p}: ${msg(r)}`).toBe(404)
      expect(r.json.error).toEqual(expect.any(String))
    }
    const ok = await s.get('/api/v1/summary?level=province&unit=79&from=2025-10-01&to=2025-10-31&structure=current&format=json&ignored=1', s.tokens.national)
    expect(ok.status, msg(ok)).toBe(200)
  })

  it('pages survive hostile parameters (never a 500)', async () => {
    const routes = readdirSync(path.join(process.cwd(), 'app', 'routes')).map((f) => f.replace(/\.[jt]sx?$/, ''))
    const pages = ['/', '/don-vi/province/79', `/don-vi/ministry/${AG.g01}`, `/ho-so/${DOSSIER.overdue79}`, '/van-ban', '/ket-noi', '/chat-luong'].filter((p) =>
      routes.includes(p === '/' ? '_index' : p.startsWith('/don-vi/') ? 'don-vi.$level.$code' : p.startsWith('/ho-so/') ? 'ho-so.$code' : p.slice(1)),
    )
    const queries = [
      `from=2025-02-30&to=2025-13-01&structure=${encodeURIComponent('"; DROP TABLE x')}`,
      'from=2025-10-31&to=2025-10-01&from=2025-10-02',
      `from=${encodeURIComponent("' OR 1=1 --")}&grain=${encodeURIComponent("' OR 1=1 --")}&level=x&platform=%00`,
      `to=${'9'.repeat(10_000)}`,
    ]
    const urls = pages.flatMap((p) => queries.map((q) => `${p}?${q}`))
    if (routes.includes('don-vi.$level.$code')) urls.push(`/don-vi/province/${encodeURIComponent("' OR 1=1 --")}`, '/don-vi/x/79', `/don-vi/ministry/${'G'.repeat(10_000)}`)
    if (routes.includes('ho-so.$code')) urls.push(`/ho-so/${'x'.repeat(10_000)}`, `/ho-so/${encodeURIComponent("' OR 1=1 --")}`)
    const problems: string[] = []
    for (let i = 0; i < urls.length; i += 4) {
      const replies = await Promise.all(urls.slice(i, i + 4).map((u) => s.get(u, s.tokens.national)))
      replies.forEach((r, j) => {
        if (r.status >= 500) problems.push(`GET ${urls[i + j].slice(0, 90)} → ${r.status}`)
      })
    }
    expect(problems, problems.join('\n')).toEqual([])
  })

  it('dossier codes with SQL metacharacters or over-long ones are 404 or 400', async () => {
    for (const code of ["' OR 1=1 --", '"; DROP TABLE dossier_events; --', "x' UNION SELECT token_hash FROM api_tokens --", '%27', 'x'.repeat(64)]) {
      const r = await s.get(`/api/v1/dossiers/${encodeURIComponent(code)}`, s.tokens.national)
      expect(r.status, `${code}: ${msg(r)}`).toBe(404)
      expect(r.json.error).toEqual(expect.any(String))
    }
    for (const code of ['x'.repeat(65), 'x'.repeat(10_000)]) {
      const r = await s.get(`/api/v1/dossiers/${code}`, s.tokens.national)
      expect(r.status, msg(r)).toBe(400)
      expect(r.json.error).toContain('dossier_code')
    }
    // the store still answers
    expect((await s.get(`/api/v1/dossiers/${DOSSIER.overdue79}`, s.tokens.national)).status).toBe(200)
  })
})

describe('login, CSRF and sessions', () => {
  let ipSeq = 0
  /** A distinct client address per attempt, so the failed-login backoff of one test does not reach another. */
  const ip = () => `203.0.113.${++ipSeq}`

  async function loginPage(cookie = ''): Promise<{ csrf: string; html: string }> {
    const r = await s.request('/login', { headers: cookie ? { Cookie: cookie } : {} })
    expect(r.status).toBe(200)
    return { csrf: csrfOf(r.text), html: r.text }
  }

  const postForm = (p: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    s.request(p, { method: 'POST', body: new URLSearchParams(fields), headers: { 'X-Forwarded-For': ip(), ...headers } })

  async function signIn(email: string, password: string): Promise<Reply> {
    const { csrf } = await loginPage()
    return postForm('/login', { email, password, csrf, next: '/' })
  }

  it('the login page carries a csrf field', async () => {
    const { csrf } = await loginPage()
    expect(csrf).toMatch(/^[\w-]+\.\d+\.[\w-]+$/)
  })

  it('a POST to /login without a csrf field, or with a forged one, or cross-site, is 403', async () => {
    const { csrf } = await loginPage()
    const attempts: Record<string, Promise<Reply>> = {
      'no csrf field': postForm('/login', { email: s.settledUser.email, password: s.settledUser.password }),
      'a forged csrf': postForm('/login', { email: s.settledUser.email, password: s.settledUser.password, csrf: `abc.${Date.now()}.${'A'.repeat(43)}` }),
      'an expired csrf': postForm('/login', { email: s.settledUser.email, password: s.settledUser.password, csrf: csrf.replace(/\.\d+\./, `.${Date.now() - 13 * 3600_000}.`) }),
      'a cross-site Origin': postForm('/login', { email: s.settledUser.email, password: s.settledUser.password, csrf }, { Origin: 'https://evil.example' }),
    }
    for (const [name, p] of Object.entries(attempts)) {
      const r = await p
      expect.soft(r.status, `POST /login with ${name}: ${msg(r)}`).toBe(403)
      expect.soft(r.headers.get('set-cookie') ?? '', name).not.toContain('__egp_session=')
    }
  })

  it('a wrong password is refused without a session', async () => {
    const r = await signIn(s.settledUser.email, 'not-the-password')
    expect(r.status).toBe(401)
    expect(r.headers.get('set-cookie') ?? '').not.toContain('__egp_session')
  })

  it('with the csrf token a user signs in; one-time password → /doi-mat-khau; cookie HttpOnly and SameSite', async () => {
    const r = await signIn(s.user.email, s.user.password)
    expect(r.status, msg(r)).toBe(302)
    const setCookie = r.headers.get('set-cookie') ?? ''
    expect(setCookie).toContain('__egp_session=')
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=(Lax|Strict)/i)
    const cookie = cookieOf(setCookie)
    const home = await s.request('/', { headers: { Cookie: cookie } })
    expect(home.status).toBe(302)
    expect(home.headers.get('location')).toBe('/doi-mat-khau')
    const page = await s.request('/doi-mat-khau', { headers: { Cookie: cookie } })
    expect(page.status).toBe(200)
    const api = await s.request('/api/v1/summary', { headers: { Cookie: cookie } })
    expect(api.status).toBe(403)
  })

  it('a signed-in user reads pages and the API with the cookie; logout needs csrf and ends the session', async () => {
    const r = await signIn(s.settledUser.email, s.settledUser.password)
    expect(r.status, msg(r)).toBe(302)
    const cookie = cookieOf(r.headers.get('set-cookie'))
    expect((await s.request('/', { headers: { Cookie: cookie } })).status).toBe(200)
    const api = await s.request('/api/v1/summary?level=province&unit=01', { headers: { Cookie: cookie } })
    expect(api.status, msg(api)).toBe(200)
    // a signed-in user may not ingest with the session
    const ing = await s.request('/api/v1/ingest/dossier', { method: 'POST', body: ndjson([dossier(AG.commune79)]), headers: { ...NDJSON, Cookie: cookie } })
    expect(ing.status).toBe(401)

    const noCsrf = await postForm('/logout', {}, { Cookie: cookie })
    expect.soft(noCsrf.status, `POST /logout without csrf: ${msg(noCsrf)}`).toBe(403)
    // a token made for the signed-out login page is bound to "anon", not to this user
    const anon = await loginPage()
    const wrongBinding = await postForm('/logout', { csrf: anon.csrf }, { Cookie: cookie })
    expect.soft(wrongBinding.status, `POST /logout with another binding's csrf: ${msg(wrongBinding)}`).toBe(403)
    // the session still works after the refused logouts
    expect((await s.request('/api/v1/summary', { headers: { Cookie: cookie } })).status).toBe(200)

    const signedInPage = await s.request('/', { headers: { Cookie: cookie } })
    const csrf = csrfOf(formOf(signedInPage.text, '/logout') ?? '') || csrfOfContext(signedInPage.text)
    expect(csrf).not.toBe('')
    const out = await postForm('/logout', { csrf }, { Cookie: cookie })
    expect(out.status, msg(out)).toBe(302)
    expect(out.headers.get('location')).toBe('/login')
    const cleared = out.headers.get('set-cookie') ?? ''
    expect(cleared).toMatch(/__egp_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    // the session is ended on the server: the old cookie, kept by someone, no longer works
    expect((await s.request('/api/v1/summary', { headers: { Cookie: cookie } })).status).toBe(401)
  })

  it('the logout form of a signed-in page carries the csrf field', async () => {
    const r = await signIn(s.settledUser.email, s.settledUser.password)
    const page = await s.request('/', { headers: { Cookie: cookieOf(r.headers.get('set-cookie')) } })
    expect(page.status).toBe(200)
    const form = formOf(page.text, '/logout')
    expect(form, 'no form posting to /logout on /').not.toBeNull()
    expect(csrfOf(form ?? ''), `the logout form has no csrf field: ${form}`).not.toBe('')
  })

  it('a page asks once who is signed in (its loaders share the answer), and a client cannot make two requests share it', async () => {
    const st = await store() // the server's store (one per process)
    const asked: string[] = []
    const named = st.named
    st.named = function (this: Store, name: string, ...rest: unknown[]) {
      asked.push(name)
      return (named as (...a: unknown[]) => Promise<unknown[]>).call(this, name, ...rest)
    } as Store['named']
    const count = (name: string) => asked.filter((n) => n === name).length
    try {
      expect((await s.get('/', s.tokens.national)).status).toBe(200)
      expect(count('token-by-id')).toBe(1)
      expect((await s.get('/', s.tokens.national)).status).toBe(200)
      expect(count('token-by-id')).toBe(2) // a new request asks again
      const r = await signIn(s.settledUser.email, s.settledUser.password)
      const cookie = cookieOf(r.headers.get('set-cookie'))
      asked.length = 0
      expect((await s.request('/', { headers: { Cookie: cookie } })).status).toBe(200)
      expect([count('session-by-id'), count('user-by-email')]).toEqual([1, 1])
      // the request id is the server's own: one a client sends is replaced, so a signed-out request never gets another's answer
      expect((await s.get('/', s.tokens.national, { 'X-Egp-Request': 'chosen' })).status).toBe(200)
      const out = await s.request('/', { headers: { 'X-Egp-Request': 'chosen' } })
      expect(out.status).toBe(302)
      expect(out.headers.get('location')).toMatch(/^\/login/)
    } finally {
      st.named = named
    }
  })

  it('a forged, tampered, expired or unknown session cookie is not accepted', async () => {
    await s.get('/login') // the server has made its session secret
    const secret = readFileSync(path.join(s.engine.dataDir, 'session-secret'), 'utf8').trim()
    // the cookie carries only the signed id of a session kept on the server
    const signedId = async (secrets: string[], id: string) =>
      cookieOf(await createCookie('__egp_session', { httpOnly: true, sameSite: 'lax', path: '/', secrets }).serialize(id))
    const live = await createSession(s.engine.store, { email: s.settledUser.email, expires: Date.now() + 3600_000 })
    const valid = await signedId([secret], live)
    expect((await s.request('/api/v1/summary', { headers: { Cookie: valid } })).status).toBe(200)

    const past = await createSession(s.engine.store, { email: s.settledUser.email, expires: Date.now() - 1000 })
    const cookies = {
      expired: await signedId([secret], past),
      otherSecret: await signedId(['not-the-secret'], live),
      unknownId: await signedId([secret], 'A'.repeat(43)),
      unsigned: `__egp_session=${Buffer.from(JSON.stringify(live)).toString('base64')}`,
      tampered: valid.slice(0, -3) + (valid.endsWith('AAA') ? 'BBB' : 'AAA'),
      garbage: '__egp_session=garbage',
    }
    for (const [name, cookie] of Object.entries(cookies)) {
      const api = await s.request('/api/v1/summary', { headers: { Cookie: cookie } })
      expect(api.status, `${name}: ${msg(api)}`).toBe(401)
      const page = await s.request('/', { headers: { Cookie: cookie } })
      expect(page.status, name).toBe(302)
      expect(page.headers.get('location'), name).toMatch(/^\/login/)
    }
  })

  it('the next parameter of the login form cannot send a user off-site', async () => {
    const { csrf } = await loginPage()
    const r = await postForm('/login', { email: s.settledUser.email, password: s.settledUser.password, csrf, next: '//evil.example/x' })
    expect(r.status).toBe(302)
    expect(r.headers.get('location')).toBe('/')
  })
})
