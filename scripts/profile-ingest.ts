// Where ingest time goes: N simulated dossier events are generated and held in memory, then
// timed apart — generation, validation, the raw insert of the same rows (a copy of the table,
// no materialized views), and the real pipeline over them — with the wall time of every store
// call the pipeline makes, per table and named query (calls overlap: two batches are in flight).
//   npx tsx scripts/profile-ingest.ts --events 300000 [--batch 50000] [--shape 10000000]
// With PROFILE_DATA_DIR=<a store> the pipeline writes into that store (kept), to time ingest at its size.
// With --merges, the merges under way are sampled as well.
// Add `node --cpu-prof` (node --cpu-prof --import tsx scripts/profile-ingest.ts …) for the JS side.
import { Command } from 'commander'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const opts = new Command('profile-ingest')
  .option('--events <n>', 'simulated dossier events', '300000')
  .option('--batch <n>', 'pipeline batch size', '200000')
  .option('--seed <n>', 'simulator seed', '3')
  .option('--shape <n>', 'take the first N events of a history simulated for this many (as dense per day as a bench of that size)')
  .option('--merges', 'also sample the engine\'s merges under way (system.merges, every 200 ms): thread-seconds per table')
  .parse(process.argv)
  .opts<{ events: string; batch: string; seed: string; shape?: string; merges?: boolean }>()
const N = Number(opts.events)
const BATCH = Number(opts.batch)
const SEED = Number(opts.seed)

// PROFILE_DATA_DIR: an existing store to ingest into (kept), to time ingest at its size
const kept = process.env.PROFILE_DATA_DIR
const dataDir = kept ?? mkdtempSync(path.join(tmpdir(), 'egov-profile-'))
process.env.DATA_DIR = dataDir
const { store, closeStore, Store } = await import('../core/db')
const { utcNow } = await import('../core/time')
const { IngestWriter } = await import('../ingest/writer')
const { ingestRecords } = await import('../ingest/pipeline')
const { validateRecord } = await import('../ingest/validate')
const { COLUMN_NAMES, toValues } = await import('../ingest/schema')
const { loadRegistry, heldEvents, validation } = await import('./held-events')

const s = await store()
const writer = new IngestWriter(s)
const validate = validation()
const registry = await loadRegistry(s, writer, SEED)
const seconds = (t0: number) => (performance.now() - t0) / 1000

let t0 = performance.now()
const values = heldEvents(registry, { events: N, shape: opts.shape ? Number(opts.shape) : undefined, seed: SEED })
const generateS = seconds(t0)

t0 = performance.now()
const valid = values.flatMap((v, i) => {
  const r = validateRecord('dossier', v, i + 1, validate)
  return r.ok ? [r.record] : []
})
const validateS = seconds(t0)

await s.command('CREATE TABLE profile_raw AS dossier_events')
const at = utcNow()
t0 = performance.now()
for (let i = 0; i < valid.length; i += BATCH) await s.insertValues('profile_raw', COLUMN_NAMES.dossier, valid.slice(i, i + BATCH).map((r) => toValues('dossier', r, { source: 'profile', ingested_at: at })))
const rawS = seconds(t0)
await s.command('DROP TABLE profile_raw')

// every store call of the pipeline, timed by table or named query
const spent = new Map<string, { calls: number; ms: number; rows: number }>()
const timed = async <T>(what: string, run: () => Promise<T>, rows: () => number = () => 0): Promise<T> => {
  const t = performance.now()
  try {
    return await run()
  } finally {
    const e = spent.get(what) ?? { calls: 0, ms: 0, rows: 0 }
    e.calls++
    e.rows += rows()
    e.ms += performance.now() - t
    spent.set(what, e)
  }
}
const proto = Store.prototype
const { insertValues, named, command } = proto
proto.insertValues = function (table, columns, rows, token) {
  let n = 0 // counted as the insert takes them (it serialises a chunk at a time)
  const counted = (function* () {
    for (const r of rows) yield (n++, r)
  })()
  return timed(`insert ${table}`, () => insertValues.call(this, table, columns, counted, token), () => n)
}
proto.named = function <T>(name: string, params?: Parameters<typeof named>[1]) {
  return timed(`query ${name}`, () => named.call(this, name, params) as Promise<T[]>)
}
// statements the engine runs (INSERT … SELECT, TRUNCATE), by their first SQL line
proto.command = function (sql, params) {
  const first = sql.split('\n').find((l) => l.trim() && !l.startsWith('--')) ?? sql
  return timed(`run ${first.replace(/ SETTINGS .*/, '').slice(0, 60)}`, () => command.call(this, sql, params))
}

// --merges: background merges share the machine with ingest; their thread-seconds per table, sampled
const mergeS = new Map<string, number>()
let sampling = true
const sampler = (async () => {
  if (!opts.merges) return
  const probe = await store()
  while (sampling) {
    for (const r of await probe.rows<{ table: string; n: string }>('SELECT table, count() AS n FROM system.merges GROUP BY table')) mergeS.set(r.table, (mergeS.get(r.table) ?? 0) + 0.2 * Number(r.n))
    await new Promise((r) => setTimeout(r, 200))
  }
})()
t0 = performance.now()
const counts = await ingestRecords(
  values.map((value, i) => ({ line: i + 1, value })),
  { kind: 'dossier', store: s, writer, source: 'profile', validate, batchSize: BATCH },
)
const pipelineS = seconds(t0)
sampling = false
await sampler
proto.insertValues = insertValues
proto.named = named
proto.command = command

const rate = (n: number, sec: number) => Math.round(n / sec).toLocaleString('en')
process.stdout.write(
  `${N} dossier events (${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected), batches of ${BATCH}\n` +
    `generate ${rate(N, generateS)}/s · validate ${rate(N, validateS)}/s · raw insert ${rate(valid.length, rawS)} rows/s · ` +
    `pipeline ${rate(N, pipelineS)} events/s (${Math.round((100 * rawS) / pipelineS)}% of raw, ${pipelineS.toFixed(1)} s)\n\n` +
    (opts.merges ? `merges under way during the pipeline (thread-seconds, sampled): ${[...mergeS].sort((a, b) => b[1] - a[1]).map(([t, x]) => `${t} ${x.toFixed(1)}`).join(', ')}\n\n` : '') +
    `store calls during the pipeline (wall time, overlapping):\n`,
)
for (const [what, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms))
  process.stdout.write(`${(e.ms / 1000).toFixed(2).padStart(8)} s ${String(e.calls).padStart(6)} calls ${e.rows ? String(e.rows).padStart(9) + ' rows' : ''.padStart(14)}  ${what}\n`)
await closeStore()
if (!kept) rmSync(dataDir, { recursive: true, force: true })
