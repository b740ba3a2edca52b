// The per-record validation rate: N simulated dossier events (held in memory, so only validation
// is timed) through validateRecord('dossier', …), ROUNDS times; prints records/s of each round
// and the best. Validation runs for every event (≈ 300M dossier events a year, events.md), so a
// change to ingest/validate.ts or ingest/schema.ts is measured with this before and after:
//   npx tsx scripts/bench-validate.ts --events 500000 --rounds 5
import { Command } from 'commander'
import { reference } from '../core/reference'
import { validateRecord } from '../ingest/validate'
import { simulateDossierEvents, simulateRegistry } from './simulate/index'

const opts = new Command('bench-validate')
  .option('--events <n>', 'simulated dossier events', '500000')
  .option('--rounds <n>', 'timed passes over them', '5')
  .option('--seed <n>', 'simulator seed', '3')
  .parse(process.argv)
  .opts<{ events: string; rounds: string; seed: string }>()
const N = Number(opts.events)
const ROUNDS = Number(opts.rounds)
const seed = Number(opts.seed)

const registry = simulateRegistry({ seed })
const from = new Date(Date.UTC(2024, 11, 31, 17, 0, 0))
const to = new Date(Date.UTC(2025, 11, 31, 17, 0, 0))
const events: unknown[] = []
for (const e of simulateDossierEvents(registry, { seed, from, to, events: N })) {
  if (events.length >= N) break
  events.push(e)
}
const ctx = { provinceCodes: reference().provinceCodes }

const rates: number[] = []
let accepted = 0
for (let round = 0; round < ROUNDS; round++) {
  accepted = 0
  const t0 = performance.now()
  for (let i = 0; i < events.length; i++) if (validateRecord('dossier', events[i], i + 1, ctx).ok) accepted++
  const rate = events.length / ((performance.now() - t0) / 1000)
  rates.push(rate)
  process.stderr.write(`round ${round + 1}: ${Math.round(rate)} records/s\n`)
}
const sorted = [...rates].sort((a, b) => a - b)
process.stdout.write(
  `${events.length} dossier events (${accepted} valid), ${ROUNDS} rounds: best ${Math.round(sorted.at(-1)!)} records/s, median ${Math.round(sorted[Math.floor(sorted.length / 2)])} records/s\n`,
)
