// A batch of dossier events, kept in the engine (ADR 011, session 9): the batch is staged once
// (the one JSON insert), and everything else is an INSERT … SELECT that ClickHouse runs on its
// own threads: the new events, the raw insert, every touched dossier's new state (from its
// key-value row of events, read by key: egp_dossier_state is the one definition of the state), and
// the signed changes of the aggregates (−the state before, +the state after), each aggregate
// table's with the batch's marker row in the same insert (batch-markers.ts). No dossier's events
// or rows travel through this process. Batches run one at a time (one writer per kind, ADR 003),
// and a batch's statements in order, but for its aggregate writes, two at a time (independent
// tables): the working tables (dossier_new, …: Memory) hold one batch. The next batch is staged
// meanwhile, in the other of two staging tables.
//
// Crash safety: a batch is logged when it starts and when it is done, and writes in this order:
// raw events → rows (each event with the batch that added it, so the state a batch replaced is
// that of the row's other events) → aggregates. A batch started and never done is finished by
// `recover` (at start-up, and before the next batch after one failed): its aggregate changes are
// rebuilt from the rows it wrote and written to each table whose marker is missing, then every
// dossier with raw events stored since it began is re-derived from the raw table. So a
// redelivery never meets an event stored without its state.
import { namedQuery } from '../core/queries'
import { paramChunks, type Store } from '../core/db'
import { microsText } from '../core/kpi/instants'
import { BatchLog } from './batch-log'
import { MARKER_DAY, markerCommitted, markerRow } from './batch-markers'
import { alignUnitSums } from './unit-sums'
import { COLUMN_NAMES } from './schema'

/** The batch's working tables, emptied before each batch. */
const WORKING = ['dossier_new', 'dossier_derived', 'dossier_changed', 'dossier_contrib', 'dossier_instant_new', 'dossier_cases_new']

/** The two staging tables, taken in turn. */
const STAGES = ['dossier_stage', 'dossier_stage_next']

/** A staging table's columns: each row's position in the delivery, then the raw table's. */
const STAGE_COLUMNS = ['ord', ...COLUMN_NAMES.dossier]

/** Rows with their position in front. */
function* numbered(rows: Iterable<readonly unknown[]>): Generator<unknown[]> {
  let ord = 0
  for (const r of rows) yield [ord++, ...r]
}

/** A batch's rows in a staging table, waiting for its turn. */
export interface Staged {
  table: string
  /** frees the staging table for the batch after next (once the new events are read from it) */
  release: () => void
}

/** Each aggregate table, and the query that writes a batch's rows (its marker row among them) into it. */
const WRITES: Array<{ table: string; query: string; params: Record<string, unknown> }> = [
  { table: 'dossier_day', query: 'dossier-write-days', params: { by_month: 0, per_agency: 1, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_month', query: 'dossier-write-days', params: { by_month: 1, per_agency: 1, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_proc_day', query: 'dossier-write-days', params: { by_month: 0, per_agency: 1, per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_proc_month', query: 'dossier-write-days', params: { by_month: 1, per_agency: 1, per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_nat_day', query: 'dossier-write-days', params: { by_month: 0, per_agency: 0, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_nat_month', query: 'dossier-write-days', params: { by_month: 1, per_agency: 0, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_at_total', query: 'dossier-write-at-totals', params: { per_agency: 1, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_proc_at_total', query: 'dossier-write-at-totals', params: { per_agency: 1, per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_nat_at_total', query: 'dossier-write-at-totals', params: { per_agency: 0, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_day', query: 'dossier-write-unit-days', params: { by_month: 0, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_month', query: 'dossier-write-unit-days', params: { by_month: 1, per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_at_total', query: 'dossier-write-unit-at-totals', params: { per_procedure: 0, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_proc_day', query: 'dossier-write-unit-days', params: { by_month: 0, per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_proc_month', query: 'dossier-write-unit-days', params: { by_month: 1, per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_unit_proc_at_total', query: 'dossier-write-unit-at-totals', params: { per_procedure: 1, marker_day: MARKER_DAY } },
  { table: 'dossier_instant', query: 'dossier-write-instants', params: {} },
  { table: 'dossier_overdue_cases', query: 'dossier-write-cases', params: {} },
]

/**
 * Aggregate writes run this many at a time, each on its own connection: one is a small insert that
 * keeps about one core busy, and the tables are independent (each insert carries its own marker).
 */
const WRITES_AT_ONCE = 2

/**
 * Runs `work` on every item, `width` at a time, and waits for all of them before throwing the first
 * failure: a write still under way must never meet the repair that a failure starts.
 */
export async function inTurns<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++])
  }
  const done = await Promise.allSettled(Array.from({ length: Math.min(width, items.length) }, lane))
  const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected')
  if (failed) throw failed.reason
}

/** A rebuild from the raw table reads this many dossiers' events at a time. */
const REBUILD_CHUNK = 10_000

export class DossierBatches {
  readonly log: BatchLog
  /** A batch failed part-way: the next one first finishes it (recover). */
  private broken = false

  /** batches staged so far (the next one takes staging table `staged % 2`) */
  private staged = 0
  /** per staging table: resolves when the batch staged in it last has read it */
  private readonly free: Array<Promise<void>> = STAGES.map(() => Promise.resolve())

  constructor(private readonly store: Store) {
    this.log = new BatchLog(store, 'dossier')
  }

  /**
   * Stages a batch (the one JSON insert): `rows` are the raw table's rows of the delivered records
   * (values in the order of COLUMN_NAMES.dossier), in delivery order, taken as the insert serialises
   * them. Runs while the batch before runs its statements; call in batch order.
   */
  async stage(rows: Iterable<readonly unknown[]>): Promise<Staged> {
    const slot = this.staged++ % STAGES.length
    const previous = this.free[slot]
    let release!: () => void
    this.free[slot] = new Promise<void>((r) => (release = r))
    await previous
    const table = STAGES[slot]
    try {
      await this.store.command(`TRUNCATE TABLE ${table}`)
      await this.store.insertValues(table, STAGE_COLUMNS, numbered(rows))
    } catch (e) {
      release()
      throw e
    }
    return { table, release }
  }

  /**
   * Stores a staged batch, once the batch before is done. Returns the positions of the rows it
   * stored (the first line of each event_id not stored before).
   */
  async write(staged: Staged): Promise<number[]> {
    let batch: bigint
    let at: string
    try {
      if (this.broken) await this.recover()
      // a ClickHouse server's registry may be loaded by another process: the unit sums follow it before the batch adds to them
      else if (this.store.mode === 'server') await alignUnitSums(this.store)
      this.broken = true // until this batch is done
      batch = this.log.next()
      at = microsText(Number(batch))
      await this.clear()
      await Promise.all([this.log.log(batch, 'start', at), this.store.command(namedQuery('dossier-batch-new'), { stage: staged.table, at })])
    } finally {
      staged.release()
    }
    await this.store.insertSelect('dossier_events', namedQuery('dossier-batch-raw'))
    const [{ ords: stored }] = await this.store.named<{ ords: number[] }>('dossier-batch-stored')
    await this.derive(batch)
    await this.aggregate(batch, false)
    await this.log.log(batch, 'done', at)
    this.broken = false
    return stored
  }

  /**
   * The new rows of the dossiers with events in `dossier_new`, written to the key-value table,
   * and the changed states (before and after) added to `dossier_changed`.
   */
  private async derive(batch: bigint): Promise<void> {
    await this.store.insertSelect('dossier_derived', namedQuery('dossier-batch-derive'), { batch: batch.toString() })
    await this.store.insertSelect('dossier_rows', namedQuery('dossier-batch-rows'))
    await this.store.command(namedQuery('dossier-batch-changed-derived'))
  }

  /** Empties the working tables (all, or these). */
  private async clear(tables = WORKING): Promise<void> {
    for (const t of tables) await this.store.command(`TRUNCATE TABLE ${t}`)
  }

  /**
   * Writes the aggregate changes of the dossiers in `dossier_changed` (this batch's changed states).
   * Repairing, only into the tables whose marker is missing.
   */
  private async aggregate(batch: bigint, repair: boolean): Promise<void> {
    const token = this.log.token(batch)
    await this.store.command(namedQuery('dossier-batch-contrib'))
    await this.store.command(namedQuery('dossier-batch-instants'))
    await this.store.command(namedQuery('dossier-batch-cases'))
    await Promise.all([
      this.store.insert('dossier_contrib', [markerRow('dossier_proc_day', token)]),
      this.store.insert('dossier_instant_new', [markerRow('dossier_instant', token)]),
      this.store.insert('dossier_cases_new', [markerRow('dossier_overdue_cases', token)]),
    ])
    const writes: typeof WRITES = []
    for (const w of WRITES) if (!repair || !(await markerCommitted(this.store, w.table, token))) writes.push(w)
    await inTurns(writes, WRITES_AT_ONCE, (w) => this.store.insertSelect(w.table, namedQuery(w.query), w.params))
  }

  /** The sums per unit follow the agency → unit mapping as it is now (after a registry load); a batch left unfinished is finished first. */
  async alignUnits(): Promise<void> {
    if (this.broken) return void (await this.recover())
    try {
      await alignUnitSums(this.store)
    } catch (e) {
      this.broken = true // the next batch first finishes the alignment (recover)
      throw e
    }
  }

  /**
   * Finishes what a crash interrupted: for each batch started and never done, writes its
   * aggregate changes (from the rows it wrote) into the tables that lack them, then re-derives
   * from the raw table every dossier with events stored since it started. With no batch ever
   * logged but raw events present (a store from before the key-value state), re-derives every
   * dossier. Returns the number of dossiers re-derived.
   */
  async recover(): Promise<number> {
    const info = await this.log.info()
    const unfinished = await this.log.unfinished()
    let since: string | null = info.batches === 0 && info.rawEvents > 0 ? '1970-01-01 00:00:00.000000' : null
    // the dossiers of every unfinished batch have raw events stored since the first one started
    // (oldest first): a rebuild's batch (below) stores none of its own
    const first = unfinished[0]?.ingested_at ?? null
    since ??= first
    for (const u of unfinished) {
      await this.clear()
      await this.store.command(namedQuery('dossier-batch-changed'), { batch: u.batch, since: first })
      await this.aggregate(BigInt(u.batch), true)
    }
    let n = 0
    if (since !== null) {
      const codes = (await this.store.named<{ key: string }>('dossier-codes-since', { since })).map((r) => r.key)
      await this.rebuild(codes)
      n = codes.length
    }
    for (const u of unfinished) await this.log.log(BigInt(u.batch), 'done', u.ingested_at)
    await alignUnitSums(this.store) // a registry (or reference) changed while no batch ran
    this.broken = false
    return n
  }

  /** Re-derives these dossiers from the raw table, as one logged batch. */
  private async rebuild(codes: string[]): Promise<void> {
    const batch = this.log.next()
    const at = microsText(Number(batch))
    await this.log.log(batch, 'start', at)
    await this.clear()
    for (let i = 0; i < codes.length; i += REBUILD_CHUNK) {
      await this.clear(['dossier_new', 'dossier_derived']) // the changed states add up over the chunks
      for (const chunk of paramChunks(codes.slice(i, i + REBUILD_CHUNK))) await this.store.command(namedQuery('dossier-batch-reread'), { codes: chunk })
      await this.derive(batch)
    }
    await this.aggregate(batch, false)
    await this.log.log(batch, 'done', at)
  }
}
