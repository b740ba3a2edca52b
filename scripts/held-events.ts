// What the ingest measurements (profile-ingest.ts, reads-during-ingest.ts) start from: a store with
// the simulated national registry loaded through the pipeline, and simulated dossier events held
// in memory (so that generating them is not timed with the pipeline).
import type { Store } from '../core/db'
import { reference } from '../core/reference'
import { ingestRecords } from '../ingest/pipeline'
import type { IngestWriter } from '../ingest/writer'
import { simulateDossierEvents, simulateRegistry } from './simulate/index'

export const validation = () => ({ provinceCodes: reference().provinceCodes })

/** Loads the simulated registry of this seed; returns its records. */
export async function loadRegistry(store: Store, writer: IngestWriter, seed: number) {
  const registry = simulateRegistry({ seed })
  await ingestRecords(
    registry.map((value, i) => ({ line: i + 1, value })),
    { kind: 'agency', store, writer, source: 'measure', validate: validation() },
  )
  return registry
}

/** The first `events` dossier events of a history simulated for max(events, shape) (`shape`: as dense per day as a bench of that size). */
export function heldEvents(registry: ReturnType<typeof simulateRegistry>, o: { events: number; shape?: number; seed: number }): unknown[] {
  const values: unknown[] = []
  const from = new Date(Date.UTC(2024, 11, 31, 17))
  for (const v of simulateDossierEvents(registry, { seed: o.seed, from, to: new Date(Date.now() - 60_000), events: Math.max(o.events, o.shape ?? 0) })) {
    if (values.length >= o.events) break
    values.push(v)
  }
  return values
}
