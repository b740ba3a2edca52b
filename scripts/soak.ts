// npm run soak -- --minutes M [--writers W] [--readers R]: the production server (server.ts, its
// own process, the embedded engine in a temporary DATA_DIR) under concurrent HTTP ingest (dossier
// and document events with a source token, a share of them redelivered) and dashboard readers
// (the API and the pages, with a national token), on 127.0.0.1 only, for M minutes. Prints every
// minute: requests, errors, 5xx, p95 per route and the server's RSS; at the end a table and a
// verdict: 0 errors, 0 5xx, and RSS at the end within 15% of RSS after the first minute.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Command } from 'commander'
import type { MemoryReport } from '../core/memory'

const program = new Command('soak')
  .option('--minutes <m>', 'how long', '10')
  .option('--writers <n>', 'concurrent ingest clients', '2')
  .option('--readers <n>', 'concurrent dashboard readers', '3')
program.parse(process.argv)
const opts = program.opts<{ minutes: string; writers: string; readers: string }>()
const MINUTES = Number(opts.minutes)
const WRITERS = Number(opts.writers)
const READERS = Number(opts.readers)
if (!(MINUTES > 0) || !(WRITERS >= 1) || !(READERS >= 1)) {
  process.stderr.write('soak: --minutes, --writers and --readers must be positive numbers\n')
  process.exit(1)
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-soak-'))
process.env.DATA_DIR = dataDir
const { loadConfig, resetConfig } = await import('../core/config')
const { openStore } = await import('../core/db')
const { createToken } = await import('../core/auth')
const { projectRoot, serverNodeArgs } = await import('../core/paths')
resetConfig(loadConfig({ ...process.env, DATA_DIR: dataDir, DB_POOL: '1' }))

const log = (s: string) => process.stdout.write(`${s}\n`)

// Tokens first, while no server holds the directory.
const setup = await openStore()
const tokens = {
  admin: (await createToken(setup, 'soak-admin', 'admin', [])).token,
  source: (await createToken(setup, 'soak-source', 'source', ['79'])).token,
  national: (await createToken(setup, 'soak-national', 'national', [])).token,
}
await setup.close()

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const a = s.address()
    s.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
  })
})
const server = spawn(process.execPath, serverNodeArgs(), {
  cwd: projectRoot(),
  env: { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), EGP_MEMORY_LOG_MS: '5000' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const serverExit = new Promise<number | string>((res) => server.on('exit', (code, sig) => res(code ?? sig ?? -1)))
// The server's own account of its memory (core/memory.ts), the latest of its 5-second reports.
let memory: MemoryReport | undefined
const base = await new Promise<string>((resolve, reject) => {
  let out = ''
  server.stdout!.on('data', (c) => {
    out += c
    const m = /serving on (http:\/\/\S+)/.exec(out)
    if (m) resolve(m[1])
    const lines = out.split('\n')
    out = lines.pop()!
    for (const line of lines) if (line.startsWith('memory ')) memory = JSON.parse(line.slice(7))
  })
  void serverExit.then((c) => reject(new Error(`the server exited (${c}) before serving`)))
})
log(`soak: server pid ${server.pid} on ${base}, data in ${dataDir}; ${WRITERS} writers, ${READERS} readers, ${MINUTES} min`)

/** The server's resident set in MB: all of it, the anonymous part, and the part mapped from files (the engine's code, paged in as it is first run). */
function rssMb(): { all: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const kb = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)
    return m ? Number(m[1]) / 1024 : NaN
  }
  return { all: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') }
}

// ---- the registry: province 79's People's Committee and 20 communes
const AGENCIES = ['000.00.00.H58', ...Array.from({ length: 20 }, (_, i) => `000.${String(i + 1).padStart(2, '0')}.01.H58`)]
const registry = AGENCIES.map((code, i) =>
  i === 0
    ? { agency_code: code, name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', level: 'province', province_code: '79' }
    : { agency_code: code, name: `Ủy ban nhân dân phường ${i}`, level: 'commune', province_code: '79', parent_code: AGENCIES[0] },
)
{
  const r = await fetch(`${base}/api/v1/ingest/agency`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens.admin}`, 'Content-Type': 'application/x-ndjson' },
    body: registry.map((x) => JSON.stringify(x)).join('\n'),
  })
  if (r.status !== 200) throw new Error(`registry load: ${r.status} ${await r.text()}`)
}

// ---- measurements, per minute and in total
interface Window {
  requests: number
  errors: number
  e5xx: number
  latency: Map<string, number[]>
}
const newWindow = (): Window => ({ requests: 0, errors: 0, e5xx: 0, latency: new Map() })
let minute = newWindow()
const total = newWindow()
const errorSamples: string[] = []

function record(route: string, ms: number, ok: boolean, status: number, note = '') {
  for (const w of [minute, total]) {
    w.requests++
    if (!ok) w.errors++
    if (status >= 500) w.e5xx++
    const l = w.latency.get(route) ?? []
    l.push(ms)
    w.latency.set(route, l)
  }
  if (!ok && errorSamples.length < 10) errorSamples.push(`${route}: ${status} ${note}`.slice(0, 300))
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN
}

async function timed(route: string, url: string, init: RequestInit, expect: (status: number, body: string) => boolean) {
  const t0 = performance.now()
  try {
    const r = await fetch(url, init)
    const body = await r.text()
    record(route, performance.now() - t0, r.status < 500 && expect(r.status, body), r.status, body.slice(0, 200))
  } catch (e) {
    record(route, performance.now() - t0, false, 0, (e as Error).message)
  }
}

// ---- the load
const endAt = Date.now() + MINUTES * 60_000
let running = true
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const vn = (t: number) => new Date(t + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00'
let seq = 0

async function writer(w: number) {
  const sent: string[] = []
  while (running) {
    const now = Date.now()
    const dossiers: object[] = []
    for (let i = 0; i < 200; i++) {
      const n = ++seq
      const agency = AGENCIES[n % AGENCIES.length]
      const received = now - (n % 60) * 86_400_000
      const code = `HS-SOAK-${w}-${Math.floor(n / 2)}`
      dossiers.push(
        n % 2 === 0
          ? { event_id: `${code}:2`, dossier_code: code, status: 2, occurred_at: vn(received), agency_code: agency, procedure_code: `1.00${n % 50}`, received_at: vn(received), due_at: vn(received + 10 * 86_400_000), channel: (n % 3) + 1 }
          : { event_id: `${code}:10`, dossier_code: code, status: 10, occurred_at: vn(received + 5 * 86_400_000), agency_code: agency, procedure_code: `1.00${n % 50}`, finished_at: vn(received + 5 * 86_400_000) },
      )
    }
    // a tenth redelivered: an at-least-once sender after a timeout
    const again = sent.splice(0, 20).map((x) => JSON.parse(x) as object)
    const lines = [...dossiers, ...again].map((x) => JSON.stringify(x))
    sent.push(...lines.slice(0, 20))
    await timed('POST ingest/dossier', `${base}/api/v1/ingest/dossier`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.source}`, 'Content-Type': 'application/x-ndjson' }, body: lines.join('\n') + '\n' }, (s, b) => s === 200 && JSON.parse(b).rejected.length === 0)
    const docs = Array.from({ length: 100 }, (_, i) => {
      const n = ++seq
      return { event_id: `VB-SOAK-${w}-${n}`, document_id: `VB-${w}-${Math.floor(n / 3)}`, from_agency: AGENCIES[n % AGENCIES.length], to_agency: AGENCIES[(n + i + 1) % AGENCIES.length], status: ['01', '03', '04'][n % 3], occurred_at: vn(now - (n % 30) * 3600_000) }
    })
    await timed('POST ingest/document', `${base}/api/v1/ingest/document`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.source}`, 'Content-Type': 'application/x-ndjson' }, body: docs.map((x) => JSON.stringify(x)).join('\n') + '\n' }, (s, b) => s === 200 && JSON.parse(b).rejected.length === 0)
    await sleep(200)
  }
}

const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)
const monthAgo = new Date(Date.now() - 60 * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10)
const q = `from=${monthAgo}&to=${today}`
const READS: Array<[string, string]> = [
  ['GET api/summary', `/api/v1/summary?${q}`],
  ['GET api/summary 79', `/api/v1/summary?level=province&unit=79&${q}`],
  ['GET api/units', `/api/v1/units?level=province&${q}`],
  ['GET api/trend', `/api/v1/trend?grain=week&${q}`],
  ['GET api/overdue', `/api/v1/overdue?${q}`],
  ['GET api/documents', `/api/v1/documents/units?level=province&${q}`],
  ['GET api/quality', `/api/v1/quality`],
  ['GET page /', `/?${q}`],
  ['GET page /van-ban', `/van-ban?${q}`],
  ['GET page /don-vi/79', `/don-vi/province/79?${q}`],
  ['GET page /chat-luong', `/chat-luong`],
]

async function reader(r: number) {
  for (let i = r; running; i++) {
    const [route, p] = READS[i % READS.length]
    await timed(route, `${base}${p}`, { headers: { Authorization: `Bearer ${tokens.national}` } }, (s) => s === 200)
  }
}

let rssAfterFirst = NaN
const rows: Array<{ minute: number; requests: number; errors: number; e5xx: number; rss: number; split: string; worstP95: string }> = []
const mb = (x: number | null | undefined) => (x == null ? '–' : x.toFixed(0)).padStart(6)
function report(label: number) {
  const { all: rss, anon, file } = rssMb()
  if (label === 1) rssAfterFirst = rss
  const perRoute = [...minute.latency.entries()].map(([r, l]) => `${r} ${p95(l).toFixed(0)}`).join(' | ')
  const worst = [...minute.latency.entries()].sort((a, b) => p95(b[1]) - p95(a[1]))[0]
  const split = `${mb(anon)} ${mb(file)} ${mb(memory?.heap_used_mb)} ${mb(memory?.heap_total_mb)} ${mb(memory?.external_mb)} ${mb(memory?.engine_tracked_mb)} ${mb(memory?.engine_caches_mb)} ${mb(memory?.parts)} ${mb(memory?.replaced_parts)} ${mb(memory?.allocator_allocated_mb)} ${mb(memory?.allocator_resident_mb)} ${mb(memory?.primary_keys_mb)} ${mb(memory?.replaced_keys_mb)}`
  rows.push({ minute: label, requests: minute.requests, errors: minute.errors, e5xx: minute.e5xx, rss, split, worstP95: worst ? `${worst[0]} ${p95(worst[1]).toFixed(0)} ms` : '' })
  log(`minute ${label}: ${minute.requests} requests, ${minute.errors} errors, ${minute.e5xx} 5xx, server RSS ${rss.toFixed(0)} MB (anonymous ${anon.toFixed(0)}, from files ${file.toFixed(0)}; V8 heap ${memory?.heap_used_mb ?? '?'} of ${memory?.heap_total_mb ?? '?'}, external ${memory?.external_mb ?? '?'}, engine ${memory?.engine_tracked_mb ?? '?'} of which caches ${memory?.engine_caches_mb ?? '?'}, primary keys ${memory?.primary_keys_mb ?? '?'}, running queries ${memory?.queries_mb ?? '?'}, merges ${memory?.merges_mb ?? '?'}, dictionaries ${memory?.dictionaries_mb ?? '?'}; ${memory?.parts ?? '?'} parts, ${memory?.replaced_parts ?? '?'} replaced parts still loaded); p95 ms: ${perRoute}`)
  minute = newWindow()
}

const workers = [...Array.from({ length: WRITERS }, (_, i) => writer(i)), ...Array.from({ length: READERS }, (_, i) => reader(i))]
for (let m = 1; Date.now() < endAt; m++) {
  await sleep(Math.max(0, Math.min(60_000, endAt - Date.now())))
  report(m)
}
running = false
await Promise.all(workers)

// ---- the end: the server stops gracefully, the verdict
const rssEnd = rows[rows.length - 1].rss
server.kill('SIGTERM')
const exit = await serverExit
rmSync(dataDir, { recursive: true, force: true })

log('\nroute                      requests   p95 ms')
for (const [route, l] of [...total.latency.entries()].sort()) log(`${route.padEnd(26)} ${String(l.length).padStart(8)} ${p95(l).toFixed(0).padStart(8)}`)
log('\nminute  requests  errors  5xx  RSS MB   anon   file   heap  total    ext engine caches  parts replaced  alloc  resid   keys rkeys  slowest p95')
for (const r of rows) log(`${String(r.minute).padStart(6)} ${String(r.requests).padStart(9)} ${String(r.errors).padStart(7)} ${String(r.e5xx).padStart(4)} ${r.rss.toFixed(0).padStart(7)} ${r.split}  ${r.worstP95}`)
const growth = (rssEnd - rssAfterFirst) / rssAfterFirst
const checks = [
  [`0 errors (${total.errors})`, total.errors === 0],
  [`0 5xx (${total.e5xx})`, total.e5xx === 0],
  [`RSS at the end within 15% of RSS after minute 1 (${rssAfterFirst.toFixed(0)} → ${rssEnd.toFixed(0)} MB, ${(growth * 100).toFixed(1)}%)`, growth <= 0.15],
  [`server stopped with exit 0 on SIGTERM (${exit})`, exit === 0],
] as const
log('')
for (const [what, ok] of checks) log(`${ok ? 'PASS' : 'FAIL'}  ${what}`)
if (errorSamples.length) log(`\nfirst errors:\n  ${errorSamples.join('\n  ')}`)
const pass = checks.every(([, ok]) => ok)
log(`\nsoak: ${pass ? 'PASS' : 'FAIL'} (${total.requests} requests in ${MINUTES} min)`)
process.exit(pass ? 0 : 1)
