// How long a page's reads take while ingest writes (in one process, as the embedded server does):
// a fresh store, N simulated dossier events through the real pipeline in batches of 200,000, and
// meanwhile a reader that every 200 ms asks what a province page asks first (the units of its level)
// beside the national summary. Prints the reads' p50, p95 and slowest, and the ingest rate.
//   npx tsx scripts/reads-during-ingest.ts --events 1000000 [--shape 50000000]
import { Command } from 'commander'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const opts = new Command('reads-during-ingest')
  .option('--events <n>', 'simulated dossier events', '1000000')
  .option('--shape <n>', 'take the first N events of a history simulated for this many (as dense per day as a bench of that size)')
  .option('--seed <n>', 'simulator seed', '3')
  .parse(process.argv)
  .opts<{ events: string; shape?: string; seed: string }>()
const N = Number(opts.events)
const SEED = Number(opts.seed)

const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-reads-'))
process.env.DATA_DIR = dataDir
const { store, closeStore } = await import('../core/db')
const { IngestWriter } = await import('../ingest/writer')
const { ingestRecords } = await import('../ingest/pipeline')
const { summary } = await import('../core/kpi/dossiers')
const { unitsView } = await import('../core/kpi/compare')
const { makePeriod } = await import('../core/kpi/period')
const { quantile } = await import('./quantile')
const { loadRegistry, heldEvents, validation } = await import('./held-events')

const s = await store()
const writer = new IngestWriter(s)
const validate = validation()
const registry = await loadRegistry(s, writer, SEED)
const values = heldEvents(registry, { events: N, shape: opts.shape ? Number(opts.shape) : undefined, seed: SEED })

const period = makePeriod('2025-01-01', '2025-01-31')
let writing = true
const times: number[] = []
const reader = (async () => {
  while (writing) {
    await new Promise((r) => setTimeout(r, 200))
    const t = performance.now()
    await Promise.all([
      summary(s, { level: 'national', unit: '', structure: 'current', period }),
      unitsView(s, { level: 'province', structure: 'current', period, compare: null }),
    ])
    if (writing) times.push(performance.now() - t)
  }
})()
const t0 = performance.now()
await ingestRecords(
  values.map((value, i) => ({ line: i + 1, value })),
  { kind: 'dossier', store: s, writer, source: 'reads', validate, batchSize: 200_000 },
)
const seconds = (performance.now() - t0) / 1000
writing = false
await reader
const ms = (q: number) => Math.round(quantile(times, q))
process.stdout.write(
  `${N} dossier events in ${seconds.toFixed(1)} s (${Math.round(N / seconds).toLocaleString('en')} events/s); ` +
    `${times.length} reads while writing: p50 ${ms(0.5)} ms, p95 ${ms(0.95)} ms, slowest ${ms(1)} ms\n`,
)
await closeStore()
rmSync(dataDir, { recursive: true, force: true })
