// Command line for the simulator.
//   tsx scripts/simulate/cli.ts stats [--from 2024-10-01] [--to 2025-09-30] [--scale 1 | --events N] [--seed 1]
//       counts what a run produces (events per kind, dossiers, documents, duplicates, unmapped) and times it
//   tsx scripts/simulate/cli.ts write --out data/sim [--from …] [--to …] [--scale …] [--seed …]
//       writes agency.ndjson, dossier.ndjson, document.ndjson, connection.ndjson
import { createWriteStream, mkdirSync } from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import {
  simulateConnectionEvents,
  simulateDocumentEvents,
  simulateDossierEvents,
  nationalSplit,
  simulateRegistry,
  UNMAPPED_AGENCY_CODES,
  type SimOptions,
} from './index'

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}

/** A calendar date taken as a day in Asia/Ho_Chi_Minh: `from` at 00:00, `to` at 23:59:59. */
function localDate(s: string, endOfDay: boolean): Date {
  return new Date(`${s}T${endOfDay ? '23:59:59' : '00:00:00'}+07:00`)
}

const opts: SimOptions = {
  from: localDate(arg('from', '2024-10-01'), false),
  to: localDate(arg('to', '2025-09-30'), true),
  scale: Number(arg('scale', '1')),
  seed: Number(arg('seed', '1')),
}
// --events N: N events of all kinds in national proportions (dossier and document streams).
const events = arg('events', '')
const split = events ? nationalSplit(Number(events)) : undefined
const dossierOpts: SimOptions = split ? { ...opts, events: split.dossier } : opts
const documentOpts: SimOptions = split ? { ...opts, events: split.document } : opts
const registry = simulateRegistry({ seed: opts.seed })
const unmapped = new Set<string>(UNMAPPED_AGENCY_CODES)

async function stats(): Promise<void> {
  const levels: Record<string, number> = {}
  for (const r of registry) levels[r.level] = (levels[r.level] ?? 0) + 1
  console.log(`registry: ${registry.length} agencies`, levels)
  let total = 0
  const t0 = performance.now()
  for (const [kind, gen] of [
    ['dossier', simulateDossierEvents(registry, dossierOpts)],
    ['document', simulateDocumentEvents(registry, documentOpts)],
    ['connection', simulateConnectionEvents(registry, opts)],
  ] as const) {
    const t = performance.now()
    const ids = new Set<string>()
    const entities = new Set<string>()
    const exchanges = new Set<string>()
    let n = 0
    let dup = 0
    let unm = 0
    let outOfOrder = 0
    let prev = ''
    const status: Record<string, number> = {}
    for (const e of gen as Iterable<Record<string, unknown>>) {
      n++
      const id = e.event_id as string
      if (ids.has(id)) dup++
      else ids.add(id)
      const at = e.occurred_at as string
      if (at < prev) outOfOrder++
      else prev = at
      status[String(e.status ?? e.state)] = (status[String(e.status ?? e.state)] ?? 0) + 1
      if (kind === 'dossier') {
        entities.add(e.dossier_code as string)
        if (unmapped.has(e.agency_code as string)) unm++
      } else if (kind === 'document') {
        entities.add(e.document_id as string)
        if (e.status === '00') exchanges.add(`${e.document_id}|${e.to_agency}`)
        if (unmapped.has(e.to_agency as string)) unm++
      }
    }
    const s = (performance.now() - t) / 1000
    total += n
    console.log(
      `${kind}: ${n} events in ${s.toFixed(2)} s (${Math.round(n / s)}/s); ${kind === 'connection' ? '' : `${entities.size} ${kind}s; `}` +
        `${kind === 'document' ? `${exchanges.size} exchanges (${(exchanges.size / entities.size).toFixed(2)} per document); ` : ''}` +
        `duplicates ${dup}, emitted before an earlier occurred_at ${outOfOrder}, unmapped ${unm}`,
    )
    console.log('  by status/state:', status)
  }
  const s = (performance.now() - t0) / 1000
  console.log(`total: ${total} events in ${s.toFixed(2)} s (${Math.round(total / s)}/s)`)
}

async function write(): Promise<void> {
  const out = arg('out', 'data/sim')
  mkdirSync(out, { recursive: true })
  const streams: Array<[string, Iterable<object>]> = [
    ['agency.ndjson', registry],
    ['dossier.ndjson', simulateDossierEvents(registry, dossierOpts)],
    ['document.ndjson', simulateDocumentEvents(registry, documentOpts)],
    ['connection.ndjson', simulateConnectionEvents(registry, opts)],
  ]
  for (const [file, events] of streams) {
    const ws = createWriteStream(path.join(out, file))
    let n = 0
    for (const e of events) {
      if (!ws.write(JSON.stringify(e) + '\n')) await once(ws, 'drain')
      n++
    }
    ws.end()
    await once(ws, 'finish')
    console.log(`${path.join(out, file)}: ${n} lines`)
  }
}

const cmd = process.argv[2]
if (cmd === 'stats') await stats()
else if (cmd === 'write') await write()
else {
  console.error('usage: tsx scripts/simulate/cli.ts stats|write [--out dir] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scale n | --events n] [--seed n]')
  process.exit(2)
}
