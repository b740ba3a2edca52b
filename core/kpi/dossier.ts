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

export async function dossierDetail(store: Store, code: string) {
  const [events, states] = await Promise.all([
    store.named<Record<string, unknown>>('dossier-events', { code }),
    store.named<Record<string, unknown>>('dossier-state', { code }),
  ])
  if (events.length === 0) return null
  const s = states[0]
  const state = s
    ? withIsoTimes({
        owner_agency: s.owner_agency as string,
        procedure_code: s.procedure_code as string,
        received: Number(s.received) === 1,
        received_at: s.received_at as string | null,
        finished: s.finished_at !== null,
        finished_at: s.finished_at as string | null,
        closed_at: s.closed_at as string | null,
        ended_at: s.ended_at as string | null,
        end_status: Number(s.end_status) || null,
        due_at: s.due_at as string | null,
        channel: s.channel === null ? null : Number(s.channel),
        paid_online: Number(s.paid_online) === 1,
        digitized: Number(s.digitized) === 1,
        on_time: s.finished_at === null ? null : Number(s.on_time) === 1,
        late: s.finished_at === null ? null : Number(s.on_time) !== 1,
        units: {
          ministry: (s.ministry_unit as string) || null,
          province: (s.province_current as string) || null,
          province_historical: (s.province_historical as string) || null,
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
