// The dossier as an entity of the state refresher (state-refresh.ts, ADR 011): its events packed
// for the key-value table, read back from the raw table, its state (core/kpi/dossier-state.ts),
// and the aggregate tables its changes go to.
import type { Store } from '../core/db'
import {
  ContributionSum,
  deriveState,
  micros,
  microsText,
  type DossierState,
  type StateEvent,
} from '../core/kpi/dossier-state'
import type { DossierRecord } from './records'
import { rollUp, toMonths } from './aggregate-rows'
import type { EntityModel } from './state-refresh'
import { insertWithMarker } from './batch-markers'

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

const eventOfRaw = (r: RawRow): StateEvent => ({
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

/**
 * Writes the aggregate change of a batch, each table's rows with the batch's marker (batch-markers.ts);
 * repairing, only to the tables whose insert was not committed.
 */
async function writeContribution(store: Store, sum: ContributionSum, token: string, repair = false): Promise<void> {
  const c = sum.result()
  // per procedure of each agency, and rolled up per agency (what units and agencies read)
  const byAgency = rollUp(c.days, (r) => ({ ...r, procedure_code: '' }))
  const text = <T extends { dur_us: bigint }>(rows: T[]) => rows.map((r) => ({ ...r, dur_us: r.dur_us.toString() }))
  await insertWithMarker(store, 'dossier_day', text(byAgency), token, repair)
  await insertWithMarker(store, 'dossier_month', text(toMonths(byAgency)), token, repair)
  await insertWithMarker(store, 'dossier_proc_day', text(c.days), token, repair)
  await insertWithMarker(store, 'dossier_proc_month', text(toMonths(c.days)), token, repair)
  await insertWithMarker(store, 'dossier_at_total', atTotals(byAgency), token, repair)
  await insertWithMarker(store, 'dossier_proc_at_total', atTotals(c.days), token, repair)
  await insertWithMarker(
    store,
    'dossier_instant',
    c.instants.map((r) => ({ ...r, x: microsText(r.x), strict: r.strict ? 1 : 0 })),
    token,
    repair,
  )
  await insertWithMarker(
    store,
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
    repair,
  )
}

/** Per-day rows summed over all time, per agency and procedure: the at-T changes and the dossiers (only rows that change them). */
const atTotals = (rows: ReadonlyArray<{ agency_code: string; procedure_code: string; pending_d: number; overdue_d: number; dossiers: number }>) =>
  rollUp(
    rows.filter((r) => r.pending_d !== 0 || r.overdue_d !== 0 || r.dossiers !== 0),
    (r) => ({ agency_code: r.agency_code, procedure_code: r.procedure_code, pending_d: r.pending_d, overdue_d: r.overdue_d, dossiers: r.dossiers, batches: 0 }),
  )

/** The ended_key of a dossier that has not ended: after every T a figure can be read at. */
const NEVER = Date.UTC(2299, 11, 31) * 1000

export const dossierModel: EntityModel<StateEvent, DossierState, ContributionSum> = {
  kind: 'dossier',
  queries: { load: 'dossier-kv', ofBatch: 'dossier-kv-of-batch', raw: 'dossier-events-raw', since: 'dossier-codes-since' },
  kvTable: 'dossier_kv',
  pack,
  unpack: (p) => unpack(p as Packed),
  fromRaw: (row) => ({ key: (row as unknown as RawRow).dossier_code, event: eventOfRaw(row as unknown as RawRow) }),
  rawParams: (keys) => ({ codes: keys }),
  derive: (_key, events) => deriveState(events),
  kvRow: (key, events, state, prev, batch) => ({ dossier_code: key, events, state, prev, batch }),
  newSum: () => new ContributionSum(),
  writeSum: writeContribution,
}
