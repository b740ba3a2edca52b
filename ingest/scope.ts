// What a source token may send: records about agencies in its scope. A scope entry is an agency
// code, or a unit (a province code, judged by the agency's 2025 province; a ministry's code).
import type { Store } from '../core/db'
import type { AgencyRecord, ConnectionRecord, DocumentRecord, DossierRecord, Kind, RecordOf, Reject } from './records'
import { reference } from '../core/reference'

interface AgencyUnits {
  agency_code: string
  ministry_unit: string
  province_current: string
}

/** The agency codes a record is about. */
export function agenciesOf(kind: Kind, r: RecordOf[Kind]): string[] {
  switch (kind) {
    case 'dossier':
      return [(r as DossierRecord).agency_code]
    case 'document':
      return [(r as DocumentRecord).from_agency, (r as DocumentRecord).to_agency]
    case 'connection':
      return [(r as ConnectionRecord).agency_code]
    default:
      return [(r as AgencyRecord).agency_code]
  }
}

/**
 * A checker for one delivery: resolves, once, the units of the agencies the delivery names,
 * then admits a record when one of its agencies is in scope. A registry row is judged by the
 * unit it declares (a new agency is not in the registry yet).
 */
export async function scopeChecker<K extends Kind>(
  store: Store,
  kind: K,
  scopes: string[],
  /** Every agency code the delivery may name (resolved in one query). */
  codes: string[],
): Promise<(r: RecordOf[K], line: number) => Reject | null> {
  const units = new Map<string, AgencyUnits>()
  if (codes.length > 0) {
    for (const u of await store.named<AgencyUnits>('agency-units-of', { codes })) units.set(u.agency_code, u)
  }
  const inScope = new Set(scopes)
  const agencyIn = (code: string) => {
    if (inScope.has(code)) return true
    const u = units.get(code)
    return !!u && ((u.province_current !== '' && inScope.has(u.province_current)) || (u.ministry_unit !== '' && inScope.has(u.ministry_unit)))
  }
  return (r, line) => {
    if (kind === 'agency') {
      const a = r as AgencyRecord
      const province = a.province_code ? (reference().successor.get(a.province_code) ?? a.province_code) : null
      if (inScope.has(a.agency_code) || (province && inScope.has(province)) || (a.ministry && inScope.has(a.ministry))) return null
      return { line, field: 'agency_code', reason: "outside the token's scope" }
    }
    const agencies = agenciesOf(kind, r)
    if (agencies.some(agencyIn)) return null
    return { line, field: kind === 'document' ? 'from_agency' : 'agency_code', reason: "outside the token's scope" }
  }
}
