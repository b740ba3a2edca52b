// Connection progress of kpi.md per unit and platform at T, and its monthly series against the plan.
import { TZDate } from '@date-fns/tz'
import { addMonths, format, startOfMonth } from 'date-fns'
import type { FileConfig } from '../config'
import type { Store } from '../db'
import { chTime, TZ, type Period } from './period'
import { rate } from './scoring'
import { listUnits, type Level, type Structure, type Unit, type UnitLevel } from './units'

/** The platforms of kpi.md (the ingest records name the same two). */
export type Platform = 'document_axis' | 'service_portal'

export interface ConnectionFigures {
  agencies: number
  connected: number
  connected_rate: number | null
  active: number
}

interface Row {
  unit: string
  agencies: string
  connected: string[]
  active: string
}

async function byUnit(store: Store, q: { level: Level; structure: Structure; platform: Platform; ts: Date[] }): Promise<Map<string, Row>> {
  const rows = await store.named<Row>('connection-figures', {
    level: q.level,
    unit_level: q.level === 'national' ? 'province' : q.level,
    structure: q.structure,
    platform: q.platform,
    ts: q.ts.map(chTime),
    T: chTime(q.ts[q.ts.length - 1]),
  })
  return new Map(rows.map((r) => [r.unit, r]))
}

const figures = (r: Row | undefined, i: number, withActive: boolean): ConnectionFigures => {
  const agencies = Number(r?.agencies ?? 0)
  const connected = Number(r?.connected[i] ?? 0)
  return { agencies, connected, connected_rate: rate(connected, agencies), active: withActive ? Number(r?.active ?? 0) : 0 }
}

export async function connectionUnits(
  store: Store,
  q: { level: UnitLevel; structure: Structure; platform: Platform; period: Period },
): Promise<Array<Unit & ConnectionFigures>> {
  const [units, m] = await Promise.all([listUnits(store, q.level, q.structure), byUnit(store, { ...q, ts: [q.period.T] })])
  return units.map((u) => ({ ...u, ...figures(m.get(u.code), 0, true) }))
}

/** The ends of the months that meet the period (the last one is T), labelled YYYY-MM. */
export function monthEnds(p: Period): Array<{ label: string; at: Date }> {
  const out: Array<{ label: string; at: Date }> = []
  let m = startOfMonth(new TZDate(p.start.getTime(), TZ))
  while (m.getTime() < p.T.getTime()) {
    const next = addMonths(m, 1)
    out.push({ label: format(m, 'yyyy-MM'), at: new Date(Math.min(next.getTime(), p.T.getTime())) })
    m = next
  }
  return out
}

/** The plan's target at a day: the target of the latest milestone on or before it (0 before the first). */
export function planTarget(milestones: FileConfig['milestones'][Platform], day: string): number {
  let target = 0
  for (const m of [...(milestones ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1))) if (m.date <= day) target = m.target
  return target
}

export interface SeriesPoint {
  month: string
  connected: number
  agencies: number
  connected_rate: number | null
  plan: number
}

/** Monthly connected_rate of one unit (or the nation) against the plan. */
export async function connectionSeries(
  store: Store,
  q: { level: Level; unit: string; structure: Structure; platform: Platform; period: Period; milestones: FileConfig['milestones'] },
): Promise<SeriesPoint[]> {
  const months = monthEnds(q.period)
  if (months.length === 0) return []
  const m = await byUnit(store, { ...q, ts: months.map((x) => x.at) })
  const r = m.get(q.level === 'national' ? '' : q.unit)
  return months.map((x, i) => {
    const f = figures(r, i, false)
    const lastDay = format(new TZDate(x.at.getTime() - 1, TZ), 'yyyy-MM-dd')
    return { month: x.label, connected: f.connected, agencies: f.agencies, connected_rate: f.connected_rate, plan: planTarget(q.milestones[q.platform], lastDay) }
  })
}
