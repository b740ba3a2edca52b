// Measures the generators in one thread: events/s (wall and per CPU-second) of the dossier and
// document streams over a year, the JS heap after a full GC, and the RSS.
//   tsx scripts/simulate/throughput.ts [--events 3000000] [--stop N] [--json]
// --events is the year's volume (all kinds, national proportions); --stop ends each stream after
// N events, so `--events 320000000 --stop 40000000` measures the first weeks at the national rate.
// --json also serialises every event as a consumer would. Run with `node --expose-gc --import tsx`
// for the heap after GC.
import { nationalSplit, simulateDocumentEvents, simulateDossierEvents, simulateRegistry } from './index'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const total = Number(arg('events', '3000000'))
const stop = Number(arg('stop', 'Infinity'))
const json = process.argv.includes('--json')
const split = nationalSplit(total)
const from = new Date('2025-01-01T00:00:00+07:00')
const to = new Date('2025-12-31T23:59:59+07:00')
let t = performance.now()
const registry = simulateRegistry({ seed: 3 })
console.log(`registry: ${registry.length} agencies in ${(performance.now() - t).toFixed(0)} ms`)

const memory = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  const m = process.memoryUsage()
  return `heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(m.rss / 2 ** 20).toFixed(0)} MiB`
}
for (const [kind, gen] of [
  ['dossier', simulateDossierEvents(registry, { seed: 3, from, to, events: split.dossier })],
  ['document', simulateDocumentEvents(registry, { seed: 3, from, to, events: split.document })],
] as const) {
  t = performance.now()
  const c0 = process.cpuUsage()
  let n = 0
  let bytes = 0
  let last = ''
  const rate = () => {
    const c = process.cpuUsage(c0)
    return `${Math.round(n / ((performance.now() - t) / 1000)).toLocaleString('en')} events/s wall, ${Math.round(n / ((c.user + c.system) / 1e6)).toLocaleString('en')} per CPU-second`
  }
  for (const e of gen as Iterable<{ occurred_at: string }>) {
    n++
    last = e.occurred_at
    if (json) bytes += JSON.stringify(e).length + 1
    if (n % 5_000_000 === 0) console.log(`  ${kind} ${n / 1e6}M (at ${last}): ${rate()}, ${memory()}`)
    if (n >= stop) break
  }
  const asked = kind === 'dossier' ? split.dossier : split.document
  console.log(`${kind}: ${n.toLocaleString('en')} events (asked ${asked.toLocaleString('en')}${n >= stop ? `, stopped at ${last}` : ''}): ${rate()}${json ? `, ${(bytes / 1e6).toFixed(0)} MB NDJSON` : ''}; ${memory()}`)
}
