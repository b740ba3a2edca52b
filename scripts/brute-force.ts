// The brute force the bench and the tests check the aggregated figures against (ADR 011): every
// dossier's state computed again from the raw events (sql/queries/brute-dossier-states.sql) into a
// scratch table, once, then each figure set read from that table (brute-dossier-figures.sql). A
// large store is read in shards of the dossiers, each within the engine's memory limit.
import { config } from '../core/config'
import type { Store } from '../core/db'
import { avgDays, partialIndex, rate } from '../core/kpi/scoring'
import { chTime } from '../core/kpi/period'
import type { DossierFigures } from '../core/kpi/dossiers'
import { namedQuery } from '../core/queries'

const TABLE = /^[a-z_]+$/

/**
 * (Re)builds `table` with every dossier's state, reading the raw events in about `shards` parts:
 * ranges of dossier codes cut at the raw table's index marks (the first key of every granule), so
 * each part reads only its own granules and the whole is one pass over the table. Returns the time taken, in ms.
 */
export async function buildBruteStates(store: Store, table: string, shards = 1): Promise<number> {
  if (!TABLE.test(table)) throw new Error(`not a scratch table name: ${table}`)
  const t0 = performance.now()
  const bounds = shards > 1 ? await shardBounds(store, shards) : []
  const ranges = [...bounds.map((hi, i) => ({ lo: i === 0 ? '' : bounds[i - 1], hi })), { lo: bounds.at(-1) ?? '', hi: '' }]
  const states = (upper: boolean) => namedQuery('brute-dossier-states', { upper })
  await store.command(`DROP TABLE IF EXISTS ${table}`)
  await store.command(`CREATE TABLE ${table} ENGINE = MergeTree ORDER BY tuple() EMPTY AS ${states(false)}`, { lo: '' })
  for (const r of ranges) await store.command(`INSERT INTO ${table} ${states(r.hi !== '')}`, r.hi ? r : { lo: r.lo })
  return performance.now() - t0
}

/** Up to `shards` − 1 dossier codes that cut the raw table into parts of about equal size. */
async function shardBounds(store: Store, shards: number): Promise<string[]> {
  const [{ marks }] = await store.rows<{ marks: string[] }>(
    `SELECT arraySort(groupArray(dossier_code)) AS marks FROM mergeTreeIndex(currentDatabase(), dossier_events) WHERE dossier_code != ''`,
  )
  const cuts = Array.from({ length: shards - 1 }, (_, i) => marks[Math.floor(((i + 1) * marks.length) / shards)])
  return [...new Set(cuts.filter((c) => c !== undefined && c !== ''))] // in the engine's order already
}

interface BruteRow {
  unit: string
  [k: string]: string
}

/** One figure set from the states in `table`: per unit code ('' for national), or per agency / procedure with `by`. */
export async function bruteFigures(
  store: Store,
  table: string,
  q: { level: string; structure: string; period: { start: Date; end: Date; T: Date }; by?: 'unit' | 'agency' | 'procedure'; unit?: string },
): Promise<Map<string, DossierFigures>> {
  const { period: p } = q
  const rows = await store.named<BruteRow>('brute-dossier-figures', {
    states: table,
    level: q.level,
    structure: q.structure,
    start: chTime(p.start),
    end: chTime(p.end),
    T: chTime(p.T),
    by: q.by ?? 'unit',
    unit: q.unit ?? '',
  })
  const out = new Map<string, DossierFigures>()
  for (const row of rows) {
    const n = (k: string) => Number(row[k])
    const f = {
      received: n('received'),
      resolved: n('resolved'),
      on_time: n('on_time'),
      late: n('resolved') - n('on_time'),
      on_time_rate: rate(n('on_time'), n('resolved')),
      pending: n('pending'),
      overdue: n('overdue'),
      closed_unresolved: n('closed_unresolved'),
      online_rate: rate(n('online'), n('received')),
      paid_online_rate: rate(n('paid_online'), n('received')),
      digitized_rate: rate(n('digitized'), n('received')),
      avg_days: avgDays(BigInt(row.dur_us), n('dur_n')),
    }
    out.set(row.unit, { ...f, index: partialIndex(f, config().index) })
  }
  return out
}
