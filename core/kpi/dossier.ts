// One dossier: its events in the order of kpi.md, each marked counted or not, and its derived state.
import type { Store } from '../db'
import { microsText, type DossierState } from './dossier-state'
import { isoVn } from './period'

const TIMES = ['occurred_at', 'received_at', 'due_at', 'finished_at', 'ingested_at', 'finished_at', 'closed_at', 'ended_at'] as const

function withIsoTimes<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = { ...row }
  for (const k of TIMES) if (k in out) out[k] = isoVn(out[k] as string | null)
  return out as T
}

const asBool = (v: unknown) => (v === null || v === undefined ? null : Number(v) === 1)

const text = (us: number | null) => (us === null ? null : microsText(us))

export async function dossierDetail(store: Store, code: string) {
  const [events, states] = await Promise.all([
    store.named<Record<string, unknown>>('dossier-events', { code }),
    store.named<{ state: string; ministry_unit: string | null; province_current: string | null; province_historical: string | null }>('dossier-state', { code }),
  ])
  if (events.length === 0) return null
  const row = states[0]
  const s = row ? (JSON.parse(row.state) as DossierState) : null
  const state =
    row && s
      ? withIsoTimes({
          owner_agency: s.owner,
          procedure_code: s.procedure,
          received: s.received,
          received_at: text(s.received_at),
          finished: s.finished_at !== null,
          finished_at: text(s.finished_at),
          closed_at: text(s.closed_at),
          ended_at: text(s.ended_at),
          end_status: s.end_status || null,
          due_at: text(s.due_at),
          channel: s.channel,
          paid_online: s.paid_online,
          digitized: s.digitized,
          on_time: s.finished_at === null ? null : s.on_time,
          late: s.finished_at === null ? null : !s.on_time,
          units: {
            ministry: row.ministry_unit || null,
            province: row.province_current || null,
            province_historical: row.province_historical || null,
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
