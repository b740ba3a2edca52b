// Document-axis figures of kpi.md per unit, from the per-(agency, day) document aggregates and the
// per-exchange latencies of the exchanges sent in the period (ADR 011).
import type { Store } from '../db'
import { atT, chTime, partsRead, wholeMonths, type Period } from './period'
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

interface CountRow {
  unit_code: string
  sent: string
  received: string
  accepted: string
  refused: string
  unack_d: string
}

interface LatencyRow {
  unit_code: string
  p50_us: string
  p95_us: string
  n: string
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

/** Document figures per unit of a level, from the per-(agency, day) aggregates (ADR 011). */
export async function documentUnits(store: Store, q: { level: UnitLevel; structure: Structure; period: Period }): Promise<Array<Unit & DocumentFigures>> {
  const { now, today, cutoff } = atT(q.period)
  const months = wholeMonths(q.period.from, q.period.to, today, null)
  const base = { level: q.level, structure: q.structure }
  const [units, counts, latencies] = await Promise.all([
    listUnits(store, q.level, q.structure),
    // the counts, and the unacknowledged count at T (the period's changes, those before it, today's by now)
    store.named<CountRow>(
      'document-figures',
      { ...base, first_day: q.period.from, last_day: q.period.to, today, cutoff, month_from: months.from, month_to: months.to, has_now: now ? 1 : 0, now: chTime(now ?? q.period.T) },
      { ...partsRead([{ from: q.period.from, to: q.period.to, months, cutoff }]), has_now: now !== null },
    ),
    store.named<LatencyRow>('document-latency', { ...base, first_day: q.period.from, last_day: q.period.to }),
  ])
  const countOf = new Map(counts.map((r) => [r.unit_code, r]))
  const latencyOf = new Map(latencies.map((r) => [r.unit_code, r]))
  return units.map((u) => {
    const c = countOf.get(u.code)
    const l = latencyOf.get(u.code)
    const received = Number(c?.received ?? 0)
    const withLatency = Number(l?.n ?? 0) > 0
    return {
      ...u,
      sent: Number(c?.sent ?? 0),
      received,
      accepted_rate: rate(Number(c?.accepted ?? 0), received),
      refused_rate: rate(Number(c?.refused ?? 0), received),
      latency_p50_s: withLatency ? seconds(l!.p50_us) : null,
      latency_p95_s: withLatency ? seconds(l!.p95_us) : null,
      unacknowledged: Number(c?.unack_d ?? 0),
    }
  })
}
