// Keeps each dossier's state and the per-(agency, day) aggregates exact as events arrive (ADR 011).
// For the dossiers a batch names: read their stored events and state from the key-value table
// (point look-ups, never the raw table), add the batch's new events, derive the new state, write
// it back, and add "new contribution − old contribution" to the aggregates under the batch's
// deduplication token. A batch is logged when it starts and when it is done, so one that a crash
// interrupted is finished at the next start-up (`recoverDossiers`) without counting anything twice.
import type { Store } from '../core/db'
import {
  ContributionSum,
  deriveState,
  micros,
  microsText,
  type DayRow,
  type DossierState,
  type StateEvent,
} from '../core/kpi/dossier-state'
import type { DossierRecord } from './records'

type Packed = [string, number, number, string, string, number | null, number | null, number | null, number | null, 0 | 1 | null, 0 | 1 | null]

const pack = (e: StateEvent): Packed => [
  e.id,
  e.status,
  e.at,
  e.agency,
  e.procedure,
  e.received,
  e.due,
  e.finished,
  e.channel,
  e.paid === null ? null : e.paid ? 1 : 0,
  e.digitized === null ? null : e.digitized ? 1 : 0,
]
const unpack = (p: Packed): StateEvent => ({
  id: p[0],
  status: p[1],
  at: p[2],
  agency: p[3],
  procedure: p[4],
  received: p[5],
  due: p[6],
  finished: p[7],
  channel: p[8],
  paid: p[9] === null ? null : p[9] === 1,
  digitized: p[10] === null ? null : p[10] === 1,
})

const orNull = (t: string | null) => (t === null ? null : micros(t))

export function stateEventOf(r: DossierRecord): StateEvent {
  return {
    id: r.event_id,
    status: r.status,
    at: micros(r.occurred_at),
    agency: r.agency_code,
    procedure: r.procedure_code,
    received: orNull(r.received_at),
    due: orNull(r.due_at),
    finished: orNull(r.finished_at),
    channel: r.channel,
    paid: r.paid_online,
    digitized: r.digitized,
  }
}

interface RawRow {
  event_id: string
  dossier_code: string
  status: number
  occurred_at: string
  agency_code: string
  procedure_code: string
  received_at: string | null
  due_at: string | null
  finished_at: string | null
  channel: number | null
  paid_online: number | null
  digitized: number | null
}

const fromRaw = (r: RawRow): StateEvent => ({
  id: r.event_id,
  status: Number(r.status),
  at: micros(r.occurred_at),
  agency: r.agency_code,
  procedure: r.procedure_code,
  received: orNull(r.received_at),
  due: orNull(r.due_at),
  finished: orNull(r.finished_at),
  channel: r.channel === null ? null : Number(r.channel),
  paid: r.paid_online === null ? null : Number(r.paid_online) === 1,
  digitized: r.digitized === null ? null : Number(r.digitized) === 1,
})

const CHUNK = 10_000

/** A day number (days since 1970-01-01) as the first day of its month, as a day number. */
function monthOf(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000
}

function dayRows(rows: DayRow[]): object[] {
  return rows.map((r) => ({ ...r, dur_us: r.dur_us.toString() }))
}

function monthRows(rows: DayRow[]): object[] {
  const byKey = new Map<string, DayRow>()
  for (const r of rows) {
    const month = monthOf(r.day)
    const k = `${month}\u0000${r.agency_code}`
    const m = byKey.get(k)
    if (!m) {
      byKey.set(k, { ...r, day: month })
      continue
    }
    m.received += r.received
    m.online += r.online
    m.paid += r.paid
    m.digitized += r.digitized
    m.resolved += r.resolved
    m.on_time += r.on_time
    m.dur_us += r.dur_us
    m.dur_n += r.dur_n
    m.closed += r.closed
    m.pending_d += r.pending_d
    m.overdue_d += r.overdue_d
  }
  return [...byKey.values()].map(({ day, ...r }) => ({ month: day, ...r, dur_us: r.dur_us.toString() }))
}

function mirrorRow(code: string, s: DossierState, version: string): object {
  const t = (x: number | null) => (x === null ? null : microsText(x))
  return {
    dossier_code: code,
    owner_agency: s.owner,
    procedure_code: s.procedure,
    received: s.received ? 1 : 0,
    received_at: t(s.received_at),
    finished_at: t(s.finished_at),
    closed_at: t(s.closed_at),
    ended_at: t(s.ended_at),
    due_at: t(s.due_at),
    channel: s.channel,
    paid_online: s.paid_online ? 1 : 0,
    digitized: s.digitized ? 1 : 0,
    on_time: s.on_time ? 1 : 0,
    end_status: s.end_status,
    events: s.events,
    version,
  }
}

/** Writes the aggregate change of a batch; the token makes a replay of the same batch count once. */
export async function writeContribution(store: Store, sum: ContributionSum, batch: bigint): Promise<void> {
  const c = sum.result()
  const token = `dossier-batch-${batch}`
  await store.insert('dossier_day', dayRows(c.days), token)
  await store.insert('dossier_month', monthRows(c.days), token)
  await store.insert(
    'dossier_instant',
    c.instants.map((r) => ({ day: r.day, agency_code: r.agency_code, x: microsText(r.x), strict: r.strict ? 1 : 0, pending_d: r.pending_d, overdue_d: r.overdue_d })),
    token,
  )
  await store.insert(
    'dossier_overdue_cases',
    c.cases.map((r) => ({
      ended_key: microsText(r.ended_at ?? NEVER),
      due_at: microsText(r.due_at),
      dossier_code: r.dossier_code,
      owner_agency: r.owner_agency,
      procedure_code: r.procedure_code,
      received_at: microsText(r.received_at),
      sign: r.sign,
    })),
    token,
  )
}

/** The ended_key of a dossier that has not ended: after every T a figure can be read at. */
const NEVER = Date.UTC(2299, 11, 31) * 1000

export class DossierRefresher {
  private last = 0n

  constructor(private readonly store: Store) {}

  /** A new batch id: microseconds since the epoch, strictly increasing in this process. */
  nextBatch(): bigint {
    const now = BigInt(Date.now()) * 1000n
    this.last = now > this.last ? now : this.last + 1n
    return this.last
  }

  async logBatch(batch: bigint, phase: 'start' | 'done', ingestedAt: string): Promise<void> {
    await this.store.insert('ingest_batches', [{ batch: batch.toString(), phase, ingested_at: ingestedAt }])
  }

  /** The stored events and state of these dossiers (point look-ups in the key-value table). */
  async load(codes: string[]): Promise<Map<string, Stored>> {
    const stored = new Map<string, Stored>()
    for (let i = 0; i < codes.length; i += CHUNK) {
      const rows = await this.store.named<{ dossier_code: string; events: string; state: string }>('dossier-kv', { codes: codes.slice(i, i + CHUNK) })
      for (const r of rows) stored.set(r.dossier_code, { events: (JSON.parse(r.events) as Packed[]).map(unpack), state: JSON.parse(r.state) as DossierState })
    }
    return stored
  }

  /**
   * The new state of each named dossier: its stored events plus `fresh` (the events this batch
   * stores). `claimed` are event ids the batch found already stored: one that a dossier's state
   * lacks (a crash between the raw insert and the state) makes that dossier re-read from the raw
   * table; with `rebuild`, every named dossier is. Adds each change to `sum` and returns the rows
   * to write; dossiers that did not change are left out.
   */
  async derive(
    batch: bigint,
    codes: string[],
    stored: Map<string, Stored>,
    fresh: Map<string, StateEvent[]>,
    claimed: Map<string, string[]>,
    rebuild: boolean,
    sum: ContributionSum,
  ): Promise<{ kv: object[]; mirror: object[] }> {
    const fromRawTable = rebuild
      ? codes
      : codes.filter((code) => {
          const ids = claimed.get(code)
          if (!ids) return false
          const have = new Set(stored.get(code)?.events.map((e) => e.id))
          return ids.some((id) => !have.has(id))
        })
    const rawEvents = new Map<string, StateEvent[]>()
    for (let i = 0; i < fromRawTable.length; i += CHUNK) {
      for (const r of await this.store.named<RawRow>('dossier-events-raw', { codes: fromRawTable.slice(i, i + CHUNK) })) {
        const list = rawEvents.get(r.dossier_code) ?? []
        list.push(fromRaw(r))
        rawEvents.set(r.dossier_code, list)
      }
    }
    const version = microsText(Number(batch))
    const kv: object[] = []
    const mirror: object[] = []
    for (const code of codes) {
      const before = stored.get(code)
      let events: StateEvent[]
      if (rawEvents.has(code)) events = rawEvents.get(code)!
      else {
        const add = fresh.get(code) ?? []
        if (before && add.length === 0) continue // nothing new for this dossier
        const have = new Set(before?.events.map((e) => e.id))
        events = [...(before?.events ?? []), ...add.filter((e) => !have.has(e.id))]
      }
      if (events.length === 0) continue
      const after = deriveState(events)
      const afterText = JSON.stringify(after)
      if (before && JSON.stringify(before.state) === afterText && before.events.length === events.length) continue
      sum.transition(code, before?.state ?? null, after)
      kv.push({ dossier_code: code, events: JSON.stringify(events.map(pack)), state: afterText, prev: before ? JSON.stringify(before.state) : '', batch: batch.toString() })
      mirror.push(mirrorRow(code, after, version))
    }
    return { kv, mirror }
  }

  /**
   * Writes a batch's new states, then (in parallel) their per-dossier mirror and the aggregate
   * change. The states go first: a crash after them is finished from them at start-up.
   */
  async write(batch: bigint, rows: { kv: object[]; mirror: object[] }, sum: ContributionSum | null): Promise<void> {
    await this.store.insert('dossier_kv', rows.kv)
    await Promise.all([this.store.insert('dossier_state', rows.mirror), sum ? writeContribution(this.store, sum, batch) : undefined])
  }

  /** Re-derives the named dossiers from the raw table, chunk by chunk, as one batch. */
  async rebuild(batch: bigint, codes: string[]): Promise<void> {
    const sum = new ContributionSum()
    for (let i = 0; i < codes.length; i += CHUNK) {
      const chunk = codes.slice(i, i + CHUNK)
      const rows = await this.derive(batch, chunk, await this.load(chunk), new Map(), new Map(), true, sum)
      await this.write(batch, rows, null)
    }
    await writeContribution(this.store, sum, batch)
  }
}

interface Stored {
  events: StateEvent[]
  state: DossierState
}

/**
 * Finishes what a crash interrupted: for each dossier batch logged as started and never done,
 * replays its aggregate change from the states it wrote (the token drops what already went in),
 * then re-derives from the raw table every dossier with events stored since it started. With no
 * batch ever logged but raw events present (a store from before the key-value state), rebuilds
 * every dossier. Returns the number of dossiers re-derived.
 */
export async function recoverDossiers(store: Store, refresher: DossierRefresher): Promise<number> {
  const [info] = await store.named<{ last_done: string | null; batches: string; raw_events: string }>('ingest-batches-last-done')
  const unfinished = await store.named<{ batch: string; ingested_at: string }>('ingest-batches-unfinished')
  let since: string | null = null
  if (Number(info.batches) === 0 && Number(info.raw_events) > 0) since = '1970-01-01 00:00:00.000000'
  for (const u of unfinished) {
    const batch = BigInt(u.batch)
    const sum = new ContributionSum()
    for (const r of await store.named<{ dossier_code: string; state: string; prev: string }>('dossier-kv-of-batch', { batch: u.batch })) {
      sum.transition(r.dossier_code, r.prev ? (JSON.parse(r.prev) as DossierState) : null, JSON.parse(r.state) as DossierState)
    }
    await writeContribution(store, sum, batch)
    since ??= u.ingested_at
  }
  let n = 0
  if (since !== null) {
    const codes = (await store.named<{ dossier_code: string }>('dossier-codes-since', { since })).map((r) => r.dossier_code)
    const batch = refresher.nextBatch()
    const at = microsText(Number(batch))
    await refresher.logBatch(batch, 'start', at)
    await refresher.rebuild(batch, codes)
    await refresher.logBatch(batch, 'done', at)
    n = codes.length
  }
  for (const u of unfinished) await refresher.logBatch(BigInt(u.batch), 'done', u.ingested_at)
  return n
}
