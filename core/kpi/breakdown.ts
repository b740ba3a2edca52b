// Agencies and procedures of a unit (kpi.md, "Agencies and procedures of a unit"): the dossier
// figures of each agency the unit has in the registry (its dossiers are those it owns) and of each
// procedure with at least one dossier of the unit, with index and rank among the rows of the list.
// Read from the same per-(agency, day) and per-(agency, procedure, day) aggregates as every
// dossier figure (core/kpi/dossiers.ts, ADR 011). A procedure is listed when the unit has a
// dossier with it at any time, before, in or after the period, received or not (part `k` of dossier-figures.sql).
import { config } from '../config'
import type { Store } from '../db'
import { registryRows } from '../registry-reads'
import type { Grain, Period } from './period'
import { emptyFigures, figuresByAgency, figuresByUnit, proceduresOfUnit, trend, trendAndAgencies, type DossierFigures } from './dossiers'
import { band, rankUnits } from './scoring'
import type { Structure, UnitLevel } from './units'

export interface BreakdownRow extends DossierFigures {
  code: string
  /** The registry's name of an agency; null for a procedure until a procedure catalogue is loaded. */
  name: string | null
  rank: number | null
  band: string | null
}

export interface BreakdownQuery {
  level: UnitLevel
  unit: string
  structure: Structure
  period: Period
}

function ranked(rows: Array<Omit<BreakdownRow, 'rank' | 'band'>>): BreakdownRow[] {
  const bands = config().bands
  return rankUnits(rows).map((r) => ({ ...r, band: band(r.index, bands)?.label ?? null }))
}

/** The registry's agencies of the unit, by code. */
const unitAgencies = (store: Store, q: BreakdownQuery) =>
  registryRows<{ code: string; name: string }>(store, 'unit-agencies', { level: q.level, structure: q.structure, unit: q.unit })

/** Every registry agency of the unit with its figures (zeros and nulls without dossiers), ranked. */
const agencyRows = (agencies: Array<{ code: string; name: string }>, byAgency: Map<string, DossierFigures>) =>
  ranked(agencies.map((a) => ({ code: a.code, name: a.name, ...(byAgency.get(a.code) ?? emptyFigures()) })))

/** Every registry agency of the unit (zeros and nulls without dossiers), by agency code. */
export async function agencyTable(store: Store, q: BreakdownQuery): Promise<BreakdownRow[]> {
  const [agencies, byAgency] = await Promise.all([unitAgencies(store, q), figuresByAgency(store, q)])
  return agencyRows(agencies, byAgency)
}

/**
 * A unit's trend (core/kpi/dossiers.ts#trend) and, with `agencies`, agencyTable() (null without),
 * both from one figure query.
 */
export async function unitTrend(
  store: Store,
  q: BreakdownQuery & { grain: Grain; agencies: boolean },
): Promise<{ trend: Array<{ period: string } & DossierFigures>; agencies: BreakdownRow[] | null }> {
  if (!q.agencies) return { trend: await trend(store, q), agencies: null }
  const [agencies, both] = await Promise.all([unitAgencies(store, q), trendAndAgencies(store, q)])
  return { trend: both.trend, agencies: agencyRows(agencies, both.byAgency) }
}

/** Every procedure with at least one dossier of the unit, by procedure code; names are null (no procedure catalogue yet). */
export async function procedureTable(store: Store, q: BreakdownQuery): Promise<BreakdownRow[]> {
  const { byProcedure, listed } = await proceduresOfUnit(store, q)
  const codes = [...new Set([...listed, ...byProcedure.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return ranked(codes.map((code) => ({ code, name: null, ...(byProcedure.get(code) ?? emptyFigures()) })))
}

/**
 * Registry names of the given agency codes (for case lists); codes not in the registry are absent.
 * The names of `known` agencies (a unit's, just read with their figures: its cases are theirs) are
 * taken as they are, and the registry is asked only for the others (ADR 011, session 27).
 */
export async function agencyNames(store: Store, codes: readonly string[], known: ReadonlyArray<{ code: string; name: string | null }> = []): Promise<Record<string, string>> {
  const have = new Map(known.filter((a) => a.name !== null).map((a) => [a.code, a.name as string]))
  const wanted = [...new Set(codes)]
  const ask = wanted.filter((c) => !have.has(c)).sort()
  const rows = ask.length === 0 ? [] : await registryRows<{ agency_code: string; name: string }>(store, 'agency-names', { codes: ask })
  return Object.fromEntries([...wanted.filter((c) => have.has(c)).map((c) => [c, have.get(c)!]), ...rows.map((r) => [r.agency_code, r.name])])
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
  const { byUnit } = await figuresByUnit(store, { level: q.level, unit: q.level === 'national' ? '' : q.unit, structure: q.structure, period: q.period, grain: null, by: 'agency' })
  const top = [...byUnit]
    .map(([code, list]) => ({ code, overdue: list[0].overdue }))
    .filter((a) => a.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, q.limit)
  const names = await agencyNames(store, top.map((a) => a.code))
  return top.map((a) => ({ code: a.code, name: names[a.code] ?? null, unit: q.level === 'national' ? '' : q.unit, overdue: a.overdue }))
}
