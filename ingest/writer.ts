// The write path every source shares (file import, HTTP, live feed): drop what is already
// stored, insert the rest, refresh the derived state of what the batch touched, and only then
// report the batch as accepted. Batches of a kind are taken in order, one at a time per process
// in their reading phase (dossiers: the next batch is only staged meanwhile, dossier-batch.ts;
// exchanges: the writes of the one before may still run, see Slot), so "is it stored?" and
// "store it" cannot interleave between two deliveries of the same event_id.
import { paramChunks, type Store } from '../core/db'
import { microsText } from '../core/kpi/instants'
import type { ExchangeEvent, ExchangeState, ExchangeSum } from '../core/kpi/exchange-state'
import { DossierBatches } from './dossier-batch'
import { exchangeEventOf, exchangeModel } from './exchange-model'
import { StateRefresher, type ChangeSum, type Stored } from './state-refresh'
import { utcNow } from '../core/time'
import { reloadAgencyUnits } from '../core/migrate'
import type { AgencyRecord, DocumentRecord, DossierRecord, EventKind, Kind, RecordOf } from './records'
import { COLUMN_NAMES, SCHEMAS, toValues } from './schema'

export interface WriteResult {
  accepted: number
  duplicates: number
}

const TABLE: Record<EventKind, string> = {
  dossier: SCHEMAS.dossier.table,
  document: SCHEMAS.document.table,
  connection: SCHEMAS.connection.table,
}

/** The raw table's values of an event (schema.ts, in the order of COLUMN_NAMES). The national formats stamp `timed_by_arrival` on dossier records (formats/convert.ts). */
function values(kind: EventKind, r: RecordOf[EventKind], source: string, ingested_at: string): unknown[] {
  if (kind === 'dossier') {
    const timed_by_arrival = (r as { timed_by_arrival?: number }).timed_by_arrival
    return toValues('dossier', r as DossierRecord, { source, ingested_at, timed_by_arrival })
  }
  return toValues(kind, r as RecordOf[typeof kind], { source, ingested_at })
}

/** The raw table's rows of events, made as the insert takes them (so a large batch's are made a chunk at a time). */
function* rowsOf(kind: EventKind, records: readonly RecordOf[EventKind][], source: string, ingested_at: string): Generator<unknown[]> {
  for (const r of records) yield values(kind, r, source, ingested_at)
}

/**
 * The writes of a kind's last two batches, and what the last one derived. A batch reads the
 * store once the writes of the one before the last are done, and takes from the overlay what
 * the last one is still writing: the states it derived and the event ids it stores (once those
 * writes are done, the store alone is the truth). After a failed write, the next batch waits
 * for every write to settle.
 */
interface Overlay<E, S> {
  states: Map<string, Stored<E, S>>
  ids: ReadonlySet<string>
  written: boolean
}

class Slot<E, S> {
  /** The last batch's writes (rejects when they failed). */
  last: Promise<unknown> = Promise.resolve()
  private lastSettled: Promise<void> = Promise.resolve()
  beforeLastSettled: Promise<void> = Promise.resolve()
  private overlay: Overlay<E, S> | null = null
  broken = false

  push(writes: Promise<unknown>, states: Map<string, Stored<E, S>>, ids: ReadonlySet<string>): void {
    const overlay: Overlay<E, S> = { states, ids, written: false }
    this.beforeLastSettled = this.lastSettled
    this.last = writes
    this.lastSettled = writes.then(
      () => {
        overlay.written = true
      },
      () => {
        this.broken = true
      },
    )
    this.overlay = overlay
  }

  /** What the last batch is still writing, if it is. */
  inFlight(): Overlay<E, S> | null {
    return this.overlay && !this.overlay.written ? this.overlay : null
  }

  /** Waits for every write to settle. */
  async settle(): Promise<void> {
    await this.lastSettled
    this.last = this.lastSettled = this.beforeLastSettled = Promise.resolve()
    this.overlay = null
    this.broken = false
  }
}

/**
 * Deliveries of one kind and source that arrive while the writer is busy with that kind, taken
 * together as one batch when its turn comes (group commit): one set of inserts, parts and merges
 * for all of them instead of one per delivery. Each delivery is answered from the batch's outcome,
 * once all of it is stored, as it would have been alone (its first line of an event_id wins
 * within it, an event an earlier delivery of the group holds is its duplicate).
 */
interface Group<R> {
  source: string
  records: R[]
  /** the stored batch's new records (by identity), once its writes are done */
  fresh: Promise<ReadonlySet<R>>
  /** the new records already counted for a delivery (the first delivery that holds one has it) */
  counted: Set<R>
}

/** A group takes no more deliveries once it holds this many records (the pipeline's batch size). */
const GROUP_MAX = 20_000

export class IngestWriter {
  private tail: Record<Kind, Promise<unknown>> = {
    dossier: Promise.resolve(),
    document: Promise.resolve(),
    connection: Promise.resolve(),
    agency: Promise.resolve(),
  }
  private lastSeq = 0n

  private readonly slots = { document: new Slot<ExchangeEvent, ExchangeState>() }
  /** the group of each kind still waiting for its turn, which a delivery may join */
  private readonly open: { dossier?: Group<DossierRecord>; document?: Group<DocumentRecord> } = {}
  private readonly dossiers: DossierBatches
  private readonly exchanges: StateRefresher<ExchangeEvent, ExchangeState, ExchangeSum>

  constructor(private readonly store: Store) {
    this.dossiers = new DossierBatches(store)
    this.exchanges = new StateRefresher(store, exchangeModel)
  }

  /** Runs fn after every earlier write of the same kind has finished. */
  private serial<T>(kind: Kind, fn: () => Promise<T>): Promise<T> {
    const run = this.tail[kind].then(fn, fn)
    this.tail[kind] = run.catch(() => undefined)
    return run
  }

  /** Writes validated records; resolves once every accepted record is stored. */
  write<K extends Kind>(kind: K, records: RecordOf[K][], source: string): Promise<WriteResult> {
    if (kind === 'agency') return this.serial(kind, () => this.writeAgencies(records as AgencyRecord[]))
    // dossiers and exchanges serialise their own reading phase (writeDossiers, writeExchanges), in groups
    if (kind === 'dossier') return this.grouped(kind, records as DossierRecord[], source, (take) => this.writeDossiers(take, source))
    if (kind === 'document') return this.grouped(kind, records as DocumentRecord[], source, (take) => this.writeExchanges(take, source, this.exchanges, exchangeEventOf))
    return this.serial(kind, () => this.writeEvents(kind as EventKind, records as RecordOf[EventKind][], source))
  }

  /** Adds the delivery to the kind's waiting group of the same source (or starts one) and answers it from the group's batch. */
  private grouped<R extends DossierRecord | DocumentRecord>(
    kind: 'dossier' | 'document',
    records: R[],
    source: string,
    start: (take: () => R[]) => Promise<ReadonlySet<R>>,
  ): Promise<WriteResult> {
    const open = this.open as Record<'dossier' | 'document', Group<R> | undefined>
    let g = open[kind]
    if (!g || g.source !== source || g.records.length + records.length > GROUP_MAX) {
      const group: Group<R> = { source, records: [], fresh: Promise.resolve(new Set()), counted: new Set() }
      // the batch's turn closes the group: later deliveries start the next one
      group.fresh = start(() => {
        if (open[kind] === group) open[kind] = undefined
        return group.records
      })
      open[kind] = group
      g = group
    }
    for (const r of records) g.records.push(r) // not push(...records): a large delivery would overflow the call stack
    const joined = g
    // answered in the order the deliveries joined (callbacks run in the order they were added)
    return joined.fresh.then((fresh) => {
      let accepted = 0
      for (const r of records) {
        if (fresh.has(r) && !joined.counted.has(r)) {
          joined.counted.add(r)
          accepted++
        }
      }
      return { accepted, duplicates: records.length - accepted }
    })
  }

  private async writeEvents(kind: EventKind, records: RecordOf[EventKind][], source: string): Promise<WriteResult> {
    const fresh = await this.unstored(kind, records)
    const at = utcNow()
    await this.store.insertValues(TABLE[kind], COLUMN_NAMES[kind], rowsOf(kind, fresh, source, at))
    return this.countDuplicates(kind, source, records.length, fresh.length, at)
  }

  /**
   * The records to store: the first line of each event_id in the delivery, if not stored already
   * (nor in `storing`, the ids of a batch whose writes are still in flight).
   */
  private async unstored<R extends { event_id: string }>(kind: EventKind, records: R[], storing?: ReadonlySet<string>): Promise<R[]> {
    const firsts = new Map<string, R>()
    for (const r of records) if (!firsts.has(r.event_id) && !storing?.has(r.event_id)) firsts.set(r.event_id, r)
    const ids = [...firsts.keys()]
    const prefix = `${kind}:`
    for (const keys of paramChunks(ids.map((id) => prefix + id))) {
      const found = await this.store.named<{ key: string }>('event-ids-stored', { keys })
      for (const f of found) firsts.delete(f.key.slice(prefix.length))
    }
    return [...firsts.values()]
  }

  private async countDuplicates(kind: EventKind, source: string, total: number, accepted: number, at: string): Promise<WriteResult> {
    const duplicates = total - accepted
    if (duplicates > 0) await this.store.insert('duplicate_counts', [{ kind, source, duplicates, counted_at: at }])
    return { accepted, duplicates }
  }

  /** Dossier batches are staged in this order, each while the one before runs its statements. */
  private dossierStaging: Promise<unknown> = Promise.resolve()

  /** A batch of dossier events, kept in the engine (dossier-batch.ts); resolves to the records it stored. */
  private writeDossiers(take: () => DossierRecord[], source: string): Promise<ReadonlySet<DossierRecord>> {
    let records: DossierRecord[] = []
    const staged = this.dossierStaging.then(() => {
      records = take()
      const at = utcNow()
      return this.dossiers.stage(rowsOf('dossier', records, source, at))
    })
    this.dossierStaging = staged.catch(() => undefined)
    return this.serial('dossier', async () => {
      const stored = await this.dossiers.write(await staged)
      const fresh = new Set(stored.map((i) => records[i]))
      await this.countDuplicates('dossier', source, records.length, fresh.size, utcNow())
      return fresh
    })
  }

  // Exchanges: the raw events, then the state and aggregates of every entity the
  // batch names (duplicates included, so a redelivery after a crash between the two repairs the
  // state). Two batches of a kind overlap: while one writes its states and aggregates, the next
  // reads and derives (the slot's overlay gives it what the one before wrote or is writing).
  // The writes keep the order the start-up repair relies on: raw events, then states, then
  // aggregates, batch after batch.
  private writeExchanges<R extends DocumentRecord, E extends { id: string }, S, X extends ChangeSum<S>>(
    take: () => R[],
    source: string,
    refresher: StateRefresher<E, S, X>,
    entity: (r: R) => { key: string; event: E },
  ): Promise<ReadonlySet<R>> {
    const kind = 'document'
    const slot = this.slots[kind] as unknown as Slot<E, S>
    const derived = this.serial(kind, async () => {
      const records = take()
      await slot.beforeLastSettled
      if (slot.broken) await slot.settle()
      const prev = slot.inFlight() // taken before the reads start: if it is written during them, they may or may not see it
      const batch = refresher.nextBatch()
      const at = microsText(Number(batch))
      const keyOf = records.map((r) => entity(r))
      const keys = [...new Set(keyOf.map((k) => k.key))]
      const [fresh, stored] = await Promise.all([
        this.unstored(kind, records, prev?.ids),
        refresher.load(keys),
        refresher.logBatch(batch, 'start', at),
      ])
      const raw = this.store.insertValues(TABLE[kind], COLUMN_NAMES[kind], rowsOf(kind, fresh, source, at))
      raw.catch(() => undefined) // awaited below
      if (prev) for (const key of keys) if (prev.states.has(key)) stored.set(key, prev.states.get(key)!)
      const isFresh = new Set<R>(fresh)
      const freshIds = new Set(fresh.map((r) => r.event_id))
      const freshBy = new Map<string, E[]>()
      const claimed = new Map<string, string[]>() // ids stored before this batch
      records.forEach((r, i) => {
        const { key, event } = keyOf[i]
        if (isFresh.has(r)) {
          const list = freshBy.get(key) ?? []
          list.push(event)
          freshBy.set(key, list)
        } else if (!freshIds.has(r.event_id)) {
          const list = claimed.get(key) ?? []
          list.push(event.id)
          claimed.set(key, list)
        }
      })
      const sum = refresher.model.newSum()
      let states: Map<string, Stored<E, S>>
      let kv: object[]
      try {
        ;({ kv, states } = await refresher.derive(keys, stored, freshBy, claimed, false, sum, batch))
      } catch (e) {
        await raw.catch(() => undefined)
        throw e
      }
      const before = slot.last
      const writes = (async () => {
        await raw
        await before // the batch before must be stored first (its states may be in this one's)
        await refresher.write(batch, kv, sum)
        await Promise.all([refresher.logBatch(batch, 'done', at), this.countDuplicates(kind, source, records.length, fresh.length, at)])
        return isFresh as ReadonlySet<R>
      })()
      slot.push(writes, states, freshIds)
      return { writes } // not the promise itself: the next batch may start deriving now
    })
    return derived.then((d) => d.writes)
  }

  /** Finishes dossier and document batches a crash interrupted (at start-up, before taking new batches). */
  async recover(): Promise<number> {
    const [d, x] = await Promise.all([
      this.serial('dossier', () => this.dossiers.recover()),
      this.serial('document', async () => {
        await this.slots.document.settle()
        return this.exchanges.recover()
      }),
    ])
    return d + x
  }

  private nextSeq(): bigint {
    const now = BigInt(Date.now()) * 1000n
    this.lastSeq = now > this.lastSeq ? now : this.lastSeq + 1n
    return this.lastSeq
  }

  // The registry is state, not events: every valid row is accepted and the latest load of a
  // code wins (a later line of the same load is a later load).
  private async writeAgencies(records: AgencyRecord[]): Promise<WriteResult> {
    const at = utcNow()
    await this.store.insertValues(
      SCHEMAS.agency.table,
      COLUMN_NAMES.agency,
      records.map((r) => toValues('agency', r, { load_seq: this.nextSeq().toString(), loaded_at: at })),
    )
    await reloadAgencyUnits(this.store) // figures attribute by the registry as it is now
    await this.serial('dossier', () => this.dossiers.alignUnits()) // and so do the sums per unit, between dossier batches
    return { accepted: records.length, duplicates: 0 }
  }
}

// One writer per process and store, so that every delivery path (HTTP requests, the live feed)
// goes through the same per-kind serialisation. Kept on globalThis: the Remix build and the
// server entry are separate module graphs.
const WRITERS = Symbol.for('egov-pulse.writers')
export function sharedWriter(store: Store): IngestWriter {
  const g = globalThis as { [WRITERS]?: WeakMap<Store, IngestWriter> }
  const map = (g[WRITERS] ??= new WeakMap())
  let w = map.get(store)
  if (!w) map.set(store, (w = new IngestWriter(store)))
  return w
}
