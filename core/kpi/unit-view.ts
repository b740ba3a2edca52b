// What a unit's page shows about its index: its row among the units of its level (figures, rank,
// band, and with a comparison the earlier period's), how many units are ranked, and the four
// groups of the partial index with their points, so routes only fetch and render.
import { config } from '../config'
import type { Store } from '../db'
import type { Period } from './period'
import { indexGroups, type IndexGroup } from './scoring'
import { unitsView, type Compare } from './compare'
import { caseListReading, overdueCaseList, type OverdueCase } from './dossiers'
import type { Structure, UnitLevel } from './units'

/**
 * With `cases`, also the first page of the unit's overdue cases; their total is the row's `overdue`
 * (the same figure of the same period and T, not read twice).
 */
export async function unitView(store: Store, q: { level: UnitLevel; unit: string; structure: Structure; period: Period; compare: Compare | null; cases?: { limit: number } }) {
  // the units first: the unit's share of its level's cases says how its list is read (a page's
  // other reads run meanwhile)
  const units = await unitsView(store, q)
  const row = units.find((u) => u.code === q.unit) ?? null
  const read = caseListReading(row?.overdue ?? 0, units.reduce((s, u) => s + u.overdue, 0))
  const cases = q.cases ? await overdueCaseList(store, { ...q, limit: q.cases.limit, offset: 0, read }) : null
  const groups: IndexGroup[] = row ? indexGroups(row, config().index) : []
  return {
    row,
    overdue: row && cases ? { total: row.overdue, cases } : (null as { total: number; cases: OverdueCase[] } | null),
    ranked: units.filter((u) => u.rank !== null).length,
    units: units.length,
    groups,
    available: groups.reduce((s, g) => s + g.points, 0),
    scored: groups.reduce((s, g) => s + g.score, 0),
  }
}
