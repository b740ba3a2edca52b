// The dossier figures summed per unit (migration 020, ADR 011 session 13), and per unit and
// procedure (migration 022, session 18), follow the agency → unit mapping: each batch adds its
// changes by the mapping as it is, and when the mapping changes (a registry load, a new reference
// at start-up, on a ClickHouse server another process's load) the sums are brought in line with it
// from the per-agency tables, without re-ingest: one insert per table (a reader sees each table
// before or after, never half-way), or for the procedure sums one per share of the unit keys (a
// reader, who reads one unit's procedures, sees that unit before or after). Run between dossier
// batches only (the writer's dossier turn), after any unfinished batch is finished: the per-agency
// tables must hold every batch the unit sums hold.
import type { Store } from '../core/db'
import { namedQuery } from '../core/queries'
import { utcNow } from '../core/time'
import { MARKER_DAY } from './batch-markers'

/**
 * The per-agency procedure rows read for one insert of the procedure sums' alignment: each gives
 * some of the result rows, held in memory until the insert's one part is written (15.5M rows at
 * 50M events gave 6.4M unit rows, over the engine's 2 GiB in one insert).
 */
const AGENCY_ROWS_PER_CHUNK = 2_000_000

/** How many shares of the unit keys a table of this many rows is aligned in. */
async function chunksOf(store: Store, agencyTable: string, rowsPerChunk: number): Promise<number> {
  const [{ n }] = await store.rows<{ n: string }>(`SELECT count() AS n FROM ${agencyTable}`)
  return Math.max(1, Math.ceil(Number(n) / rowsPerChunk))
}

/** Brings the unit sums in line with the mapping when it changed since they last were; returns whether it did. */
export async function alignUnitSums(store: Store, rowsPerChunk = AGENCY_ROWS_PER_CHUNK): Promise<boolean> {
  const [f] = await store.named<{ now: string; aligned: string }>('unit-sums-fingerprint')
  if (f.now === f.aligned) return false
  for (const [agency_table, unit_table, date_column, per_procedure] of [
    ['dossier_day', 'dossier_unit_day', 'day', 0],
    ['dossier_month', 'dossier_unit_month', 'month', 0],
    ['dossier_proc_day', 'dossier_unit_proc_day', 'day', 1],
    ['dossier_proc_month', 'dossier_unit_proc_month', 'month', 1],
  ] as const) {
    // the procedure sums a share of the unit keys at a time (sql/queries/unit-sums-align-days.sql)
    const chunks = per_procedure ? await chunksOf(store, agency_table, rowsPerChunk) : 1
    for (let chunk = 0; chunk < chunks; chunk++)
      await store.insertSelect(unit_table, namedQuery('unit-sums-align-days'), { agency_table, unit_table, date_column, per_procedure, marker_day: MARKER_DAY, chunks, chunk })
  }
  for (const [agency_table, unit_table, per_procedure] of [
    ['dossier_at_total', 'dossier_unit_at_total', 0],
    ['dossier_proc_at_total', 'dossier_unit_proc_at_total', 1],
  ] as const)
    await store.insertSelect(unit_table, namedQuery('unit-sums-align-totals'), { agency_table, unit_table, per_procedure })
  // recorded last: a crash before this aligns again, and aligning tables already in line adds nothing
  await store.insert('unit_sums_state', [{ fingerprint: f.now, at: utcNow() }])
  return true
}
