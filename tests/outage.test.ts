// Outages of a ClickHouse server (issue 11): the server starts while ClickHouse is down and
// keeps running while it goes down; health, ingest and pages answer 503 (ingest with Retry-After,
// acknowledging nothing, pages with a plain error page); when ClickHouse is back everything works
// again without a restart, the migrations applied on first contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../core/auth'
import { loadConfig } from '../core/config'
import { openStore, type Store } from '../core/db'
import { AG, REGISTRY, daysAgo, dossierEvent } from './helpers/server'
import { freePort, startChildServer, type ChildServer } from './helpers/child-server'
import { fakeClickHouse, type FakeClickHouse } from './helpers/fake-clickhouse'

let ch: FakeClickHouse
let server: ChildServer
let store: Store | undefined
const tokens = { source: '', national: '', admin: '' }

beforeAll(async () => {
  ch = await fakeClickHouse(await freePort()) // not started: the port is closed
  server = await startChildServer({ CLICKHOUSE_URL: ch.url, CLICKHOUSE_DATABASE: 'egov_outage' })
})

afterAll(async () => {
  await store?.close()
  if (server && server.proc.exitCode === null) {
    server.proc.kill('SIGTERM')
    await server.exited
  }
  await ch?.destroy()
})

const req = async (path: string, init: RequestInit & { token?: string } = {}) => {
  const headers = { ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}), ...((init.headers as Record<string, string>) ?? {}) }
  const r = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init, headers })
  return { status: r.status, headers: r.headers, text: await r.text() }
}
const ingest = (records: object[], token = tokens.source) =>
  req('/api/v1/ingest/dossier', { method: 'POST', token, headers: { 'Content-Type': 'application/x-ndjson' }, body: records.map((x) => JSON.stringify(x)).join('\n') + '\n' })

async function until(what: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 250))
  }
}

/** A page answer that is an error page: its status, Vietnamese text, and no stack trace. */
function expectErrorPage(r: { status: number; headers: Headers; text: string }) {
  expect(r.status).toBe(503)
  expect(r.headers.get('content-type')).toMatch(/text\/html/)
  expect(r.text).toContain('Kho dữ liệu tạm thời không truy cập được')
  expect(r.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|ECONNREFUSED|StoreUnavailableError/)
}

const q = `from=${daysAgo(10).slice(0, 10)}&to=${daysAgo(0).slice(0, 10)}`
const events = Array.from({ length: 6 }, (_, i) => dossierEvent(`HS-79-OUT-${i}`, 2, AG.commune79, daysAgo(2), { received_at: daysAgo(2), due_at: daysAgo(-5) }))

describe('ClickHouse down at start', () => {
  it('the server started anyway; health is 503', async () => {
    expect(server.proc.exitCode).toBe(null)
    const h = await req('/api/v1/health')
    expect(h.status).toBe(503)
    expect(h.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(JSON.parse(h.text)).toEqual({ status: 'unavailable' })
  })

  it('ingest and the API answer 503 with Retry-After, JSON, no stack', async () => {
    for (const r of [await ingest(events, 'any-token'), await req(`/api/v1/summary?${q}`, { token: 'any-token' })]) {
      expect(r.status).toBe(503)
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(JSON.parse(r.text).error).toMatch(/unavailable|cannot take writes/)
      expect(r.text).not.toMatch(/ECONNREFUSED|\bat /)
    }
  })

  it('a page answers a 503 error page', async () => {
    expectErrorPage(await req('/', { token: 'any-token' }))
  })
})

describe('ClickHouse comes up', () => {
  it('health turns 200 without a restart, the migrations applied', async () => {
    await ch.start()
    await until(async () => (await req('/api/v1/health')).status === 200)
    store = await openStore(loadConfig({ CLICKHOUSE_URL: ch.url, CLICKHOUSE_DATABASE: 'egov_outage', DB_POOL: '1' }))
    const tables = await store.rows<{ name: string }>("SELECT name FROM system.tables WHERE database = 'egov_outage' AND name = 'dossier_rows'")
    expect(tables).toEqual([{ name: 'dossier_rows' }])
    tokens.source = (await createToken(store, 'outage-source', 'source', ['79'])).token
    tokens.national = (await createToken(store, 'outage-national', 'national', [])).token
    tokens.admin = (await createToken(store, 'outage-admin', 'admin', [])).token
    const reg = await req('/api/v1/ingest/agency', { method: 'POST', token: tokens.admin, headers: { 'Content-Type': 'application/x-ndjson' }, body: REGISTRY.map((x) => JSON.stringify(x)).join('\n') })
    expect(reg.status).toBe(200)
  })

  it('ingest is acknowledged and figures follow', async () => {
    const r = await ingest(events.slice(0, 3))
    expect(r.status, r.text).toBe(200)
    expect(JSON.parse(r.text)).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] })
    const s = await req(`/api/v1/summary?level=province&unit=79&${q}`, { token: tokens.national })
    expect(JSON.parse(s.text).received).toBe(3)
    expect((await req('/', { token: tokens.national })).status).toBe(200)
  })
})

describe('ClickHouse goes down while the server runs, and comes back', () => {
  it('503 everywhere while down, nothing acknowledged, the process alive', async () => {
    await ch.stop()
    const r = await ingest(events.slice(3))
    expect(r.status).toBe(503)
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(r.text).not.toMatch(/accepted/)
    expect((await req('/api/v1/health')).status).toBe(503)
    const api = await req(`/api/v1/summary?${q}`, { token: tokens.national })
    expect(api.status).toBe(503)
    expect(api.headers.get('retry-after')).toBeTruthy()
    expectErrorPage(await req('/', { token: tokens.national }))
    expect(server.proc.exitCode).toBe(null)
  })

  it('back: the same delivery is accepted once and every figure is right', async () => {
    await ch.start()
    await until(async () => (await req('/api/v1/health')).status === 200)
    const r = await ingest(events) // the three acknowledged before, and the three refused while down
    expect(r.status, r.text).toBe(200)
    expect(JSON.parse(r.text)).toMatchObject({ accepted: 3, duplicates: 3 })
    const s = await req(`/api/v1/summary?level=province&unit=79&${q}`, { token: tokens.national })
    expect(JSON.parse(s.text).received).toBe(6)
    expect(server.proc.exitCode).toBe(null)
  })
})
