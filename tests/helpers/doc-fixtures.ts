// Fixtures shared by the document-axis and connection-progress tests: a small registry, event
// builders with a Vietnamese-time shorthand, and loaders that insist every record is accepted.
import { expect } from 'vitest'
import type { TestEngine } from './engine'

/** 'YYYY-MM-DD HH:MM[:SS[.ffffff]]' in Vietnamese time → ISO 8601 with +07:00; full ISO text (with a T) passes through. */
export function vn(s: string): string {
  if (s.includes('T')) return s
  const [d, t] = s.split(' ')
  return `${d}T${t.length === 5 ? `${t}:00` : t}+07:00`
}

/** The same instant as a Date. */
export const at = (s: string): Date => new Date(vn(s))

export type AgencyRow = Record<string, string>

/**
 * The registry of these tests. Province units (current): 01 ← H01, C01, D01; 79 ← H79, H74, C74
 * (74 = former Bình Dương, successor 79); 04 ← H04. Ministry units: G22 ← G22, G22.X; G01 ← G01.
 * G99.X names a ministry that is not in the registry: it belongs to no ministry unit.
 */
export const AGENCIES: Record<string, AgencyRow> = {
  H01: { agency_code: 'H01', name: 'UBND TP Hà Nội', level: 'province', province_code: '01' },
  C01: { agency_code: 'C01', name: 'UBND phường Hoàn Kiếm', level: 'commune', province_code: '01' },
  D01: { agency_code: 'D01', name: 'UBND quận Ba Đình (cũ)', level: 'district', province_code: '01' },
  H04: { agency_code: 'H04', name: 'UBND tỉnh Cao Bằng', level: 'province', province_code: '04' },
  H79: { agency_code: 'H79', name: 'UBND TP Hồ Chí Minh', level: 'province', province_code: '79' },
  H74: { agency_code: 'H74', name: 'UBND tỉnh Bình Dương (cũ)', level: 'province', province_code: '74' },
  C74: { agency_code: 'C74', name: 'UBND phường Phú Cường (cũ)', level: 'commune', province_code: '74' },
  G22: { agency_code: 'G22', name: 'Văn phòng Chính phủ', level: 'central', ministry: 'G22' },
  'G22.X': { agency_code: 'G22.X', name: 'Cục thuộc Văn phòng Chính phủ', level: 'central', ministry: 'G22' },
  G01: { agency_code: 'G01', name: 'Bộ Công an', level: 'central', ministry: 'G01' },
  'G99.X': { agency_code: 'G99.X', name: 'Cục của một bộ chưa đăng ký', level: 'central', ministry: 'G99' },
}

/** Loads registry rows: codes of AGENCIES, or full rows. */
export async function registry(e: TestEngine, ...rows: Array<string | AgencyRow>): Promise<void> {
  const r = await e.load('agency', rows.map((x) => (typeof x === 'string' ? AGENCIES[x] : x)))
  expect(r.rejects).toEqual([])
  expect(r.accepted).toBe(rows.length)
}

/** Loads events of a kind in one delivery and checks that every one was accepted (no duplicate, no reject). */
export async function loadAll(e: TestEngine, kind: 'document' | 'connection' | 'dossier', events: Array<Record<string, unknown>>): Promise<void> {
  const r = await e.load(kind, events)
  expect(r.rejects).toEqual([])
  expect(r.accepted).toBe(events.length)
}

/**
 * One document event. `x` is `document_id|from|to` (an exchange); event_id defaults to
 * `x:status:occurred_at`, so two events of one exchange with one status at one instant need an explicit id.
 */
export function doc(x: string, status: string, occurred_at: string, event_id?: string): Record<string, unknown> {
  const [document_id, from_agency, to_agency] = x.split('|')
  return { event_id: event_id ?? `${x}:${status}:${occurred_at}`, document_id, from_agency, to_agency, status, occurred_at: vn(occurred_at) }
}

/** One connection event. */
export function conn(agency_code: string, platform: 'document_axis' | 'service_portal', state: string, occurred_at: string, event_id?: string): Record<string, unknown> {
  return { event_id: event_id ?? `${agency_code}:${platform}:${state}:${occurred_at}`, agency_code, platform, state, occurred_at: vn(occurred_at) }
}

/** One dossier event (status 1: received online, enough to name an agency). */
export function dossier(agency_code: string, occurred_at: string, event_id?: string): Record<string, unknown> {
  return {
    event_id: event_id ?? `dossier:${agency_code}:${occurred_at}`,
    dossier_code: `DS-${agency_code}-${occurred_at}`,
    status: 1,
    occurred_at: vn(occurred_at),
    agency_code,
    procedure_code: '1.001234',
  }
}

/** The row of a unit in a units table (fails the test when missing). */
export function unitOf<T extends { code: string }>(units: T[], code: string): T {
  const u = units.find((x) => x.code === code)
  expect(u, `unit ${code} is listed`).toBeDefined()
  return u!
}
