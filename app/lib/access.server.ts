// The one place that decides who may see what (interfaces.md, "Who may see what").
// Aggregates of every unit: admin, national, ministry, province. Cases and drill-down:
// admin and national everywhere, ministry and province only inside their own unit.
import type { Principal } from '../../core/auth'
import { reference } from '../../core/reference'
import type { Level, Structure } from '../../core/kpi/units'
import { HttpError } from './http.server'

const AGGREGATE_ROLES = new Set(['admin', 'national', 'ministry', 'province'])

export function requireAggregates(p: Principal): void {
  if (!AGGREGATE_ROLES.has(p.role)) throw new HttpError(403, `role ${p.role} may not read figures`)
}

/** Whether p may see the cases of (level, unit); a province unit of structure=historical is judged by its 2025 successor. */
export function mayReadCases(p: Principal, level: Level, unit: string, structure: Structure): boolean {
  if (p.role === 'admin' || p.role === 'national') return true
  if (p.role === 'ministry') return level === 'ministry' && unit === p.scopes[0]
  if (p.role === 'province') {
    if (level !== 'province') return false
    const current = structure === 'historical' ? (reference().successor.get(unit) ?? unit) : unit
    return current === p.scopes[0]
  }
  return false
}

export function requireCases(p: Principal, level: Level, unit: string, structure: Structure): void {
  requireAggregates(p)
  if (!mayReadCases(p, level, unit, structure)) throw new HttpError(403, 'outside your scope: cases and dossiers of your own unit only')
}

/** Drill-down into one dossier: judged by the units of its owner agency. */
export function mayReadDossier(p: Principal, units: { ministry: string | null; province: string | null }): boolean {
  if (p.role === 'admin' || p.role === 'national') return true
  if (p.role === 'ministry') return units.ministry !== null && units.ministry === p.scopes[0]
  if (p.role === 'province') return units.province !== null && units.province === p.scopes[0]
  return false
}

export function requireAdmin(p: Principal): void {
  if (p.role !== 'admin') throw new HttpError(403, 'admin only')
}

/**
 * The rule of every route file (tests/access-matrix.test.ts fails for a route without one):
 * public: anyone; signed-in: any signed-in principal; aggregates: admin, national, ministry,
 * province; cases: aggregates, and ministry/province only inside their unit; ingest: source
 * (within its scope) and admin; admin: admin only.
 */
export type RouteRule = 'public' | 'signed-in' | 'aggregates' | 'cases' | 'ingest' | 'admin'

export const ROUTE_ACCESS: Record<string, RouteRule> = {
  _index: 'aggregates',
  login: 'public',
  logout: 'public',
  'doi-mat-khau': 'signed-in',
  'quan-tri': 'admin',
  'api.$': 'public',
  'api.v1.health': 'public',
  'api.v1.summary': 'aggregates',
  'api.v1.units': 'aggregates',
  'api.v1.trend': 'aggregates',
  'api.v1.overdue': 'cases',
  'api.v1.agencies': 'cases',
  'api.v1.procedures': 'cases',
  'api.v1.dossiers.$code': 'cases',
  'api.v1.documents.units': 'aggregates',
  'api.v1.connections': 'aggregates',
  'api.v1.connections.series': 'aggregates',
  'api.v1.quality': 'aggregates',
  'api.v1.ingest.$kind': 'ingest',
  'api.v1.ingest.dvcqg': 'ingest',
  'api.v1.ingest.edxml': 'ingest',
  'don-vi.$level.$code': 'aggregates',
  'ho-so.$code': 'cases',
  'van-ban': 'aggregates',
  'ket-noi': 'aggregates',
  'chat-luong': 'aggregates',
  'bao-cao': 'aggregates',
  'bao-cao[.pdf]': 'aggregates',
}
