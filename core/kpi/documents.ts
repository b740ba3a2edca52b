// Document-axis figures of kpi.md per unit, computed in ClickHouse over the per-exchange state.
import type { Store } from '../db'
import { chTime, type Period } from './period'
import { rate } from './scoring'
import { listUnits, type Structure, type Unit, type UnitLevel } from './units'

export interface DocumentFigures {
  sent: number
  received: number
  accepted_rate: number | null
  refused_rate: number | null
  latency_p50_s: number | null
  latency_p95_s: number | null
  unacknowledged: number
}

interface Row {
  unit: string
  sent: string
  received: string
  accepted: string
  refused: string
  p50_us: string
  p95_us: string
  unacknowledged: string
}

const seconds = (us: string) => Number(BigInt(us)) / 1e6

export const emptyDocumentFigures = (): DocumentFigures => ({
  sent: 0,
  received: 0,
  accepted_rate: null,
  refused_rate: null,
  latency_p50_s: null,
  latency_p95_s: null,
  unacknowledged: 0,
})

export async function documentUnits(store: Store, q: { level: UnitLevel; structure: Structure; period: Period }): Promise<Array<Unit & DocumentFigures>> {
  const [units, rows] = await Promise.all([
    listUnits(store, q.level, q.structure),
    store.named<Row>('document-figures', {
      level: q.level,
      structure: q.structure,
      start: chTime(q.period.start),
      end: chTime(q.period.end),
      T: chTime(q.period.T),
    }),
  ])
  const byUnit = new Map(rows.map((r) => [r.unit, r]))
  return units.map((u) => {
    const r = byUnit.get(u.code)
    if (!r) return { ...u, ...emptyDocumentFigures() }
    const received = Number(r.received)
    const accepted = Number(r.accepted)
    return {
      ...u,
      sent: Number(r.sent),
      received,
      accepted_rate: rate(accepted, received),
      refused_rate: rate(Number(r.refused), received),
      latency_p50_s: accepted === 0 ? null : seconds(r.p50_us),
      latency_p95_s: accepted === 0 ? null : seconds(r.p95_us),
      unacknowledged: Number(r.unacknowledged),
    }
  })
}
