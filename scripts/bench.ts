// npm run bench -- [--events N] [--calls C] [--seed S]: generates N simulated events (dossier events,
// with document and connection events in national proportion) and streams them through the real
// ingest pipeline (validation, idempotency, state and aggregates) without writing them to a file
// first; measures the raw insert rate of the same rows; times every figure endpoint of
// interfaces.md and the two busiest pages over HTTP; and compares figures with an independent
// brute force over the raw events. Writes bench/report.json and prints the same as a table.
// A load longer than one sitting (a national year) can be stopped (Ctrl-C, SIGTERM, or a crash)
// and continued with --resume: bench/load.json says how far it got (written after every batch the
// pipeline finished), and the same stream is generated again and skipped up to there; records of a
// batch cut off by a crash come again and are counted as duplicates, as any redelivery.
import { Command } from 'commander'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import path from 'node:path'
import type { IngestCounts } from '../ingest/records'
import { quantile } from './quantile'

const program = new Command('bench')
  .option('--events <n>', 'events to generate (dossier events, plus documents and connections in proportion)', '200000')
  .option('--calls <n>', 'timed calls per endpoint and page', '20')
  .option('--seed <n>', 'simulator seed', '3')
  .option('--reuse', 'time and compare on the store the last run left in bench/data, without loading it again (no ingest figures)')
  .option('--resume', 'continue the load the last run left unfinished (its --events and --seed), then time and compare')
program.parse(process.argv)
const opts = program.opts<{ events: string; calls: string; seed: string; reuse?: boolean; resume?: boolean }>()
const REUSE = !!opts.reuse
const CALLS = Math.max(20, Number(opts.calls))

const benchDir = path.resolve('bench')
process.env.DATA_DIR = path.join(benchDir, 'data')
const LOAD_FILE = path.join(benchDir, 'load.json')

/** How far a load got: written after every finished batch, so a stopped load can go on (--resume). */
interface LoadProgress {
  events: number
  seed: number
  /** the simulated history's end (ISO): a resumed load generates the same stream */
  to: string
  phase: 'dossier' | 'document' | 'connection' | 'done'
  raw_events_per_s: number
  /** dossier (or, in phase document, document) records the finished batches hold */
  done: number
  /** seconds spent loading dossier events, over every sitting */
  dossier_s: number
  /** the rate over each finished tenth of the dossier events, and the seconds spent in the current one */
  tenths: number[]
  tenth_s: number
  dossier_counts: IngestCounts
  document_counts: IngestCounts
  sittings: number
}
let progress: LoadProgress | null = null
if (opts.resume) {
  if (!existsSync(LOAD_FILE) || !existsSync(process.env.DATA_DIR)) {
    process.stderr.write('bench: --resume needs bench/load.json and bench/data from a load that was stopped\n')
    process.exit(1)
  }
  progress = JSON.parse(readFileSync(LOAD_FILE, 'utf8')) as LoadProgress
  progress.sittings++
}
const N = progress?.events ?? Number(opts.events)
const SEED = progress?.seed ?? Number(opts.seed)
if (!Number.isInteger(N) || N < 1000) {
  process.stderr.write('bench: --events must be a whole number ≥ 1000\n')
  process.exit(1)
}
if (!REUSE && !progress) rmSync(process.env.DATA_DIR, { recursive: true, force: true })
mkdirSync(benchDir, { recursive: true })

const { closeStore, store } = await import('../core/db')
const { createToken } = await import('../core/auth')
const { reference } = await import('../core/reference')
const { makePeriod, points } = await import('../core/kpi/period')
const { figuresByUnit, figuresByAgency, figuresByProcedure } = await import('../core/kpi/dossiers')
const { utcNow } = await import('../core/time')
const { IngestWriter } = await import('../ingest/writer')
const { ingestRecords } = await import('../ingest/pipeline')
const { validateRecord } = await import('../ingest/validate')
const { COLUMN_NAMES, toValues } = await import('../ingest/schema')
const sim = await import('./simulate/index')
const { serverNodeArgs } = await import('../core/paths')
const { buildBruteStates, bruteFigures } = await import('./brute-force')

type Figures = Record<string, number | null>
const log = (s: string) => process.stderr.write(`bench: ${s}\n`)
const s = await store()
const writer = new IngestWriter(s)
const validate = { provinceCodes: reference().provinceCodes }

// 1. The simulated history: from 1 January 2025 (across both reorganisations) to now.
const NOW = new Date()
const from = new Date(Date.UTC(2024, 11, 31, 17, 0, 0))
const to = progress ? new Date(progress.to) : new Date(NOW.getTime() - 60_000)
const registry = sim.simulateRegistry({ seed: SEED })
// N events in national proportions (≈ 300M dossier events to ≈ 20M document events a year).
const split = sim.nationalSplit(N)
/** Set by Ctrl-C / SIGTERM during the load: the streams end, the batches in flight finish, the progress is written. */
let stopping = false
/** The records of `gen` after the first `skip`, up to `limit` lines in all; ends early when stopping. */
function* rawRecords<T>(gen: Iterable<T>, limit: number, skip = 0): Generator<{ line: number; value: unknown }> {
  let line = 0
  for (const value of gen) {
    if (line >= limit || stopping) return
    if (++line > skip) yield { line, value }
  }
}
const dossierStream = (limit: number, skip = 0) => rawRecords(sim.simulateDossierEvents(registry, { seed: SEED, from, to, events: split.dossier }), limit, skip)
const documentStream = (skip = 0) => rawRecords(sim.simulateDocumentEvents(registry, { seed: SEED, from, to, events: split.document }), Infinity, skip)
const saveProgress = (p: LoadProgress) => writeFileSync(LOAD_FILE, JSON.stringify(p, null, 2) + '\n')
const addCounts = (a: IngestCounts, b: IngestCounts): IngestCounts => ({
  accepted: a.accepted + b.accepted,
  duplicates: a.duplicates + b.duplicates,
  rejected: a.rejected + b.rejected,
})
/** Records a load's finished batches hold. */
const total = (c: IngestCounts) => c.accepted + c.duplicates + c.rejected

/** The raw insert rate of the same rows (the first ≤ 2M, validated first, straight into a copy of the table). */
async function rawInsertRate(): Promise<number> {
  await s.command('CREATE TABLE IF NOT EXISTS bench_raw AS dossier_events')
  let rawRows = 0
  let rawS = 0
  let batch: unknown[][] = []
  const at = utcNow()
  const flush = async () => {
    const t0 = performance.now()
    await s.insertValues('bench_raw', COLUMN_NAMES.dossier, batch)
    rawS += (performance.now() - t0) / 1000
    rawRows += batch.length
    batch = []
  }
  for (const r of dossierStream(Math.min(split.dossier, 2_000_000))) {
    const v = validateRecord('dossier', r.value, r.line, validate)
    if (!v.ok) continue
    batch.push(toValues('dossier', v.record, { source: 'bench', ingested_at: at }))
    if (batch.length >= 200_000) await flush()
  }
  if (batch.length) await flush()
  await s.command('DROP TABLE bench_raw')
  log(`raw insert: ${rawRows} rows in ${rawS.toFixed(1)} s (${Math.round(rawRows / rawS)} rows/s)`)
  return Math.round(rawRows / rawS)
}

/**
 * Steps 1–3: the registry, the raw insert rate, and the load through the pipeline, from where the
 * last sitting stopped. Returns null when stopped (the progress is in bench/load.json).
 */
async function load() {
  const zeroCounts = { accepted: 0, duplicates: 0, rejected: 0 }
  const p: LoadProgress = progress ?? {
    events: N,
    seed: SEED,
    to: to.toISOString(),
    phase: 'dossier',
    raw_events_per_s: 0,
    done: 0,
    dossier_s: 0,
    tenths: [],
    tenth_s: 0,
    dossier_counts: zeroCounts,
    document_counts: zeroCounts,
    sittings: 1,
  }
  const stop = () => {
    if (!stopping) log('stopping: the batches in flight finish, then bench/load.json says where to go on from (--resume)')
    stopping = true
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  if (!progress) {
    await ingestRecords(rawRecords(registry, Infinity), { kind: 'agency', store: s, writer, source: 'bench', validate })
    p.raw_events_per_s = await rawInsertRate()
    saveProgress(p)
  } else {
    log(`resuming (sitting ${p.sittings}): phase ${p.phase}, ${p.done} records done; the stream is generated again up to there`)
    await writer.recover() // a batch a crash cut off
  }

  // 3. Ingest through the real pipeline, streamed; the rate over each tenth of the load. A resumed
  // sitting's time starts when its first new batch does (regenerating the stream up to there is not ingest).
  const ND = split.dossier
  if (p.phase === 'dossier') {
    const base = { ...p.dossier_counts }
    const skip = p.done
    let t = 0 // when this sitting's first batch started, then when the last one finished
    const records = (function* () {
      for (const r of dossierStream(Infinity, skip)) {
        if (t === 0) t = performance.now()
        yield r
      }
    })()
    const counts = await ingestRecords(records, {
      kind: 'dossier',
      store: s,
      writer,
      source: 'bench',
      validate,
      onBatch: (c) => {
        const now = performance.now()
        const spent = (now - t) / 1000
        t = now
        p.dossier_counts = addCounts(base, c)
        let from = p.done
        p.done = skip + total(c)
        p.dossier_s += spent
        // a batch that crosses a tenth's end shares its time between the tenths by its records
        const perRecord = spent / Math.max(p.done - from, 1)
        for (let end = ((p.tenths.length + 1) * ND) / 10; p.done >= end && p.tenths.length < 10; end = ((p.tenths.length + 1) * ND) / 10) {
          p.tenth_s += (end - from) * perRecord
          p.tenths.push(ND / 10 / p.tenth_s)
          p.tenth_s = 0
          from = end
          log(`ingest: ${Math.round(end)} events, ${Math.round(p.tenths.at(-1)!)} events/s over the last tenth`)
        }
        p.tenth_s += (p.done - from) * perRecord
        saveProgress(p)
      },
    })
    p.dossier_counts = addCounts(base, counts)
    if (stopping) return null
    const c = p.dossier_counts
    log(`ingest: ${c.accepted} accepted, ${c.duplicates} duplicates, ${c.rejected} rejected in ${p.dossier_s.toFixed(1)} s`)
    Object.assign(p, { phase: 'document', done: 0 })
    saveProgress(p)
  }
  if (p.phase === 'document') {
    const base = { ...p.document_counts }
    const skip = p.done
    const counts = await ingestRecords(documentStream(skip), {
      kind: 'document',
      store: s,
      writer,
      source: 'bench',
      validate,
      onBatch: (c) => {
        p.document_counts = addCounts(base, c)
        p.done = skip + total(c)
        saveProgress(p)
      },
    })
    p.document_counts = addCounts(base, counts)
    if (stopping) return null
    Object.assign(p, { phase: 'connection', done: 0 })
    saveProgress(p)
  }
  if (p.phase === 'connection') {
    await ingestRecords(rawRecords(sim.simulateConnectionEvents(registry, { seed: SEED, from, to }), Infinity), { kind: 'connection', store: s, writer, source: 'bench', validate })
    Object.assign(p, { phase: 'done', done: 0 })
    saveProgress(p)
  }
  process.off('SIGINT', stop)
  process.off('SIGTERM', stop)
  return {
    rawPerS: p.raw_events_per_s,
    ingestS: p.dossier_s,
    dossierEvents: total(p.dossier_counts),
    tenths: p.tenths,
    events: total(p.dossier_counts) + total(p.document_counts),
    documents: p.document_counts.accepted,
    sittings: p.sittings,
  }
}
// --reuse: the store as the last run left it (its events counted from the store, duplicates aside)
if (progress?.phase === 'done') {
  process.stderr.write('bench: the last load finished; time it again with --reuse, or start a new one without --resume\n')
  process.exit(1)
}
const loaded = REUSE ? null : await load()
if (!REUSE && !loaded) {
  log(`stopped; continue with: npm run bench -- --resume`)
  await closeStore()
  process.exit(3)
}
const [{ dossiers, exchanges, stored }] = await s.rows<{ dossiers: string; exchanges: string; stored: string }>(
  // counted by GROUP BY, which spills to disk past its share of memory (uniqExact of a national year's codes would not fit)
  `SELECT (SELECT count() FROM (SELECT dossier_code FROM dossier_events GROUP BY dossier_code)) AS dossiers,
          (SELECT count() FROM (SELECT document_id, from_agency, to_agency FROM document_events GROUP BY ALL)) AS exchanges,
          (SELECT count() FROM dossier_events) + (SELECT count() FROM document_events) AS stored`,
)
const events = loaded?.events ?? Number(stored)
log(`${loaded ? `documents: ${loaded.documents} events; ` : 'reused store: '}${exchanges} exchanges; ${dossiers} dossiers`)

// 4. Serve (the production server, in its own process, so its RSS is its own), and time every
// endpoint and the busiest pages.
const { token } = await createToken(s, 'bench', 'national', [])
const someDossier = (await s.rows<{ dossier_code: string }>('SELECT dossier_code FROM dossier_events LIMIT 1'))[0]?.dossier_code ?? 'x'
await closeStore()
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const a = probe.address() as AddressInfo
    probe.close(() => resolve(a.port))
  })
})
const server = spawn(process.execPath, serverNodeArgs(), {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
// a failed bench must not leave its server running on bench/data (the next run deletes that directory)
process.on('exit', () => server.kill('SIGKILL'))
const serverUrl = await new Promise<string>((resolve, reject) => {
  let out = ''
  server.stdout!.on('data', (b: Buffer) => {
    out += b.toString()
    const m = /serving on (http:\/\/\S+)/.exec(out)
    if (m) resolve(m[1])
  })
  server.once('exit', (code) => reject(new Error(`the server exited (${code}) before serving`)))
})
/** The server process's peak resident set (VmHWM), in bytes. */
const serverPeakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
const fetchOk = async (p: string) => {
  // asked as a browser asks, so that what is timed includes the compression a browser gets (ADR 019)
  const res = await fetch(`${serverUrl}${p}`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'br, gzip' } })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${(await res.text()).slice(0, 300)}`)
  return res
}
const getJson = async (p: string) => (await fetchOk(p)).json() as Promise<Record<string, any>>

const provinces = reference().provinces2025.map((p) => p.code)
const ministries = registry.filter((r) => r.level === 'central' && r.ministry === r.agency_code).map((r) => r.agency_code)
let seed = 42
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]
const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10)
const TODAY = dayOf(NOW)
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
/** A period of a random kind: a day, a week, a month, a quarter, a year; a third of them end today. */
function randomPeriod(): { from: string; to: string } {
  const len = pick([1, 7, 30, 91, 365])
  if (rnd() < 0.33) return { from: addDays(TODAY, -(len - 1)), to: TODAY }
  const span = Math.floor((Date.parse(`${TODAY}T00:00:00Z`) - Date.parse('2025-01-01T00:00:00Z')) / 86_400_000) - len
  const start = addDays('2025-01-01', Math.floor(rnd() * Math.max(span, 1)))
  return { from: start, to: addDays(start, len - 1) }
}
const q = (p: { from: string; to: string }) => `from=${p.from}&to=${p.to}`

const endpoints: Array<{ name: string; path: () => string; page?: boolean }> = [
  { name: 'summary national', path: () => `/api/v1/summary?${q(randomPeriod())}` },
  { name: 'summary province', path: () => `/api/v1/summary?level=province&unit=${pick(provinces)}&${q(randomPeriod())}` },
  { name: 'summary ministry', path: () => `/api/v1/summary?level=ministry&unit=${pick(ministries)}&${q(randomPeriod())}` },
  { name: 'units province', path: () => `/api/v1/units?level=province&${q(randomPeriod())}` },
  { name: 'units ministry', path: () => `/api/v1/units?level=ministry&${q(randomPeriod())}` },
  { name: 'units province historical', path: () => `/api/v1/units?level=province&structure=historical&${q(randomPeriod())}` },
  { name: 'trend national month', path: () => `/api/v1/trend?grain=month&from=2025-01-01&to=${TODAY}` },
  { name: 'trend national day', path: () => `/api/v1/trend?grain=day&${q(randomPeriod())}` },
  { name: 'trend province week', path: () => `/api/v1/trend?level=province&unit=${pick(provinces)}&grain=week&${q(randomPeriod())}` },
  { name: 'overdue province', path: () => `/api/v1/overdue?level=province&unit=${pick(provinces)}&${q(randomPeriod())}` },
  { name: 'overdue national', path: () => `/api/v1/overdue?${q(randomPeriod())}&limit=100` },
  { name: 'dossier', path: () => `/api/v1/dossiers/${encodeURIComponent(someDossier)}` },
  { name: 'documents units province', path: () => `/api/v1/documents/units?level=province&${q(randomPeriod())}` },
  { name: 'documents units ministry', path: () => `/api/v1/documents/units?level=ministry&${q(randomPeriod())}` },
  { name: 'connections document_axis', path: () => `/api/v1/connections?level=province&platform=document_axis&${q(randomPeriod())}` },
  { name: 'connections service_portal', path: () => `/api/v1/connections?level=ministry&platform=service_portal&${q(randomPeriod())}` },
  { name: 'quality', path: () => `/api/v1/quality` },
  { name: 'health', path: () => `/api/v1/health` },
  { name: 'summary national compare=previous', path: () => `/api/v1/summary?${q(randomPeriod())}&compare=previous` },
  { name: 'units province compare=year', path: () => `/api/v1/units?level=province&${q(randomPeriod())}&compare=year` },
  { name: 'agencies province', path: () => `/api/v1/agencies?level=province&unit=${pick(provinces)}&${q(randomPeriod())}` },
  { name: 'procedures province', path: () => `/api/v1/procedures?level=province&unit=${pick(provinces)}&${q(randomPeriod())}` },
  { name: 'procedures ministry', path: () => `/api/v1/procedures?level=ministry&unit=${pick(ministries)}&${q(randomPeriod())}` },
  { name: 'page home', path: () => `/?${q(randomPeriod())}`, page: true },
  { name: 'page province', path: () => `/don-vi/province/${pick(provinces)}?${q(randomPeriod())}`, page: true },
]

const ms = (x: number | null) => (x === null || Number.isNaN(x) ? null : +x.toFixed(1))
const timings: Array<{ name: string; p50_ms: number; p95_ms: number; page: boolean }> = []
for (const ep of endpoints) {
  await (await fetchOk(ep.path())).arrayBuffer() // warm
  const times: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const p = ep.path()
    const t0 = performance.now()
    await (await fetchOk(p)).arrayBuffer()
    times.push(performance.now() - t0)
  }
  timings.push({ name: ep.name, p50_ms: +quantile(times, 0.5).toFixed(1), p95_ms: +quantile(times, 0.95).toFixed(1), page: !!ep.page })
  log(`${ep.name}: p50 ${timings.at(-1)!.p50_ms} ms, p95 ${timings.at(-1)!.p95_ms} ms`)
}
// the overdue list's total is the card's figure, over HTTP, on a complete period (checked below)
const octoberOverdue = (await getJson(`/api/v1/overdue?from=2025-10-01&to=2025-10-31&limit=1`)).total as number
const rssPeak = serverPeakRss()
server.kill('SIGTERM')
await new Promise((r) => server.once('exit', r))
const s2 = await store()

// 5. Figures against the brute force over raw events (scripts/brute-force.ts), at one fixed "now"
// for both sides, every figure set. The brute force computes every dossier's state from the raw
// events once, then reads each figure set from those states: the time reported for a figure set
// is both (statesMs + its read, what one figure set costs it from the raw events).
// The states sort every event of a dossier in memory: above 2M events they are computed over shards
// of the dossiers (by a hash of the code), each within the engine's memory limit.
const SHARDS = Math.max(1, Math.ceil(events / 2_000_000))
const STATES = 'bench_dossier_states'
const statesMs = await buildBruteStates(s2, STATES, SHARDS)
log(`brute force: every dossier's state from the raw events in ${(statesMs / 1000).toFixed(1)} s (${SHARDS} shards)`)
/** One figure set of the brute force, and the time its read took (the states aside). */
async function brute(level: string, structure: string, period: { start: Date; end: Date; T: Date }, by: 'unit' | 'agency' | 'procedure' = 'unit', unit = '') {
  const t0 = performance.now()
  const byUnit = await bruteFigures(s2, STATES, { level, structure, period, by, unit })
  return { readMs: performance.now() - t0, byUnit }
}
const FIELDS = ['received', 'resolved', 'on_time', 'late', 'on_time_rate', 'pending', 'overdue', 'closed_unresolved', 'online_rate', 'paid_online_rate', 'digitized_rate', 'avg_days', 'index']
const zero: Figures = Object.fromEntries(FIELDS.map((f) => [f, f.endsWith('_rate') || f === 'avg_days' ? null : 0]))
let mismatches = 0
let compared = 0
const samples: string[] = []
function compare(what: string, got: object | undefined, want: object | undefined) {
  compared++
  for (const f of FIELDS) {
    const a = ((got ?? zero) as Figures)[f]
    const b = ((want ?? zero) as Figures)[f]
    if (!(a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12))) {
      mismatches++
      if (samples.length < 20) samples.push(`${what} ${f}: aggregates ${a}, brute force ${b}`)
    }
  }
}
const FIXED_NOW = new Date()
const periods = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2025-06-01', to: '2025-07-31' }, // across 1 July 2025
  { from: '2025-06-20', to: '2025-07-10' },
  { from: addDays(TODAY, -29), to: TODAY }, // ends today: T = now
  { from: TODAY.slice(0, 8) + '01', to: TODAY },
  { from: TODAY, to: TODAY },
  randomPeriod(),
  randomPeriod(),
]
const levels = [['national', 'current'], ['province', 'current'], ['province', 'historical'], ['ministry', 'current']] as const
const bruteMs: Record<string, number[]> = { summary: [], units: [], agencies: [], procedures: [], trend: [] }
const figureMs: Record<string, number[]> = { summary: [], units: [] }
for (const p of periods) {
  for (const [level, structure] of levels) {
    const period = makePeriod(p.from, p.to, FIXED_NOW)
    const t0 = performance.now()
    const got = await figuresByUnit(s2, { level, structure, period, grain: null })
    figureMs[level === 'national' ? 'summary' : 'units'].push(performance.now() - t0)
    const b = await brute(level, structure, period)
    bruteMs[level === 'national' ? 'summary' : 'units'].push(statesMs + b.readMs)
    const codes = level === 'national' ? [''] : [...new Set([...b.byUnit.keys(), ...got.byUnit.keys()])]
    for (const code of codes) compare(`${level}/${structure} ${code || 'national'} ${p.from}..${p.to}`, got.byUnit.get(code)?.[0], b.byUnit.get(code))
  }
}
// each agency and each procedure of a unit (the agencies and procedures endpoints)
for (const p of periods.slice(0, 4)) {
  const period = makePeriod(p.from, p.to, FIXED_NOW)
  const province = pick(provinces)
  const ministry = pick(ministries)
  const agencies = await figuresByAgency(s2, { level: 'province', unit: province, structure: 'current', period })
  const bAgencies = await brute('province', 'current', period, 'agency', province)
  bruteMs.agencies.push(statesMs + bAgencies.readMs)
  for (const code of new Set([...agencies.keys(), ...bAgencies.byUnit.keys()])) compare(`agency ${code} of ${province} ${p.from}..${p.to}`, agencies.get(code), bAgencies.byUnit.get(code))
  const procedures = await figuresByProcedure(s2, { level: 'ministry', unit: ministry, structure: 'current', period })
  const bProcedures = await brute('ministry', 'current', period, 'procedure', ministry)
  bruteMs.procedures.push(statesMs + bProcedures.readMs)
  for (const code of new Set([...procedures.keys(), ...bProcedures.byUnit.keys()]))
    compare(`procedure ${code} of ${ministry} ${p.from}..${p.to}`, procedures.get(code), bProcedures.byUnit.get(code))
}
// trend points against the brute force of each point's own part of the period
for (const tc of [
  { grain: 'month', from: '2025-01-15', to: TODAY },
  { grain: 'week', from: addDays(TODAY, -60), to: TODAY },
  { grain: 'day', from: '2025-06-25', to: '2025-07-05' },
] as const) {
  const period = makePeriod(tc.from, tc.to, FIXED_NOW)
  const got = await figuresByUnit(s2, { level: 'national', structure: 'current', period, grain: tc.grain })
  const pts = points(period, tc.grain, period.T)
  let trendMs = statesMs // a trend's brute force: the states once, then each point's read
  for (const [i, pt] of pts.entries()) {
    const b = await brute('national', 'current', pt)
    trendMs += b.readMs
    compare(`trend ${tc.grain} ${pt.label}`, got.byUnit.get('')?.[i], b.byUnit.get(''))
  }
  bruteMs.trend.push(trendMs)
}
{
  const p = { from: '2025-10-01', to: '2025-10-31' }
  const b = await brute('national', 'current', makePeriod(p.from, p.to))
  compared++
  if (octoberOverdue !== b.byUnit.get('')?.overdue) {
    mismatches++
    samples.push(`overdue total ${p.from}..${p.to}: api ${octoberOverdue}, brute force ${b.byUnit.get('')?.overdue}`)
  }
}

await s2.command(`DROP TABLE ${STATES}`)

// 6. The national formats (the portal's sync, edXML) against NDJSON of the same events, through the pipeline.
const { benchFormats } = await import('./bench-formats')
const formats = await benchFormats(s2, new IngestWriter(s2), Math.min(50_000, Math.max(2_000, Math.round(N / 20))))

// -D: the data directory itself may be a symbolic link (a store kept elsewhere); the links inside it are not followed
const du = Number(execFileSync('du', ['-smD', process.env.DATA_DIR!]).toString().split(/\s/)[0])
/** The brute force's median time for the figures an endpoint answers (none for lists and the other kinds). */
const bruteOf = (name: string) => {
  const kind = ['summary', 'units', 'agencies', 'procedures', 'trend'].find((k) => name.startsWith(k))
  return kind ? quantile(bruteMs[kind], 0.5) : null
}
const report = {
  events,
  dossiers: Number(dossiers),
  exchanges: Number(exchanges),
  ingest: loaded && {
    events_per_s: Math.round(loaded.dossierEvents / loaded.ingestS), // dossier events through the pipeline, as the raw rate
    raw_events_per_s: loaded.rawPerS,
    first_tenth_events_per_s: Math.round(loaded.tenths[0] ?? 0),
    last_tenth_events_per_s: Math.round(loaded.tenths.at(-1) ?? 0),
  },
  load_sittings: loaded?.sittings ?? null, // more than 1: the load was stopped and resumed (--resume)
  server_rss_peak_mb: Math.round(rssPeak / 2 ** 20),
  disk_mb: du,
  queries: timings.filter((x) => !x.page).map(({ name, p50_ms, p95_ms }) => ({ name, p50_ms, p95_ms, brute_force_ms: ms(bruteOf(name)) })),
  pages: timings.filter((x) => x.page).map(({ name, p50_ms, p95_ms }) => ({ name, p50_ms, p95_ms })),
  compared,
  mismatches,
  mismatch_samples: samples,
  formats,
  figure_query_ms_p50: { summary: ms(quantile(figureMs.summary, 0.5)), units: ms(quantile(figureMs.units, 0.5)) },
  generated_at: new Date().toISOString(),
}
writeFileSync(path.join(benchDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')

const pad = (x: unknown, n: number) => String(x).padEnd(n)
const out = process.stdout
out.write(`\nevents ${events} (${report.dossiers} dossiers, ${report.exchanges} exchanges), disk ${du} MB, server RSS peak ${report.server_rss_peak_mb} MB\n`)
const ing = report.ingest
if (ing) {
  out.write(`ingest ${ing.events_per_s} events/s through the pipeline (${Math.round((100 * ing.events_per_s) / ing.raw_events_per_s)}% of ${ing.raw_events_per_s} rows/s raw); `)
  out.write(`first tenth ${ing.first_tenth_events_per_s}, last tenth ${ing.last_tenth_events_per_s} events/s`)
  out.write(`${(report.load_sittings ?? 1) > 1 ? ` (loaded in ${report.load_sittings} sittings)` : ''}\n\n`)
} else out.write('ingest not measured (--reuse)\n\n')
out.write(`${pad('endpoint / page', 30)}${pad('p50 ms', 10)}${pad('p95 ms', 10)}brute force ms\n`)
for (const x of report.queries) out.write(`${pad(x.name, 30)}${pad(x.p50_ms, 10)}${pad(x.p95_ms, 10)}${x.brute_force_ms ?? '—'}\n`)
for (const x of report.pages) out.write(`${pad(x.name, 30)}${pad(x.p50_ms, 10)}${pad(x.p95_ms, 10)}—\n`)
out.write(`\nnational formats: dvcqg ${formats.dvcqg.events_per_s} events/s (${formats.dvcqg_vs_ndjson.toFixed(2)} of NDJSON), edXML ${formats.edxml.events_per_s} events/s (${formats.edxml_vs_ndjson.toFixed(2)} of NDJSON)\n`)
out.write(`\n${compared} figure sets compared with the brute force: ${mismatches} mismatches\n`)
for (const m of samples) out.write(`  ${m}\n`)
out.write(`report: ${path.join(benchDir, 'report.json')}\n`)
process.exit(mismatches === 0 ? 0 : 2)
