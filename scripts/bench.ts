// npm run bench -- [--events N]: generates N dossier events, ingests them through the real
// pipeline (file import), inserts the same rows straight into ClickHouse for comparison, times
// the API over HTTP (p50/p95 of ≥ 20 calls with varied periods and units), and compares every
// figure with an independent brute-force query over the raw events. Writes bench/report.json.
import { Command } from 'commander'
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const program = new Command('bench').option('--events <n>', 'dossier events to generate', '200000').option('--calls <n>', 'calls per endpoint', '20')
program.parse(process.argv)
const opts = program.opts<{ events: string; calls: string }>()
const N = Number(opts.events)
const CALLS = Math.max(20, Number(opts.calls))
if (!Number.isInteger(N) || N < 1000) {
  process.stderr.write('bench: --events must be a whole number ≥ 1000\n')
  process.exit(1)
}

const benchDir = path.resolve('bench')
process.env.DATA_DIR = path.join(benchDir, 'data')
rmSync(process.env.DATA_DIR, { recursive: true, force: true })
mkdirSync(benchDir, { recursive: true })

const { store } = await import('../core/db')
const { createToken } = await import('../core/auth')
const { reference } = await import('../core/reference')
const { makePeriod, chTime, points } = await import('../core/kpi/period')
const { avgDays, rate, partialIndex } = await import('../core/kpi/scoring')
const { config } = await import('../core/config')
const { utcNow } = await import('../core/time')
const { IngestWriter } = await import('../ingest/writer')
const { importFile } = await import('../ingest/import')
const { ndjsonRecords, openInput } = await import('../ingest/read')
const { validateRecord } = await import('../ingest/validate')
const sim = await import('./simulate/index')
const { startServer } = await import('../server')

const log = (s: string) => process.stderr.write(`bench: ${s}\n`)
const s = await store()
const writer = new IngestWriter(s)

// 1. Generate: a year of simulated history, cut at N events.
const to = new Date(Date.UTC(2025, 11, 31, 16, 59, 59))
const from = new Date(Date.UTC(2024, 11, 31, 17, 0, 0))
const registry = sim.simulateRegistry({ seed: 3 })
const regFile = path.join(benchDir, 'registry.ndjson')
writeFileSync(regFile, registry.map((r) => JSON.stringify(r)).join('\n') + '\n')
const evFile = path.join(benchDir, 'dossier-events.ndjson')
{
  const out = createWriteStream(evFile)
  let n = 0
  for (const e of sim.simulateDossierEvents(registry, { seed: 3, from, to, scale: (N / 600_000) * 1.3 })) {
    if (!out.write(JSON.stringify(e) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()))
    if (++n >= N) break
  }
  await new Promise<void>((r) => { out.end(() => r()) })
  if (n < N) log(`the simulator gave ${n} events (asked for ${N})`)
}

// 2. Ingest through the real pipeline.
await importFile(s, writer, regFile, 'agency')
let t = performance.now()
const imported = await importFile(s, writer, evFile, 'dossier')
const ingestS = (performance.now() - t) / 1000
const events = imported.accepted + imported.duplicates + imported.rejected
log(`import: ${imported.accepted} accepted, ${imported.duplicates} duplicates, ${imported.rejected} rejected in ${ingestS.toFixed(1)} s`)

// 3. The same rows straight into ClickHouse (no validation, idempotency or state).
await s.command('CREATE TABLE IF NOT EXISTS bench_raw AS dossier_events')
let rawS = 0
{
  let batch: object[] = []
  const at = utcNow()
  const flush = async () => {
    const t0 = performance.now()
    await s.insert('bench_raw', batch)
    rawS += (performance.now() - t0) / 1000
    batch = []
  }
  for await (const r of ndjsonRecords(await openInput(evFile))) {
    const v = validateRecord('dossier', r.value, r.line, { provinceCodes: reference().provinceCodes })
    if (!v.ok) continue
    batch.push({ ...v.record, paid_online: v.record.paid_online === null ? null : Number(v.record.paid_online), digitized: v.record.digitized === null ? null : Number(v.record.digitized), source: 'bench', ingested_at: at })
    if (batch.length >= 50_000) await flush()
  }
  if (batch.length) await flush()
}

// 4. Serve and time the API.
const running = await startServer({ port: 0, host: '127.0.0.1', quiet: true })
const { token } = await createToken(s, 'bench', 'national', [])
const get = async (p: string) => {
  const res = await fetch(`${running.url}${p}`, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<Record<string, any>>
}

const provinces = reference().provinces2025.map((p) => p.code)
const ministries = registry.filter((r) => r.level === 'central' && r.ministry === r.agency_code).map((r) => r.agency_code)
let seed = 42
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]
const day = (d: Date) => d.toISOString().slice(0, 10)
function randomPeriod(): { from: string; to: string } {
  const kinds = ['month', 'quarter', 'year', 'week', 'day'] as const
  const k = pick([...kinds])
  const start = new Date(Date.UTC(2025, Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 27)))
  const len = { month: 30, quarter: 91, year: 365, week: 7, day: 1 }[k]
  const s0 = k === 'year' ? new Date(Date.UTC(2025, 0, 1)) : start
  return { from: day(s0), to: day(new Date(s0.getTime() + (len - 1) * 86_400_000)) }
}

const endpoints: Array<{ name: string; path: () => string; brute?: () => { level: string; p: { from: string; to: string } } }> = [
  { name: 'summary national', path: () => { const p = randomPeriod(); return `/api/v1/summary?from=${p.from}&to=${p.to}` } },
  { name: 'summary province', path: () => { const p = randomPeriod(); return `/api/v1/summary?level=province&unit=${pick(provinces)}&from=${p.from}&to=${p.to}` } },
  { name: 'summary ministry', path: () => { const p = randomPeriod(); return `/api/v1/summary?level=ministry&unit=${pick(ministries)}&from=${p.from}&to=${p.to}` } },
  { name: 'units province', path: () => { const p = randomPeriod(); return `/api/v1/units?level=province&from=${p.from}&to=${p.to}` } },
  { name: 'units ministry', path: () => { const p = randomPeriod(); return `/api/v1/units?level=ministry&from=${p.from}&to=${p.to}` } },
  { name: 'units province historical', path: () => { const p = randomPeriod(); return `/api/v1/units?level=province&structure=historical&from=${p.from}&to=${p.to}` } },
  { name: 'trend national month', path: () => `/api/v1/trend?grain=month&from=2025-01-01&to=2025-12-31` },
  { name: 'trend province day', path: () => { const p = randomPeriod(); return `/api/v1/trend?level=province&unit=${pick(provinces)}&grain=day&from=${p.from}&to=${p.to}` } },
  { name: 'overdue province', path: () => { const p = randomPeriod(); return `/api/v1/overdue?level=province&unit=${pick(provinces)}&from=${p.from}&to=${p.to}` } },
  { name: 'overdue national', path: () => { const p = randomPeriod(); return `/api/v1/overdue?from=${p.from}&to=${p.to}&limit=100` } },
  { name: 'summary national compare=previous', path: () => { const p = randomPeriod(); return `/api/v1/summary?from=${p.from}&to=${p.to}&compare=previous` } },
  { name: 'units province compare=year', path: () => { const p = randomPeriod(); return `/api/v1/units?level=province&from=${p.from}&to=${p.to}&compare=year` } },
  { name: 'agencies province', path: () => { const p = randomPeriod(); return `/api/v1/agencies?level=province&unit=${pick(provinces)}&from=${p.from}&to=${p.to}` } },
  { name: 'procedures ministry', path: () => { const p = randomPeriod(); return `/api/v1/procedures?level=ministry&unit=${pick(ministries)}&from=${p.from}&to=${p.to}` } },
]

const quantile = (xs: number[], q: number) => { const a = [...xs].sort((x, y) => x - y); return a[Math.min(Math.floor(q * a.length), a.length - 1)] }

interface BruteRow { unit: string; received: string; resolved: string; on_time: string; pending: string; overdue: string; closed_unresolved: string; online: string; paid_online: string; digitized: string; dur_us: string; dur_n: string }
async function brute(level: string, structure: string, p: { from: string; to: string }) {
  const per = makePeriod(p.from, p.to)
  const t0 = performance.now()
  const rows = await s.named<BruteRow>('brute-dossier-figures', { level, structure, start: chTime(per.start), end: chTime(per.end), T: chTime(per.T) })
  const ms = performance.now() - t0
  const byUnit = new Map<string, Record<string, number | null>>()
  for (const r of rows) {
    const n = (k: keyof BruteRow) => Number(r[k])
    const f = {
      received: n('received'), resolved: n('resolved'), on_time: n('on_time'), late: n('resolved') - n('on_time'),
      on_time_rate: rate(n('on_time'), n('resolved')), pending: n('pending'), overdue: n('overdue'), closed_unresolved: n('closed_unresolved'),
      online_rate: rate(n('online'), n('received')), paid_online_rate: rate(n('paid_online'), n('received')), digitized_rate: rate(n('digitized'), n('received')),
      avg_days: avgDays(BigInt(r.dur_us), n('dur_n')),
    }
    byUnit.set(r.unit, { ...f, index: partialIndex(f, config().index) })
  }
  return { ms, byUnit }
}

const FIELDS = ['received', 'resolved', 'on_time', 'late', 'on_time_rate', 'pending', 'overdue', 'closed_unresolved', 'online_rate', 'paid_online_rate', 'digitized_rate', 'avg_days', 'index']
const zero: Record<string, number | null> = Object.fromEntries(FIELDS.map((f) => [f, f.endsWith('_rate') || f === 'avg_days' ? null : 0]))
let mismatches = 0
const mismatchSamples: string[] = []
function compare(what: string, api: Record<string, any>, want: Record<string, number | null> = zero) {
  for (const f of FIELDS) {
    const a = api[f] as number | null
    const b = want[f]
    const same = a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-12)
    if (!same) {
      mismatches++
      if (mismatchSamples.length < 20) mismatchSamples.push(`${what} ${f}: api ${a}, brute force ${b}`)
    }
  }
}

const queries: Array<{ name: string; p50_ms: number; p95_ms: number; brute_force_ms: number | null }> = []
for (const ep of endpoints) {
  await get(ep.path()) // warm
  const times: number[] = []
  for (let i = 0; i < CALLS; i++) {
    const p = ep.path()
    const t0 = performance.now()
    await get(p)
    times.push(performance.now() - t0)
  }
  queries.push({ name: ep.name, p50_ms: +quantile(times, 0.5).toFixed(1), p95_ms: +quantile(times, 0.95).toFixed(1), brute_force_ms: null })
}

// 5. Every figure against the brute force: national and every unit, both structures, several periods.
const periods = [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-03-01', to: '2025-03-31' }, { from: '2025-07-01', to: '2025-09-30' }, { from: '2025-11-10', to: '2025-11-16' }, { from: '2025-06-15', to: '2025-06-15' }, randomPeriod(), randomPeriod()]
const bruteTimes: Record<string, number[]> = { summary: [], units: [] }
let compared = 0
for (const p of periods) {
  const q = `from=${p.from}&to=${p.to}`
  const nat = await get(`/api/v1/summary?${q}`)
  const bn = await brute('national', 'current', p)
  bruteTimes.summary.push(bn.ms)
  compare(`summary national ${p.from}..${p.to}`, nat, bn.byUnit.get(''))
  compared++
  const od = await get(`/api/v1/overdue?${q}&limit=1`)
  if (od.total !== bn.byUnit.get('')?.overdue) { mismatches++; mismatchSamples.push(`overdue total ${p.from}..${p.to}: api ${od.total}, brute ${bn.byUnit.get('')?.overdue}`) }
  for (const [level, structure] of [['province', 'current'], ['province', 'historical'], ['ministry', 'current']] as const) {
    const api = await get(`/api/v1/units?level=${level}&structure=${structure}&${q}`)
    const b = await brute(level, structure, p)
    bruteTimes.units.push(b.ms)
    for (const u of api.units as Array<Record<string, any>>) {
      compare(`${level}/${structure} ${u.code} ${p.from}..${p.to}`, u, b.byUnit.get(u.code))
      compared++
    }
    const listed = new Set((api.units as Array<{ code: string }>).map((u) => u.code))
    for (const code of b.byUnit.keys()) if (!listed.has(code)) { mismatches++; mismatchSamples.push(`${level}/${structure}: brute force has unit ${code} the API does not list`) }
  }
}
// trend points against the brute force of each point's own part of the period, for every grain
const trendChecks = [
  { grain: 'month', from: '2025-01-15', to: '2025-12-31' },
  { grain: 'week', from: '2025-03-05', to: '2025-06-20' },
  { grain: 'day', from: '2025-10-20', to: '2025-11-10' },
] as const
for (const tc of trendChecks) {
  const tr = await get(`/api/v1/trend?grain=${tc.grain}&from=${tc.from}&to=${tc.to}`)
  const pts = points(makePeriod(tc.from, tc.to), tc.grain)
  for (const [i, pt] of (tr.points as Array<Record<string, any>>).entries()) {
    const per = pts[i]
    const rows = await s.named<BruteRow>('brute-dossier-figures', { level: 'national', structure: 'current', start: chTime(per.start), end: chTime(per.end), T: chTime(per.T) })
    const r = rows[0]
    const n = (k: keyof BruteRow) => Number(r?.[k] ?? 0)
    if (pt.period !== per.label) { mismatches++; mismatchSamples.push(`trend ${tc.grain} point ${i}: label ${pt.period}, expected ${per.label}`) }
    for (const f of ['received', 'resolved', 'on_time', 'pending', 'overdue', 'closed_unresolved'] as const) {
      if (pt[f] !== n(f)) { mismatches++; mismatchSamples.push(`trend ${tc.grain} ${pt.period} ${f}: api ${pt[f]}, brute ${n(f)}`) }
    }
    compared++
  }
}
for (const q of queries) {
  const key = q.name.startsWith('summary') ? 'summary' : q.name.startsWith('units') ? 'units' : null
  if (key) q.brute_force_ms = +quantile(bruteTimes[key], 0.5).toFixed(1)
}

const report = {
  events,
  ingest: { events_per_s: Math.round(events / ingestS), raw_events_per_s: Math.round(events / rawS) },
  queries,
  mismatches,
  compared_objects: compared,
  mismatch_samples: mismatchSamples,
  generated_at: new Date().toISOString(),
}
writeFileSync(path.join(benchDir, 'report.json'), JSON.stringify(report, null, 2) + '\n')
await running.close()

const pad = (x: unknown, n: number) => String(x).padEnd(n)
process.stdout.write(`\nevents ${events}: ingest ${report.ingest.events_per_s} events/s through the pipeline, ${report.ingest.raw_events_per_s} rows/s straight insert\n\n`)
process.stdout.write(`${pad('endpoint', 28)}${pad('p50 ms', 10)}${pad('p95 ms', 10)}brute force ms\n`)
for (const q of queries) process.stdout.write(`${pad(q.name, 28)}${pad(q.p50_ms, 10)}${pad(q.p95_ms, 10)}${q.brute_force_ms ?? '—'}\n`)
process.stdout.write(`\n${compared} figure sets compared with the brute force: ${mismatches} mismatches\n`)
for (const m of mismatchSamples) process.stdout.write(`  ${m}\n`)
process.stdout.write(`report: ${path.join(benchDir, 'report.json')}\n`)
process.exit(mismatches === 0 ? 0 : 2)
