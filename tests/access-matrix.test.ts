// Every route of the app against every role (interfaces.md, "Who may see what"): a route file
// without a rule in ROUTE_ACCESS fails; each route is requested with the bearer token of every
// role and with none, and must answer what its rule says. Cases and dossiers are checked
// across units: a province or ministry token reads its own unit's cases, never another's.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROUTE_ACCESS, type RouteRule } from '../app/lib/access.server'
import { listTokens } from '../core/auth'
import { AG, csrfOf, DOSSIER, serverFixture, WHO, type Reply, type ServerFixture, type Who } from './helpers/server'

// The server is started for the HTTP part only: the rule check needs none, and fails on its own.
let s: ServerFixture

const ROUTES_DIR = path.join(process.cwd(), 'app', 'routes')
const RULES: readonly RouteRule[] = ['public', 'signed-in', 'aggregates', 'cases', 'ingest', 'admin']

/** Route ids of app/routes: a file's name without its extension, or a folder holding route.tsx. */
function routeIds(): string[] {
  const ids: string[] = []
  for (const name of readdirSync(ROUTES_DIR)) {
    const full = path.join(ROUTES_DIR, name)
    if (statSync(full).isDirectory()) {
      if (readdirSync(full).some((f) => /^route\.[jt]sx?$/.test(f))) ids.push(name)
    } else if (/\.[jt]sx?$/.test(name)) {
      ids.push(name.replace(/\.[jt]sx?$/, ''))
    }
  }
  return ids.sort()
}

const ROUTE_IDS = routeIds()
const isApi = (id: string) => id === 'api' || id.startsWith('api.')

interface Sample {
  method: 'GET' | 'POST'
  path: string
  body?: string
  headers?: Record<string, string>
}

let ingestSeq = 0
/** An in-scope dossier event for the source token (scope 79): a new event_id each time. */
function ingestSample(): Sample {
  const n = ++ingestSeq
  const body = JSON.stringify({
    event_id: `matrix-${n}-${Date.now()}`,
    dossier_code: `HS-MATRIX-${n}`,
    status: 1,
    occurred_at: '2025-10-01T09:00:00+07:00',
    agency_code: AG.commune79,
    procedure_code: '1.001234',
  })
  return { method: 'POST', path: '/api/v1/ingest/dossier', body: body + '\n', headers: { 'Content-Type': 'application/x-ndjson' } }
}

/** A dossier the caller may read (its own unit's for province and ministry tokens). */
function ownDossier(who: Who | null): string {
  if (who === 'province') return DOSSIER.overdue79
  if (who === 'ministry') return DOSSIER.overdueG01
  return DOSSIER.overdue01
}

/** Overdue cases the caller may read: its own unit for province and ministry, else the nation. */
function ownOverdue(who: Who | null): string {
  if (who === 'province') return '/api/v1/overdue?level=province&unit=79'
  if (who === 'ministry') return `/api/v1/overdue?level=ministry&unit=${AG.g01}`
  return '/api/v1/overdue'
}

/** A unit's agencies or procedures the caller may read: its own unit for province and ministry. */
function ownBreakdown(what: 'agencies' | 'procedures', who: Who | null): string {
  if (who === 'ministry') return `/api/v1/${what}?level=ministry&unit=${AG.g01}`
  return `/api/v1/${what}?level=province&unit=79`
}

/** One concrete request per known route id. Aggregates are asked of another unit on purpose. */
const SAMPLES: Record<string, (who: Who | null) => Sample> = {
  _index: () => ({ method: 'GET', path: '/' }),
  login: () => ({ method: 'GET', path: '/login' }),
  logout: () => ({ method: 'GET', path: '/logout' }),
  'doi-mat-khau': () => ({ method: 'GET', path: '/doi-mat-khau' }),
  'quan-tri': () => ({ method: 'GET', path: '/quan-tri' }),
  'api.$': () => ({ method: 'GET', path: '/api/v1/khong-co-dau' }),
  'api.v1.health': () => ({ method: 'GET', path: '/api/v1/health' }),
  'api.v1.summary': () => ({ method: 'GET', path: '/api/v1/summary?level=province&unit=01' }),
  'api.v1.units': () => ({ method: 'GET', path: '/api/v1/units?level=ministry' }),
  'api.v1.trend': () => ({ method: 'GET', path: `/api/v1/trend?level=ministry&unit=${AG.g22}&grain=week` }),
  'api.v1.overdue': (who) => ({ method: 'GET', path: ownOverdue(who) }),
  'api.v1.agencies': (who) => ({ method: 'GET', path: ownBreakdown('agencies', who) }),
  'api.v1.procedures': (who) => ({ method: 'GET', path: ownBreakdown('procedures', who) }),
  'api.v1.dossiers.$code': (who) => ({ method: 'GET', path: `/api/v1/dossiers/${ownDossier(who)}` }),
  'api.v1.documents.units': () => ({ method: 'GET', path: '/api/v1/documents/units?level=province' }),
  'api.v1.connections': () => ({ method: 'GET', path: '/api/v1/connections?level=ministry&platform=service_portal' }),
  'api.v1.connections.series': () => ({ method: 'GET', path: '/api/v1/connections/series?level=province&unit=01' }),
  'api.v1.quality': () => ({ method: 'GET', path: '/api/v1/quality' }),
  'api.v1.ingest.$kind': () => ingestSample(),
  'don-vi.$level.$code': () => ({ method: 'GET', path: '/don-vi/province/01' }),
  'ho-so.$code': (who) => ({ method: 'GET', path: `/ho-so/${ownDossier(who)}` }),
  'van-ban': () => ({ method: 'GET', path: '/van-ban' }),
  'ket-noi': () => ({ method: 'GET', path: '/ket-noi' }),
  'chat-luong': () => ({ method: 'GET', path: '/chat-luong' }),
  'bao-cao': () => ({ method: 'GET', path: '/bao-cao?level=province&unit=01' }),
  'bao-cao[.pdf]': () => ({ method: 'GET', path: '/bao-cao.pdf?level=province&unit=01' }),
}

/** A URL for a route id nobody wrote a sample for: its segments, with parameters filled in. */
function derivedSample(id: string): Sample {
  const segs = id
    .split('.')
    .filter((seg) => seg !== '_index' && !/^_/.test(seg))
    .map((seg) => seg.replace(/_$/, ''))
    .map((seg) => (seg === '$' ? 'x' : seg === '$level' ? 'province' : seg.startsWith('$') ? '79' : seg.replace(/^\((.*)\)$/, '$1')))
  return { method: 'GET', path: '/' + segs.join('/') }
}

const sampleOf = (id: string, who: Who | null): Sample => (SAMPLES[id] ?? (() => derivedSample(id)))(who)

async function send(sample: Sample, who: Who | null): Promise<Reply> {
  const headers: Record<string, string> = { ...(sample.headers ?? {}) }
  if (who) headers.Authorization = `Bearer ${s.tokens[who]}`
  return s.request(sample.path, { method: sample.method, headers, body: sample.body })
}

const where = (id: string, who: Who | null, sample: Sample, r: Reply) =>
  `${id} as ${who ?? '(no token)'}: ${sample.method} ${sample.path} → ${r.status}${r.headers.get('location') ? ` ${r.headers.get('location')}` : ''}${r.json ? ` ${r.text.slice(0, 160)}` : ''}`

/** What is wrong with the answer the route gave this caller, by its rule (null: nothing). */
function problemByRule(id: string, rule: RouteRule, who: Who | null, r: Reply, exact: boolean): string | null {
  const location = r.headers.get('location') ?? ''
  if (rule === 'public') return r.status >= 500 ? 'a server error' : [401, 403].includes(r.status) ? 'refused on a public route' : null
  if (who === null) {
    if (isApi(id)) return r.status === 401 ? null : 'expected 401 without a token'
    return r.status === 302 && /^\/login(\?|$)/.test(location) ? null : 'expected a 302 redirect to /login without a session'
  }
  const allowed =
    rule === 'signed-in'
      ? true
      : rule === 'aggregates' || rule === 'cases'
        ? who !== 'source'
        : rule === 'ingest'
          ? who === 'source' || who === 'admin'
          : who === 'admin'
  if (!allowed) {
    if (r.status !== 403) return 'expected 403 for this role'
    if (isApi(id) && typeof r.json?.error !== 'string') return 'expected a JSON {error} with the 403'
    return null
  }
  if (rule === 'signed-in') {
    // a page for users: a token may be sent on elsewhere (never to the login page)
    if (r.status === 200) return null
    return [302, 303].includes(r.status) && !/^\/login/.test(location) ? null : 'expected 200 or a redirect away from /login'
  }
  if (exact) return r.status === 200 ? null : 'expected 200 for this role'
  return r.status >= 500 ? 'a server error' : [401, 403].includes(r.status) ? 'refused to a role the rule allows' : null
}

describe('every route has an access rule', () => {
  it('finds the route files', () => {
    expect(ROUTE_IDS.length).toBeGreaterThan(5)
    expect(ROUTE_IDS).toContain('api.v1.ingest.$kind')
  })

  it('fails for a route file without a rule in ROUTE_ACCESS', () => {
    const missing = ROUTE_IDS.filter((id) => !Object.prototype.hasOwnProperty.call(ROUTE_ACCESS, id))
    expect(missing, `route files without a rule in app/lib/access.server.ts ROUTE_ACCESS: ${missing.join(', ')}`).toEqual([])
  })

  it('every rule is one of the known rules', () => {
    for (const [id, rule] of Object.entries(ROUTE_ACCESS)) expect(RULES, id).toContain(rule)
  })

  it('the rules match the spec for the API', () => {
    expect(ROUTE_ACCESS['api.v1.health']).toBe('public')
    expect(ROUTE_ACCESS['api.v1.overdue']).toBe('cases')
    expect(ROUTE_ACCESS['api.v1.dossiers.$code']).toBe('cases')
    expect(ROUTE_ACCESS['api.v1.ingest.$kind']).toBe('ingest')
    for (const id of ['api.v1.summary', 'api.v1.units', 'api.v1.trend', 'api.v1.documents.units', 'api.v1.connections', 'api.v1.quality'])
      expect(ROUTE_ACCESS[id], id).toBe('aggregates')
  })
})

describe('over HTTP', () => {
  s = serverFixture()

  describe('every route against every role', () => {
    const callers: Array<Who | null> = [null, ...WHO]
    for (const id of ROUTE_IDS) {
      const rule = ROUTE_ACCESS[id]
      it.skipIf(!rule)(`${id} (${rule ?? 'no rule'})`, async () => {
        const exact = id in SAMPLES
        const problems: string[] = []
        for (const who of callers) {
          const sample = sampleOf(id, who)
          const r = await send(sample, who)
          const problem = problemByRule(id, rule, who, r, exact)
          if (problem) problems.push(`${problem} — ${where(id, who, sample, r)}`)
        }
        expect(problems, problems.join('\n')).toEqual([])
      })
    }
  })

  describe('cases and dossiers: own unit only for province and ministry', () => {
    const get = (p: string, who: Who) => s.get(p, s.tokens[who])

    it('province 79: its own overdue cases, not those of 01, a ministry or the nation', async () => {
      const own = await get('/api/v1/overdue?level=province&unit=79', 'province')
      expect(own.status, own.text).toBe(200)
      const codes = (own.json.cases as Array<{ dossier_code: string }>).map((c) => c.dossier_code)
      expect(codes).toContain(DOSSIER.overdue79)
      expect(codes).not.toContain(DOSSIER.overdue01)
      for (const p of [
        '/api/v1/overdue?level=province&unit=01',
        '/api/v1/overdue?level=province&unit=01&format=csv',
        '/api/v1/overdue?level=national',
        '/api/v1/overdue',
        `/api/v1/overdue?level=ministry&unit=${AG.g01}`,
      ]) {
        const r = await get(p, 'province')
        expect(r.status, `${p}: ${r.text.slice(0, 200)}`).toBe(403)
        expect(r.json?.error, p).toEqual(expect.any(String))
        expect(r.text, p).not.toContain(DOSSIER.overdue01)
      }
    })

    it('ministry G01: its own overdue cases, not those of G22, a province or the nation', async () => {
      const own = await get(`/api/v1/overdue?level=ministry&unit=${AG.g01}`, 'ministry')
      expect(own.status, own.text).toBe(200)
      expect((own.json.cases as Array<{ dossier_code: string }>).map((c) => c.dossier_code)).toContain(DOSSIER.overdueG01)
      for (const p of [
        `/api/v1/overdue?level=ministry&unit=${AG.g22}`,
        '/api/v1/overdue?level=national',
        '/api/v1/overdue?level=province&unit=79',
        `/api/v1/overdue?level=ministry&unit=${AG.g22}&format=csv`,
      ]) {
        const r = await get(p, 'ministry')
        expect(r.status, `${p}: ${r.text.slice(0, 200)}`).toBe(403)
      }
    })

    it('national and admin read the cases of every unit', async () => {
      for (const who of ['national', 'admin'] as const) {
        for (const p of ['/api/v1/overdue', '/api/v1/overdue?level=province&unit=01', `/api/v1/overdue?level=ministry&unit=${AG.g01}`]) {
          const r = await get(p, who)
          expect(r.status, `${who} ${p}: ${r.text.slice(0, 200)}`).toBe(200)
        }
      }
      const all = await get('/api/v1/overdue', 'national')
      const codes = (all.json.cases as Array<{ dossier_code: string }>).map((c) => c.dossier_code)
      expect(codes).toEqual(expect.arrayContaining([DOSSIER.overdue79, DOSSIER.overdue01, DOSSIER.overdueG01]))
    })

    it('dossier drill-down: own unit 200, another unit 403', async () => {
      const cases: Array<[Who, string, number]> = [
        ['province', DOSSIER.overdue79, 200],
        ['province', DOSSIER.done79, 200],
        ['province', DOSSIER.overdue01, 403],
        ['province', DOSSIER.overdueG01, 403],
        ['ministry', DOSSIER.overdueG01, 200],
        ['ministry', DOSSIER.overdue79, 403],
        ['ministry', DOSSIER.overdue01, 403],
        ['national', DOSSIER.overdue01, 200],
        ['national', DOSSIER.overdueG01, 200],
        ['admin', DOSSIER.overdue79, 200],
        ['source', DOSSIER.overdue79, 403],
      ]
      for (const [who, code, status] of cases) {
        const r = await get(`/api/v1/dossiers/${code}`, who)
        expect(r.status, `${who} /api/v1/dossiers/${code}: ${r.text.slice(0, 200)}`).toBe(status)
        if (status === 200) expect(r.json.dossier_code).toBe(code)
        else expect(r.text).not.toContain('"events"')
      }
    })

    it.skipIf(!ROUTE_IDS.includes('ho-so.$code'))('dossier page: own unit 200, another unit 403', async () => {
      for (const [who, code, status] of [
        ['province', DOSSIER.overdue79, 200],
        ['province', DOSSIER.overdue01, 403],
        ['ministry', DOSSIER.overdueG01, 200],
        ['ministry', DOSSIER.overdue79, 403],
      ] as Array<[Who, string, number]>) {
        const r = await get(`/ho-so/${code}`, who)
        expect(r.status, `${who} /ho-so/${code}`).toBe(status)
      }
    })

    it.skipIf(!ROUTE_IDS.includes('don-vi.$level.$code'))('unit page of another unit: its figures, never its cases', async () => {
      for (const [who, p, foreign] of [
        ['province', '/don-vi/province/01', DOSSIER.overdue01],
        ['province', `/don-vi/ministry/${AG.g01}`, DOSSIER.overdueG01],
        ['ministry', '/don-vi/province/79', DOSSIER.overdue79],
        ['ministry', '/don-vi/province/01', DOSSIER.overdue01],
      ] as Array<[Who, string, string]>) {
        const r = await get(p, who)
        expect(r.status, `${who} ${p}`).toBe(200)
        expect(r.text, `${who} ${p} shows a case of another unit`).not.toContain(foreign)
      }
    })

    it('aggregates of every unit are open to province and ministry tokens', async () => {
      for (const who of ['province', 'ministry'] as const) {
        for (const p of [
          '/api/v1/summary',
          '/api/v1/summary?level=province&unit=01',
          '/api/v1/summary?level=province&unit=79',
          `/api/v1/summary?level=ministry&unit=${AG.g22}`,
          `/api/v1/summary?level=ministry&unit=${AG.g01}`,
          '/api/v1/units?level=province',
          '/api/v1/units?level=ministry&format=csv',
          '/api/v1/trend?level=province&unit=01&grain=day',
          '/api/v1/documents/units?level=ministry',
          '/api/v1/connections?level=province',
          '/api/v1/connections/series?level=ministry&unit=' + AG.g22,
          '/api/v1/quality',
        ]) {
          const r = await get(p, who)
          expect(r.status, `${who} ${p}: ${r.text.slice(0, 200)}`).toBe(200)
        }
      }
    })

    it('a source token reads no figures at all', async () => {
      for (const p of ['/api/v1/summary', '/api/v1/units?level=province', '/api/v1/quality', '/api/v1/overdue?level=province&unit=79']) {
        const r = await get(p, 'source')
        expect(r.status, p).toBe(403)
      }
    })
  })

  describe('page actions are guarded like their pages', () => {
    it('only an admin may create a token on /quan-tri', async () => {
      const csrf = csrfOf((await s.get('/login')).text)
      expect(csrf).not.toBe('')
      const before = (await listTokens(s.engine.store)).length
      const form = () => new URLSearchParams({ csrf, intent: 'create-token', name: 'injected', role: 'admin', scope: '' })
      const none = await s.request('/quan-tri', { method: 'POST', body: form() })
      expect(none.status).toBe(302)
      expect(none.headers.get('location') ?? '').toMatch(/^\/login/)
      const problems: string[] = []
      for (const who of ['national', 'province', 'ministry', 'source'] as const) {
        const r = await s.request('/quan-tri', { method: 'POST', body: form(), headers: { Authorization: `Bearer ${s.tokens[who]}` } })
        if (r.status !== 403) problems.push(`POST /quan-tri (intent=create-token) as ${who} → ${r.status}, expected 403`)
      }
      expect((await listTokens(s.engine.store)).length, 'a token was created by a non-admin').toBe(before)
      expect(problems, problems.join('\n')).toEqual([])
    })
  })
})
