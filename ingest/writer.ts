// The write path every source shares (file import, HTTP, live feed): drop what is already
// stored, insert the rest, refresh the derived state of what the batch touched, and only then
// report the batch as accepted. One batch of a kind at a time per process, so "is it stored?"
// and "store it" cannot interleave between two deliveries of the same event_id.
import { paramChunks, type Store } from '../core/db'
import { microsText, type ContributionSum, type DossierState, type StateEvent } from '../core/kpi/dossier-state'
import type { ExchangeEvent, ExchangeState, ExchangeSum } from '../core/kpi/exchange-state'
import { dossierModel, stateEventOf } from './dossier-model'
import { exchangeEventOf, exchangeModel } from './exchange-model'
import { StateRefresher, type ChangeSum } from './state-refresh'
import { utcNow } from '../core/time'
import type { AgencyRecord, DocumentRecord, DossierRecord, EventKind, Kind, RecordOf } from './records'
import { SCHEMAS, toRow } from './schema'

export interface WriteResult {
  accepted: number
  duplicates: number
}

const TABLE: Record<EventKind, string> = {
  dossier: SCHEMAS.dossier.table,
  document: SCHEMAS.document.table,
  connection: SCHEMAS.connection.table,
}

/** The raw table's row of an event (schema.ts). The national formats stamp `timed_by_arrival` on dossier records (formats/convert.ts). */
function row(kind: EventKind, r: RecordOf[EventKind], source: string, ingested_at: string): object {
  if (kind === 'dossier') {
    const timed_by_arrival = (r as { timed_by_arrival?: number }).timed_by_arrival
    return toRow('dossier', r as DossierRecord, { source, ingested_at, timed_by_arrival })
  }
  return toRow(kind, r as RecordOf[typeof kind], { source, ingested_at })
}

export class IngestWriter {
  private tail: Record<Kind, Promise<unknown>> = {
    dossier: Promise.resolve(),
    document: Promise.resolve(),
    connection: Promise.resolve(),
    agency: Promise.resolve(),
  }
  private lastSeq = 0n

  private readonly dossiers: StateRefresher<StateEvent, DossierState, ContributionSum>
  private readonly exchanges: StateRefresher<ExchangeEvent, ExchangeState, ExchangeSum>

  constructor(private readonly store: Store) {
    this.dossiers = new StateRefresher(store, dossierModel)
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
    return this.serial(kind, () => this.writeEvents(kind as EventKind, records as RecordOf[EventKind][], source))
  }

  private async writeEvents(kind: EventKind, records: RecordOf[EventKind][], source: string): Promise<WriteResult> {
    if (kind === 'dossier') {
      const recs = records as DossierRecord[]
      return this.writeWithState(kind, recs, source, this.dossiers, (r) => ({ key: r.dossier_code, event: stateEventOf(r) }))
    }
    if (kind === 'document') return this.writeWithState(kind, records as DocumentRecord[], source, this.exchanges, exchangeEventOf)
    const fresh = await this.unstored(kind, records)
    const at = utcNow()
    await this.store.insert(TABLE[kind], fresh.map((r) => row(kind, r, source, at)))
    return this.countDuplicates(kind, source, records.length, fresh.length, at)
  }

  /** The records to store: the first line of each event_id in the delivery, if not stored already. */
  private async unstored<R extends { event_id: string }>(kind: EventKind, records: R[]): Promise<R[]> {
    const firsts = new Map<string, R>()
    for (const r of records) if (!firsts.has(r.event_id)) firsts.set(r.event_id, r)
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

  // Dossiers and exchanges: the raw events, then the state and aggregates of every entity the
  // batch names (duplicates included, so a redelivery after a crash between the two repairs the
  // state). Reads that do not depend on each other run at once; the writes keep the order the
  // start-up repair relies on (raw events, states, then mirror and aggregates).
  private async writeWithState<R extends DossierRecord | DocumentRecord, E extends { id: string }, S, X extends ChangeSum<S>>(
    kind: 'dossier' | 'document',
    records: R[],
    source: string,
    refresher: StateRefresher<E, S, X>,
    entity: (r: R) => { key: string; event: E },
  ): Promise<WriteResult> {
    const batch = refresher.nextBatch()
    const at = microsText(Number(batch))
    const keyOf = records.map((r) => entity(r))
    const keys = [...new Set(keyOf.map((k) => k.key))]
    const [fresh, stored] = await Promise.all([this.unstored(kind, records), refresher.load(keys), refresher.logBatch(batch, 'start', at)])
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
    const [, rows] = await Promise.all([
      this.store.insert(TABLE[kind], fresh.map((r) => row(kind, r, source, at))),
      refresher.derive(batch, keys, stored, freshBy, claimed, false, sum),
    ])
    await refresher.write(batch, rows, sum)
    const [, result] = await Promise.all([refresher.logBatch(batch, 'done', at), this.countDuplicates(kind, source, records.length, fresh.length, at)])
    return result
  }

  /** Re-derives the named dossiers from the raw table (repairs). */
  async refreshDossiers(codes: string[]): Promise<void> {
    await this.serial('dossier', () => this.dossiers.rebuild(codes))
  }

  /** Finishes dossier and document batches a crash interrupted (at start-up, before taking new batches). */
  async recover(): Promise<number> {
    const [d, x] = await Promise.all([this.serial('dossier', () => this.dossiers.recover()), this.serial('document', () => this.exchanges.recover())])
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
    await this.store.insert(
      SCHEMAS.agency.table,
      records.map((r) => toRow('agency', r, { load_seq: this.nextSeq().toString(), loaded_at: at })),
    )
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
