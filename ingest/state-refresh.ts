// Keeps each entity's state (a dossier, a document exchange) and the per-(agency, day) aggregates
// exact as events arrive (ADR 011). For the entities a batch names: read their stored events and
// state from a key-value table (point look-ups, never the raw table), add the batch's new events,
// derive the new state, write it back, and add "new contribution − old contribution" to the
// aggregates under the batch's deduplication token. Each batch is logged when it starts and when
// it is done, so one that a crash interrupted is finished at the next start-up (`recover`)
// without counting anything twice. What differs per kind is the model (dossier-model.ts,
// exchange-model.ts).
import { paramChunks, type Store } from '../core/db'
import { microsText } from '../core/kpi/dossier-state'

/** What adds up a batch's changes: −contribution(before) + contribution(after) per entity. */
export interface ChangeSum<S> {
  transition(key: string, before: S | null, after: S | null): void
}

export interface EntityModel<E extends { id: string }, S, X extends ChangeSum<S>> {
  kind: 'dossier' | 'document'
  /** Named queries: `load` (keys → key, events, state), `ofBatch` (batch → key, state, prev),
   *  `raw` (keys → raw rows, first stored copy of each event_id), `since` (instant → keys with raw events stored since). */
  queries: { load: string; ofBatch: string; raw: string; since: string }
  kvTable: string
  pack(e: E): unknown
  unpack(p: unknown): E
  /** A raw-table row as the key of its entity and an event. */
  fromRaw(row: Record<string, unknown>): { key: string; event: E }
  /** The raw-table query's parameters for these keys. */
  rawParams(keys: string[]): Record<string, unknown>
  derive(key: string, events: E[]): S
  kvRow(key: string, events: string, state: string, prev: string, batch: string): object
  /** A per-entity table written with every new state, if any (the dossier mirror). */
  mirror?: { table: string; row(key: string, state: S, version: string): object }
  newSum(): X
  /** Writes a batch's aggregate change; each insert under `token`. */
  writeSum(store: Store, sum: X, token: string): Promise<void>
}

interface Stored<E, S> {
  events: E[]
  state: S
}

const CHUNK = 10_000

export class StateRefresher<E extends { id: string }, S, X extends ChangeSum<S>> {
  private last = 0n

  constructor(
    private readonly store: Store,
    readonly model: EntityModel<E, S, X>,
  ) {}

  /** A new batch id: microseconds since the epoch, strictly increasing in this process. */
  nextBatch(): bigint {
    const now = BigInt(Date.now()) * 1000n
    this.last = now > this.last ? now : this.last + 1n
    return this.last
  }

  async logBatch(batch: bigint, phase: 'start' | 'done', ingestedAt: string): Promise<void> {
    await this.store.insert('ingest_batches', [{ kind: this.model.kind, batch: batch.toString(), phase, ingested_at: ingestedAt }])
  }

  private token(batch: bigint): string {
    return `${this.model.kind}-batch-${batch}`
  }

  /** The stored events and state of these entities (point look-ups in the key-value table). */
  async load(keys: string[]): Promise<Map<string, Stored<E, S>>> {
    const stored = new Map<string, Stored<E, S>>()
    for (const chunk of paramChunks(keys)) {
      const rows = await this.store.named<{ key: string; events: string; state: string }>(this.model.queries.load, { keys: chunk })
      for (const r of rows) stored.set(r.key, { events: (JSON.parse(r.events) as unknown[]).map((p) => this.model.unpack(p)), state: JSON.parse(r.state) as S })
    }
    return stored
  }

  /**
   * The new state of each named entity: its stored events plus `fresh` (the events this batch
   * stores). `claimed` are event ids the batch found already stored: one that an entity's stored
   * events lack (a crash between the raw insert and the state) makes that entity re-read from
   * the raw table; with `rebuild`, every named entity is. Adds each change to `sum` and returns
   * the rows to write; entities that did not change are left out.
   */
  async derive(
    batch: bigint,
    keys: string[],
    stored: Map<string, Stored<E, S>>,
    fresh: Map<string, E[]>,
    claimed: Map<string, string[]>,
    rebuild: boolean,
    sum: X,
  ): Promise<{ kv: object[]; mirror: object[] }> {
    const m = this.model
    const fromRawTable = rebuild
      ? keys
      : keys.filter((key) => {
          const ids = claimed.get(key)
          if (!ids) return false
          const have = new Set(stored.get(key)?.events.map((e) => e.id))
          return ids.some((id) => !have.has(id))
        })
    const rawEvents = new Map<string, E[]>()
    for (const chunk of paramChunks(fromRawTable)) {
      const wanted = new Set(chunk)
      for (const row of await this.store.named<Record<string, unknown>>(m.queries.raw, m.rawParams([...wanted]))) {
        const { key, event } = m.fromRaw(row)
        if (!wanted.has(key)) continue
        const list = rawEvents.get(key) ?? []
        list.push(event)
        rawEvents.set(key, list)
      }
    }
    const version = microsText(Number(batch))
    const kv: object[] = []
    const mirror: object[] = []
    for (const key of keys) {
      const before = stored.get(key)
      // the stored events (from the key-value table, or re-read from the raw table), plus this
      // batch's new ones (the raw insert of this batch may run while the raw table is read)
      const base = rawEvents.get(key) ?? before?.events ?? []
      const add = fresh.get(key) ?? []
      if (before && add.length === 0 && !rawEvents.has(key)) continue // nothing new for this entity
      const have = new Set(base.map((e) => e.id))
      const events = [...base, ...add.filter((e) => !have.has(e.id))]
      if (events.length === 0) continue
      const after = m.derive(key, events)
      const afterText = JSON.stringify(after)
      if (before && JSON.stringify(before.state) === afterText && before.events.length === events.length) continue
      sum.transition(key, before?.state ?? null, after)
      kv.push(m.kvRow(key, JSON.stringify(events.map((e) => m.pack(e))), afterText, before ? JSON.stringify(before.state) : '', batch.toString()))
      if (m.mirror) mirror.push(m.mirror.row(key, after, version))
    }
    return { kv, mirror }
  }

  /**
   * Writes a batch's new states, then (in parallel) their mirror and the aggregate change. The
   * states go first: a crash after them is finished from them at start-up.
   */
  async write(batch: bigint, rows: { kv: object[]; mirror: object[] }, sum: X | null): Promise<void> {
    await this.store.insert(this.model.kvTable, rows.kv)
    await Promise.all([
      this.model.mirror ? this.store.insert(this.model.mirror.table, rows.mirror) : undefined,
      sum ? this.model.writeSum(this.store, sum, this.token(batch)) : undefined,
    ])
  }

  /** One batch: new events by entity key, ids found already stored by entity key. */
  async apply(batch: bigint, keys: string[], stored: Map<string, Stored<E, S>>, fresh: Map<string, E[]>, claimed: Map<string, string[]>): Promise<void> {
    const sum = this.model.newSum()
    const rows = await this.derive(batch, keys, stored, fresh, claimed, false, sum)
    await this.write(batch, rows, sum)
  }

  /** Re-derives the named entities from the raw table, chunk by chunk, as one logged batch. */
  async rebuild(keys: string[]): Promise<void> {
    const batch = this.nextBatch()
    const at = microsText(Number(batch))
    await this.logBatch(batch, 'start', at)
    const sum = this.model.newSum()
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK)
      const rows = await this.derive(batch, chunk, await this.load(chunk), new Map(), new Map(), true, sum)
      await this.write(batch, rows, null)
    }
    await this.model.writeSum(this.store, sum, this.token(batch))
    await this.logBatch(batch, 'done', at)
  }

  /**
   * Finishes what a crash interrupted: for each batch of this kind logged as started and never
   * done, replays its aggregate change from the states it wrote (the token drops what already
   * went in), then re-derives from the raw table every entity with events stored since it
   * started. With no batch ever logged but raw events present (a store from before the
   * key-value state), rebuilds every entity. Returns the number of entities re-derived.
   */
  async recover(): Promise<number> {
    const kind = this.model.kind
    const [info] = await this.store.named<{ batches: string; raw_events: string }>('ingest-batches-state', { kind })
    const unfinished = await this.store.named<{ batch: string; ingested_at: string }>('ingest-batches-unfinished', { kind })
    let since: string | null = Number(info.batches) === 0 && Number(info.raw_events) > 0 ? '1970-01-01 00:00:00.000000' : null
    for (const u of unfinished) {
      const sum = this.model.newSum()
      for (const r of await this.store.named<{ key: string; state: string; prev: string }>(this.model.queries.ofBatch, { batch: u.batch })) {
        sum.transition(r.key, r.prev ? (JSON.parse(r.prev) as S) : null, JSON.parse(r.state) as S)
      }
      await this.model.writeSum(this.store, sum, this.token(BigInt(u.batch)))
      since ??= u.ingested_at
    }
    let n = 0
    if (since !== null) {
      const keys = (await this.store.named<{ key: string }>(this.model.queries.since, { since })).map((r) => r.key)
      await this.rebuild(keys)
      n = keys.length
    }
    for (const u of unfinished) await this.logBatch(BigInt(u.batch), 'done', u.ingested_at)
    return n
  }
}
