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

/** (Re)builds `table` with every dossier's state, reading the raw events in `shards` parts. Returns the time taken, in ms. */
export async function buildBruteStates(store: Store, table: string, shards = 1): Promise<number> {
  if (!TABLE.test(table)) throw new Error(`not a scratch table name: ${table}`)
  const t0 = performance.now()
  const states = namedQuery('brute-dossier-states')
  await store.command(`DROP TABLE IF EXISTS ${table}`)
  await store.command(`CREATE TABLE ${table} ENGINE = MergeTree ORDER BY tuple() EMPTY AS ${states}`, { shards, shard: 0 })
  for (let shard = 0; shard < shards; shard++) await store.command(`INSERT INTO ${table} ${states}`, { shards, shard })
  return performance.now() - t0
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
