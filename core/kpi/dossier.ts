// One dossier: its events in the order of kpi.md, each marked counted or not, and its derived state.
import type { Store } from '../db'
import { isoVn } from './period'

const TIMES = ['occurred_at', 'received_at', 'due_at', 'finished_at', 'ingested_at', 'finished_at', 'closed_at', 'ended_at'] as const

function withIsoTimes<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row }
  for (const k of TIMES) if (k in out) out[k] = isoVn(out[k] as string | null)
  return out as T
}

const asBool = (v: unknown) => (v === null || v === undefined ? null : Number(v) === 1)

/** A dossier's state as its key-value row holds it (sql/queries/dossier-state.sql); times are UTC text. */
interface StateRow {
  owner: string
  procedure: string
  received: number
  received_at: string | null
  finished_at: string | null
  closed_at: string | null
  ended_at: string | null
  due_at: string | null
  channel: number | null
  paid_online: number
  digitized: number
  end_status: number
  on_time: number
  ministry_unit: string | null
  province_current: string | null
  province_historical: string | null
}

export async function dossierDetail(store: Store, code: string) {
  const [events, states] = await Promise.all([store.named<Record<string, unknown>>('dossier-events', { code }), store.named<StateRow>('dossier-state', { code })])
  if (events.length === 0) return null
  const s = states[0]
  const finished = s ? s.finished_at !== null : false
  const state = s
    ? withIsoTimes({
        owner_agency: s.owner,
        procedure_code: s.procedure,
        received: Number(s.received) === 1,
        received_at: s.received_at,
        finished,
        finished_at: s.finished_at,
        closed_at: s.closed_at,
        ended_at: s.ended_at,
        end_status: Number(s.end_status) || null,
        due_at: s.due_at,
        channel: s.channel === null ? null : Number(s.channel),
        paid_online: Number(s.paid_online) === 1,
        digitized: Number(s.digitized) === 1,
        on_time: finished ? Number(s.on_time) === 1 : null,
        late: finished ? Number(s.on_time) !== 1 : null,
        units: {
          ministry: s.ministry_unit || null,
          province: s.province_current || null,
          province_historical: s.province_historical || null,
        },
      })
    : null
  return {
    dossier_code: code,
    state,
    events: events.map((e) =>
      withIsoTimes({ ...e, status: Number(e.status), counted: Number(e.counted) === 1, paid_online: asBool(e.paid_online), digitized: asBool(e.digitized) }),
    ),
  }
}
