// The holes of issue 11 found by trying the product as an attacker would: an open redirect
// after login, formula injection through CSV exports, an unbounded login backoff, and a
// build that went stale when ingest/ changed. Each test failed before its fix.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { safeRedirect } from '../app/lib/redirect.server'
import { csvText } from '../app/lib/http.server'
import { backoffSize, loginFailed, loginWait, MAX_ENTRIES } from '../app/lib/login-backoff.server'
import { buildIsStale } from '../server'
import { AG, cookieOf, csrfOf, daysAgo, dossierEvent, serverFixture, type Reply } from './helpers/server'

const s = serverFixture()

/** Every spelling of an off-site `next` we know of (browsers read \ as /, drop tabs and newlines). */
const OFF_SITE = [
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\\/evil.example',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%252F%252Fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '///evil.example',
  '////evil.example',
  'https://evil.example',
  'http://evil.example/',
  'HTTPS://evil.example',
  'https:evil.example',
  'https:/evil.example',
  '//user@evil.example',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '',
  '/\u0000/evil.example',
]

describe('the login redirect (next)', () => {
  it('refuses every off-site spelling', () => {
    for (const next of OFF_SITE) expect.soft(safeRedirect(next), JSON.stringify(next)).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(['/x'])).toBe('/')
  })

  it('keeps a same-site path with its query and fragment', () => {
    expect(safeRedirect('/')).toBe('/')
    expect(safeRedirect('/van-ban')).toBe('/van-ban')
    expect(safeRedirect('/don-vi/province/79?from=2025-10-01&to=2025-10-31')).toBe('/don-vi/province/79?from=2025-10-01&to=2025-10-31')
    expect(safeRedirect('/ho-so/HS-79%2F0001#su-kien')).toBe('/ho-so/HS-79%2F0001#su-kien')
  })

  it('POST /login answers 302 to / for every off-site next, and to the path for a same-site one', async () => {
    let ip = 0
    const signIn = async (next: string): Promise<Reply> => {
      const page = await s.request('/login')
      const body = new URLSearchParams({ email: s.settledUser.email, password: s.settledUser.password, csrf: csrfOf(page.text), next })
      return s.request('/login', { method: 'POST', body, headers: { 'X-Forwarded-For': `198.51.100.${++ip}`, Cookie: cookieOf(page.headers.get('set-cookie')) } })
    }
    for (const next of OFF_SITE.filter((n) => !n.includes('\u0000'))) {
      const r = await signIn(next)
      expect.soft(r.status, `${JSON.stringify(next)}: ${r.text.slice(0, 200)}`).toBe(302)
      expect.soft(r.headers.get('location'), JSON.stringify(next)).toBe('/')
    }
    const ok = await signIn('/van-ban?from=2025-10-01')
    expect(ok.status).toBe(302)
    expect(ok.headers.get('location')).toBe('/van-ban?from=2025-10-01')
  })
})

describe('CSV exports escape formulas', () => {
  const FORMULA_AGENCY = '=HYPERLINK("//x.vn","x")'
  const FORMULA_UNMAPPED = '@SUM(1+1)*cmd|A0'
  const FORMULA_SOURCE = "=cmd|' /C calc'!A0"

  it('text cells starting with = + - @ tab or CR get a leading quote; numbers never do', () => {
    const text = csvText([{ code: '=1+2', name: '-x', plus: '+1', at: '@a', tab: '\tb', cr: '\rc', n: -5, f: -0.25, ok: 'Hà Nội', none: null }])
    const [header, row] = parse(text, { bom: true }) as string[][]
    expect(header).toEqual(['code', 'name', 'plus', 'at', 'tab', 'cr', 'n', 'f', 'ok', 'none'])
    expect(row).toEqual(["'=1+2", "'-x", "'+1", "'@a", "'\tb", "'\rc", '-5', '-0.25', 'Hà Nội', ''])
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
  })

  it('no cell of any CSV export starts a formula, and formula-like codes come out quoted', async () => {
    const reg = await s.engine.load('agency', [{ agency_code: FORMULA_AGENCY, name: '+Phường thử', level: 'commune', province_code: '79', parent_code: AG.ubnd79 }])
    expect(reg.rejects).toEqual([])
    const r = daysAgo(40)
    const ds = await s.engine.load(
      'dossier',
      [
        dossierEvent('=HS-79-CONG-THUC', 2, FORMULA_AGENCY, r, { received_at: r, due_at: daysAgo(30), procedure_code: '+1.0001' }),
        dossierEvent('HS-KHONG-DON-VI', 2, FORMULA_UNMAPPED, r, { received_at: r, due_at: daysAgo(30) }),
      ],
      FORMULA_SOURCE,
    )
    expect(ds.rejects).toEqual([])
    const q = `from=${daysAgo(60).slice(0, 10)}&to=${daysAgo(0).slice(0, 10)}`
    const exports = [
      `/api/v1/summary?format=csv&${q}`,
      `/api/v1/units?level=province&format=csv&${q}`,
      `/api/v1/units?level=ministry&format=csv&${q}`,
      `/api/v1/trend?format=csv&grain=month&${q}`,
      `/api/v1/overdue?format=csv&${q}`,
      `/api/v1/overdue?level=province&unit=79&format=csv&${q}`,
      `/api/v1/documents/units?level=province&format=csv&${q}`,
      `/api/v1/connections?level=province&format=csv&${q}`,
      `/api/v1/connections/series?level=national&format=csv&${q}`,
      ...['unmapped', 'rejects', 'duplicates', 'late_arrivals', 'sources', 'last_seen', 'totals'].map((t) => `/api/v1/quality?format=csv&table=${t}`),
    ]
    const seen = new Set<string>()
    for (const url of exports) {
      const res = await s.get(url, s.tokens.admin)
      expect.soft(res.status, `${url}: ${res.text.slice(0, 200)}`).toBe(200)
      if (res.status !== 200) continue
      expect.soft(res.headers.get('content-type'), url).toMatch(/^text\/csv/)
      const rows = parse(res.text, { bom: true, relax_column_count: true }) as string[][]
      for (const row of rows)
        for (const cell of row) {
          seen.add(cell)
          const dangerous = /^[=+@\t\r\uFF1D\uFF0B\uFF20]/.test(cell) || (/^[-\uFF0D]/.test(cell) && !Number.isFinite(Number(cell)))
          expect.soft(dangerous, `${url}: cell ${JSON.stringify(cell)}`).toBe(false)
        }
    }
    // the codes are there, escaped (so the test above saw them)
    expect(seen).toContain(`'${FORMULA_AGENCY}`)
    expect(seen).toContain("'=HS-79-CONG-THUC")
    expect(seen).toContain("'+1.0001")
    expect(seen).toContain(`'${FORMULA_UNMAPPED}`)
    expect([...seen].some((c) => c.startsWith(`'${FORMULA_SOURCE}`))).toBe(true)
  })
})

describe('the login backoff', () => {
  it('still locks after five failures', () => {
    const now = Date.UTC(2026, 0, 1)
    for (let i = 0; i < 5; i++) loginFailed('bi-khoa@example.vn', '192.0.2.1', now)
    expect(loginWait('bi-khoa@example.vn', '192.0.2.99', now)).toBe(30_000)
    expect(loginWait('khac@example.vn', '192.0.2.1', now)).toBe(30_000)
    expect(loginWait('khac@example.vn', '192.0.2.2', now)).toBe(0)
  })

  it('stays bounded under a spray of addresses, and forgets quiet keys', () => {
    const now = Date.UTC(2026, 0, 2)
    for (let i = 0; i < MAX_ENTRIES; i++) loginFailed(`spray-${i}@example.vn`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, now + i)
    expect(backoffSize()).toBeLessThanOrEqual(MAX_ENTRIES)
    expect(backoffSize()).toBeGreaterThan(MAX_ENTRIES / 2)
    // an hour later, one more failure sweeps the expired keys away
    loginFailed('muon@example.vn', '192.0.2.200', now + 3600_000)
    expect(backoffSize()).toBe(2)
  })
})

describe('the build is rebuilt when anything it is made of changed', () => {
  it('ingest/, sql/, reference/ and core/ count, not only app/', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'egov-build-'))
    try {
      const t0 = Date.now() / 1000 - 1000
      for (const d of ['app', 'core', 'ingest', 'sql', 'reference', 'build/server']) mkdirSync(path.join(root, d), { recursive: true })
      const files = ['app/root.tsx', 'core/db.ts', 'ingest/http.ts', 'sql/q.sql', 'reference/p.csv', 'vite.config.ts', 'build/server/index.js']
      for (const f of files) {
        writeFileSync(path.join(root, f), '')
        utimesSync(path.join(root, f), t0, t0)
      }
      utimesSync(path.join(root, 'build/server/index.js'), t0 + 10, t0 + 10)
      expect(buildIsStale(root)).toBe(false)
      for (const f of ['ingest/http.ts', 'sql/q.sql', 'reference/p.csv', 'core/db.ts', 'app/root.tsx']) {
        utimesSync(path.join(root, f), t0 + 20, t0 + 20)
        expect(buildIsStale(root), f).toBe(true)
        utimesSync(path.join(root, f), t0, t0)
        expect(buildIsStale(root), f).toBe(false)
      }
      rmSync(path.join(root, 'build'), { recursive: true })
      expect(buildIsStale(root)).toBe(true)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
