// Agencies and procedures of a unit (kpi.md, "Agencies and procedures of a unit"): the dossier
// figures of each agency the unit has in the registry (its dossiers are those it owns) and of each
// procedure with at least one dossier of the unit, with index and rank among the rows of the list.
// One named query (sql/queries/dossier-breakdown.sql) over the per-dossier state, for one period.
import { config } from '../config'
import type { Store } from '../db'
import { chTime, type Period } from './period'
import type { DossierFigures } from './dossiers'
import { avgDays, band, partialIndex, rankUnits, rate } from './scoring'
import type { Structure, UnitLevel } from './units'

export interface BreakdownRow extends DossierFigures {
  code: string
  /** The registry's name of an agency; null for a procedure until a procedure catalogue is loaded. */
  name: string | null
  rank: number | null
  band: string | null
}

interface Counts {
  key: string
  n_received: string
  n_online: string
  n_paid: string
  n_digitized: string
  n_resolved: string
  n_on_time: string
  n_dur_us: string
  n_dur_n: string
  n_closed: string
  n_pending: string
  n_overdue: string
}

export interface BreakdownQuery {
  level: UnitLevel
  unit: string
  structure: Structure
  period: Period
}

function figures(c: Counts | undefined): DossierFigures {
  const n = (k: string) => (c ? Number(c[`n_${k}` as keyof Counts]) : 0)
  const received = n('received')
  const resolved = n('resolved')
  const on_time = n('on_time')
  const f = {
    received,
    resolved,
    on_time,
    late: resolved - on_time,
    on_time_rate: rate(on_time, resolved),
    pending: n('pending'),
    overdue: n('overdue'),
    closed_unresolved: n('closed'),
    online_rate: rate(n('online'), received),
    paid_online_rate: rate(n('paid'), received),
    digitized_rate: rate(n('digitized'), received),
    avg_days: avgDays(BigInt(c?.n_dur_us ?? '0'), n('dur_n')),
  }
  return { ...f, index: partialIndex(f, config().index) }
}

const counts = (store: Store, q: BreakdownQuery, by: 'agency' | 'procedure') =>
  store.named<Counts>('dossier-breakdown', {
    level: q.level,
    structure: q.structure,
    unit: q.unit,
    by,
    start: chTime(q.period.start),
    end: chTime(q.period.end),
    now: chTime(q.period.T),
  })

function ranked(rows: Array<Omit<BreakdownRow, 'rank' | 'band'>>): BreakdownRow[] {
  const bands = config().bands
  return rankUnits(rows).map((r) => ({ ...r, band: band(r.index, bands)?.label ?? null }))
}

/** Every registry agency of the unit (zeros and nulls without dossiers), by agency code. */
export async function agencyTable(store: Store, q: BreakdownQuery): Promise<BreakdownRow[]> {
  const [agencies, rows] = await Promise.all([
    store.named<{ code: string; name: string }>('unit-agencies', { level: q.level, structure: q.structure, unit: q.unit }),
    counts(store, q, 'agency'),
  ])
  const byKey = new Map(rows.map((r) => [r.key, r]))
  return ranked(agencies.map((a) => ({ code: a.code, name: a.name, ...figures(byKey.get(a.code)) })))
}

/** Every procedure with at least one dossier of the unit, by procedure code; names are null (no procedure catalogue yet). */
export async function procedureTable(store: Store, q: BreakdownQuery): Promise<BreakdownRow[]> {
  const rows = await counts(store, q, 'procedure')
  return ranked(rows.map((r) => ({ code: r.key, name: null, ...figures(r) })))
}

/** Registry names of the given agency codes (for case lists); codes not in the registry are absent. */
export async function agencyNames(store: Store, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {}
  const rows = await store.named<{ agency_code: string; name: string }>('agency-names', { codes: [...new Set(codes)] })
  return Object.fromEntries(rows.map((r) => [r.agency_code, r.name]))
}

export interface OverdueAgency {
  code: string
  /** null when the agency is not in the registry. */
  name: string | null
  /** Its unit at the level asked ('' when unmapped, or for the national level). */
  unit: string
  overdue: number
}

/** The agencies with the most overdue dossiers at the period's T (nationally with level 'national'), most first, then by code. */
export async function mostOverdueAgencies(
  store: Store,
  q: { level: 'national' | UnitLevel; unit: string; structure: Structure; period: Period; limit: number },
): Promise<OverdueAgency[]> {
  const rows = await store.named<{ code: string; agency_name: string; agency_unit: string; n_overdue: string }>('dossier-overdue-agencies', {
    level: q.level,
    structure: q.structure,
    unit: q.level === 'national' ? '' : q.unit,
    T: chTime(q.period.T),
    limit: q.limit,
  })
  return rows.map((r) => ({ code: r.code, name: r.agency_name || null, unit: r.agency_unit, overdue: Number(r.n_overdue) }))
}
