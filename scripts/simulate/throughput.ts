// Measures the generators' speed in one thread: events/s of the dossier and document streams
// (and the whole NDJSON serialisation as a consumer would do it), with peak heap.
//   tsx scripts/simulate/throughput.ts [--events 3000000] [--json]
import { nationalSplit, simulateDocumentEvents, simulateDossierEvents, simulateRegistry } from './index'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const total = Number(arg('events', '3000000'))
const json = process.argv.includes('--json')
const split = nationalSplit(total)
const from = new Date('2025-01-01T00:00:00+07:00')
const to = new Date('2025-12-31T23:59:59+07:00')
let t = performance.now()
const registry = simulateRegistry({ seed: 3 })
console.log(`registry: ${registry.length} agencies in ${(performance.now() - t).toFixed(0)} ms`)
let peak = 0
for (const [kind, gen] of [
  ['dossier', simulateDossierEvents(registry, { seed: 3, from, to, events: split.dossier })],
  ['document', simulateDocumentEvents(registry, { seed: 3, from, to, events: split.document })],
] as const) {
  t = performance.now()
  let n = 0
  let bytes = 0
  for (const e of gen as Iterable<object>) {
    n++
    if (json) bytes += JSON.stringify(e).length + 1
    if ((n & 0xfffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed)
  }
  const s = (performance.now() - t) / 1000
  const asked = kind === 'dossier' ? split.dossier : split.document
  console.log(`${kind}: ${n.toLocaleString('en')} events (asked ${asked.toLocaleString('en')}) in ${s.toFixed(2)} s = ${Math.round(n / s).toLocaleString('en')} events/s${json ? `, ${(bytes / 1e6).toFixed(0)} MB NDJSON` : ''}`)
}
console.log(`peak heap ${(peak / 2 ** 20).toFixed(0)} MiB`)
