// Keeps each entity's state and the per-(agency, day) aggregates exact as events arrive (ADR 011),
// in this process: document exchanges (dossiers do the same in the engine: dossier-batch.ts). For the entities a batch names: read their stored events and
// state from a key-value table (point look-ups, never the raw table), add the batch's new events,
// derive the new state, write it back, and add "new contribution − old contribution" to the
// aggregates under the batch's deduplication token. Each batch is logged when it starts and when
// it is done, so one that a crash interrupted is finished at the next start-up (`recover`)
// without counting anything twice. What differs per kind is the model (exchange-model.ts).
import { paramChunks, type Store } from '../core/db'
import { microsText } from '../core/kpi/instants'
import { BatchLog } from './batch-log'

/** What adds up a batch's changes: −contribution(before) + contribution(after) per entity. */
export interface ChangeSum<S> {
  transition(key: string, before: S | null, after: S | null): void
}

export interface EntityModel<E extends { id: string }, S, X extends ChangeSum<S>> {
  kind: 'dossier' | 'document'
  /** Named queries: `load` (keys → key, events, state), `ofBatch` (batch, since → key, state, prev),
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
  newSum(): X
  /** Writes a batch's aggregate change; with `repair`, only what a crash kept from being committed. */
  writeSum(store: Store, sum: X, token: string, repair?: boolean): Promise<void>
}

export interface Stored<E, S> {
  events: E[]
  state: S
}

const CHUNK = 10_000

export class StateRefresher<E extends { id: string }, S, X extends ChangeSum<S>> {
  private readonly log: BatchLog

  constructor(
    private readonly store: Store,
    readonly model: EntityModel<E, S, X>,
  ) {
    this.log = new BatchLog(store, model.kind)
  }

  /** A new batch id (batch-log.ts). */
  nextBatch(): bigint {
    return this.log.next()
  }

  logBatch(batch: bigint, phase: 'start' | 'done', ingestedAt: string): Promise<void> {
    return this.log.log(batch, phase, ingestedAt)
  }

  private token(batch: bigint): string {
    return this.log.token(batch)
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
   * the rows to write and the new stored events and state of each; entities that did not change
   * are left out.
   */
  async derive(
    keys: string[],
    stored: Map<string, Stored<E, S>>,
    fresh: Map<string, E[]>,
    claimed: Map<string, string[]>,
    rebuild: boolean,
    sum: X,
    batch: bigint,
  ): Promise<{ kv: object[]; states: Map<string, Stored<E, S>> }> {
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
    const kv: object[] = []
    const states = new Map<string, Stored<E, S>>()
    for (const key of keys) {
      const before = stored.get(key)
      const add = fresh.get(key) ?? []
      const reread = rawEvents.get(key)
      if (before && add.length === 0 && !reread) continue // nothing new for this entity
      // every stored event: the key-value table's (which only ever names stored events, some
      // maybe not yet visible in the raw table), those re-read from the raw table, and this
      // batch's new ones
      let events = before?.events ?? []
      for (const more of [reread, add]) {
        if (!more || more.length === 0) continue
        const have = new Set(events.map((e) => e.id))
        const missing = more.filter((e) => !have.has(e.id))
        if (missing.length > 0) events = [...events, ...missing]
      }
      if (events.length === 0) continue
      const after = m.derive(key, events)
      const afterText = JSON.stringify(after)
      const beforeText = before ? JSON.stringify(before.state) : ''
      if (before && beforeText === afterText && before.events.length === events.length) continue
      sum.transition(key, before?.state ?? null, after)
      kv.push(m.kvRow(key, JSON.stringify(events.map((e) => m.pack(e))), afterText, beforeText, batch.toString()))
      states.set(key, { events, state: after })
    }
    return { kv, states }
  }

  /**
   * Writes a batch's new states, then the aggregate change. The states go first: a crash after
   * them is finished from them at start-up.
   */
  async write(batch: bigint, kv: object[], sum: X | null): Promise<void> {
    await this.store.insert(this.model.kvTable, kv)
    if (sum) await this.model.writeSum(this.store, sum, this.token(batch))
  }

  /** Re-derives the named entities from the raw table, chunk by chunk, as one logged batch. */
  async rebuild(keys: string[]): Promise<void> {
    const batch = this.nextBatch()
    const at = microsText(Number(batch))
    await this.logBatch(batch, 'start', at)
    const sum = this.model.newSum()
    for (let i = 0; i < keys.length; i += CHUNK) {
      const chunk = keys.slice(i, i + CHUNK)
      const { kv } = await this.derive(chunk, await this.load(chunk), new Map(), new Map(), true, sum, batch)
      await this.write(batch, kv, null)
    }
    await this.model.writeSum(this.store, sum, this.token(batch))
    await this.logBatch(batch, 'done', at)
  }

  /**
   * Finishes what a crash interrupted: for each batch of this kind logged as started and never
   * done, replays its aggregate change from the states it wrote into the tables whose insert
   * was not committed (their batch marker is missing), then re-derives from the raw table every
   * entity with events stored since it started. With no batch ever logged but raw events present (a store from before the
   * key-value state), rebuilds every entity. Returns the number of entities re-derived.
   */
  async recover(): Promise<number> {
    const info = await this.log.info()
    const unfinished = await this.log.unfinished()
    let since: string | null = info.batches === 0 && info.rawEvents > 0 ? '1970-01-01 00:00:00.000000' : null
    for (const u of unfinished) {
      const sum = this.model.newSum()
      for (const r of await this.store.named<{ key: string; state: string; prev: string }>(this.model.queries.ofBatch, { batch: u.batch, since: u.ingested_at })) {
        sum.transition(r.key, r.prev ? (JSON.parse(r.prev) as S) : null, JSON.parse(r.state) as S)
      }
      await this.model.writeSum(this.store, sum, this.token(BigInt(u.batch)), true)
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
