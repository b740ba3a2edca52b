// The dossier figures summed per unit (migration 020, ADR 011 session 13) follow the agency → unit
// mapping: each batch adds its changes by the mapping as it is, and when the mapping changes (a
// registry load, a new reference at start-up, on a ClickHouse server another process's load) the
// sums are brought in line with it from the per-agency tables, one insert per table (a reader sees
// each table before or after, never half-way), without re-ingest. Run between dossier batches only
// (the writer's dossier turn), after any unfinished batch is finished: the per-agency tables must
// hold every batch the unit sums hold.
import type { Store } from '../core/db'
import { namedQuery } from '../core/queries'
import { utcNow } from '../core/time'
import { MARKER_DAY } from './batch-markers'

/** Brings the unit sums in line with the mapping when it changed since they last were; returns whether it did. */
export async function alignUnitSums(store: Store): Promise<boolean> {
  const [f] = await store.named<{ now: string; aligned: string }>('unit-sums-fingerprint')
  if (f.now === f.aligned) return false
  for (const [agency_table, unit_table, date_column] of [
    ['dossier_day', 'dossier_unit_day', 'day'],
    ['dossier_month', 'dossier_unit_month', 'month'],
  ])
    await store.insertSelect(unit_table, namedQuery('unit-sums-align-days'), { agency_table, unit_table, date_column, marker_day: MARKER_DAY })
  await store.insertSelect('dossier_unit_at_total', namedQuery('unit-sums-align-totals'))
  // recorded last: a crash before this aligns again, and aligning tables already in line adds nothing
  await store.insert('unit_sums_state', [{ fingerprint: f.now, at: utcNow() }])
  return true
}
