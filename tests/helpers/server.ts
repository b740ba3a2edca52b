// One real engine and one real HTTP server (server.ts, the production entry) per test file:
// a small registry, a few dossiers, a token of every role and a user with a one-time password.
// Call serverFixture() at the top level of a test file; it registers beforeAll / afterAll.
import { afterAll, beforeAll, expect } from 'vitest'
import { createToken, createUser, type Role } from '../../core/auth'
import { testEngine, type TestEngine } from './engine'

/** The registry: a province 79 (People's Committee and a commune), a province 01 agency, two ministries. */
export const AG = {
  ubnd79: '000.00.00.H58',
  commune79: '000.01.01.H58',
  ubnd01: '000.00.00.H26',
  g01: '000.00.00.G01',
  g01unit: '000.00.01.G01',
  g22: '000.00.00.G22',
} as const

export const REGISTRY = [
  { agency_code: AG.ubnd79, name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', level: 'province', province_code: '79' },
  { agency_code: AG.commune79, name: 'Ủy ban nhân dân phường Sài Gòn', level: 'commune', province_code: '79', parent_code: AG.ubnd79 },
  { agency_code: AG.ubnd01, name: 'Ủy ban nhân dân Thành phố Hà Nội', level: 'province', province_code: '01' },
  { agency_code: AG.g01, name: 'Bộ Quốc phòng', level: 'central', ministry: AG.g01 },
  { agency_code: AG.g01unit, name: 'Văn phòng Bộ Quốc phòng', level: 'central', ministry: AG.g01, parent_code: AG.g01 },
  { agency_code: AG.g22, name: 'Văn phòng Chính phủ', level: 'central', ministry: AG.g22 },
]

/** Dossier codes of the fixture: overdue ones in 79, 01 and a G01 unit, and a finished one in 79. */
export const DOSSIER = {
  overdue79: 'HS-79-QUAHAN-0001',
  done79: 'HS-79-XONG-0001',
  overdue01: 'HS-01-QUAHAN-0001',
  overdueG01: 'HS-G01-QUAHAN-0001',
} as const

const DAY = 86_400_000
/** An ISO timestamp `days` days before now, in Vietnamese time (second precision). */
export function daysAgo(days: number): string {
  const t = new Date(Date.now() - days * DAY + 7 * 3600_000)
  return t.toISOString().slice(0, 19) + '+07:00'
}

export function dossierEvent(code: string, status: number, agency: string, occurred: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { event_id: `${code}:${status}:${occurred}`, dossier_code: code, status, occurred_at: occurred, agency_code: agency, procedure_code: '1.001234', ...extra }
}

function fixtureDossiers(): Array<Record<string, unknown>> {
  const r = daysAgo(40)
  const due = daysAgo(30)
  return [
    dossierEvent(DOSSIER.overdue79, 2, AG.commune79, r, { received_at: r, due_at: due, channel: 2 }),
    dossierEvent(DOSSIER.done79, 2, AG.ubnd79, r, { received_at: r, due_at: daysAgo(1), channel: 1 }),
    dossierEvent(DOSSIER.done79, 10, AG.ubnd79, daysAgo(20), { finished_at: daysAgo(20) }),
    dossierEvent(DOSSIER.overdue01, 2, AG.ubnd01, r, { received_at: r, due_at: daysAgo(35) }),
    dossierEvent(DOSSIER.overdueG01, 2, AG.g01unit, r, { received_at: r, due_at: due }),
  ]
}

export type Who = 'admin' | 'national' | 'province' | 'ministry' | 'source'
export const WHO: readonly Who[] = ['admin', 'national', 'province', 'ministry', 'source']

const TOKEN_SPECS: Record<Who, { role: Role; scopes: string[] }> = {
  admin: { role: 'admin', scopes: [] },
  national: { role: 'national', scopes: [] },
  province: { role: 'province', scopes: ['79'] },
  ministry: { role: 'ministry', scopes: [AG.g01] },
  source: { role: 'source', scopes: ['79'] },
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: any
}

export interface ServerFixture {
  url: string
  engine: TestEngine
  tokens: Record<Who, string>
  tokenIds: Record<Who, string>
  /** A user of role province (scope 79) with a one-time password (must change it). */
  user: { email: string; password: string }
  /** A user of role national whose password is final. */
  settledUser: { email: string; password: string }
  get(path: string, token?: string, headers?: Record<string, string>): Promise<Reply>
  post(path: string, body: BodyInit | null, opts?: { token?: string; headers?: Record<string, string> }): Promise<Reply>
  /** Any request, no redirect followed. */
  request(path: string, init?: RequestInit): Promise<Reply>
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** Starts the engine and the server for this test file (beforeAll) and stops them (afterAll). */
export function serverFixture(): ServerFixture {
  let close: (() => Promise<void>) | undefined
  const fx = {
    tokens: {} as Record<Who, string>,
    tokenIds: {} as Record<Who, string>,
    user: { email: 'canbo79@example.gov.vn', password: '' },
    settledUser: { email: 'lanhdao@example.gov.vn', password: 'mat-khau-on-dinh-2025' },
    async request(path: string, init: RequestInit = {}) {
      return reply(await fetch(`${fx.url}${path}`, { redirect: 'manual', ...init }))
    },
    async get(path: string, token?: string, headers: Record<string, string> = {}) {
      return fx.request(path, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } })
    },
    async post(path: string, body: BodyInit | null, opts: { token?: string; headers?: Record<string, string> } = {}) {
      return fx.request(path, {
        method: 'POST',
        body,
        headers: { ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      })
    },
  } as ServerFixture

  beforeAll(async () => {
    const engine = await testEngine()
    fx.engine = engine
    const reg = await engine.load('agency', REGISTRY)
    expect(reg.rejects).toEqual([])
    const ds = await engine.load('dossier', fixtureDossiers())
    expect(ds.rejects).toEqual([])
    for (const who of WHO) {
      const t = await createToken(engine.store, `test-${who}`, TOKEN_SPECS[who].role, TOKEN_SPECS[who].scopes)
      fx.tokens[who] = t.token
      fx.tokenIds[who] = t.id
    }
    fx.user.password = await createUser(engine.store, fx.user.email, 'province', '79')
    await createUser(engine.store, fx.settledUser.email, 'national', null, fx.settledUser.password, false)
    const { startServer } = await import('../../server')
    const running = await startServer({ port: 0, host: '127.0.0.1', quiet: true })
    fx.url = running.url
    close = async () => {
      await running.close()
      await engine.close()
    }
  })

  afterAll(async () => {
    await close?.()
  })

  return fx
}

/** The value of the hidden csrf field of a page's HTML. */
export function csrfOf(html: string): string {
  const m = /<input[^>]*name="csrf"[^>]*value="([^"]*)"/.exec(html) ?? /<input[^>]*value="([^"]*)"[^>]*name="csrf"/.exec(html)
  return m ? m[1].replace(/&amp;/g, '&') : ''
}

/** The csrf token of the root loader, from the page's Remix context (any page, any form). */
export function csrfOfContext(html: string): string {
  // plain JSON ("csrf":"…") or the turbo-stream of single fetch (\"csrf\",\"…\")
  const m = /\\?"csrf\\?"\s*[:,]\s*\\?"([\w.-]+)\\?"/.exec(html)
  return m ? m[1] : ''
}

/** The form of a page's HTML that posts to `action` (its opening tag to its closing tag). */
export function formOf(html: string, action: string): string | null {
  const i = html.search(new RegExp(`<form[^>]*action="${action.replace(/[/]/g, '\\/')}"`))
  if (i < 0) return null
  const end = html.indexOf('</form>', i)
  return html.slice(i, end < 0 ? undefined : end + 7)
}

/** The name=value part of a Set-Cookie header (the session cookie). */
export function cookieOf(setCookie: string | null): string {
  return setCookie ? setCookie.split(';')[0] : ''
}
