// The shapes of validated records, as the ingest core hands them to the store.
// Timestamps are normalised to UTC text with microseconds ("2025-10-01 02:15:00.250000"),
// the form ClickHouse reads into DateTime64(6, 'UTC') without any time-zone guessing.

export const KINDS = ['dossier', 'document', 'connection', 'agency'] as const
export type Kind = (typeof KINDS)[number]
export type EventKind = Exclude<Kind, 'agency'>

/** UTC timestamp text, `YYYY-MM-DD HH:MM:SS.ffffff`. */
export type UtcText = string

export interface DossierRecord {
  event_id: string
  dossier_code: string
  status: number
  occurred_at: UtcText
  agency_code: string
  procedure_code: string
  sector_code: string | null
  channel: number | null
  applicant_type: number | null
  received_at: UtcText | null
  due_at: UtcText | null
  finished_at: UtcText | null
  paid_online: boolean | null
  digitized: boolean | null
}

export interface DocumentRecord {
  event_id: string
  document_id: string
  from_agency: string
  to_agency: string
  status: string
  occurred_at: UtcText
  business_type: number
  due_at: UtcText | null
}

export type Platform = 'document_axis' | 'service_portal'
export const PLATFORMS: readonly Platform[] = ['document_axis', 'service_portal']
export type ConnectionState = 'testing' | 'connected' | 'disconnected'

export interface ConnectionRecord {
  event_id: string
  agency_code: string
  platform: Platform
  state: ConnectionState
  occurred_at: UtcText
}

export type AgencyLevel = 'central' | 'province' | 'commune' | 'district'

export interface AgencyRecord {
  agency_code: string
  name: string
  level: AgencyLevel
  ministry: string | null
  province_code: string | null
  parent_code: string | null
}

export interface RecordOf {
  dossier: DossierRecord
  document: DocumentRecord
  connection: ConnectionRecord
  agency: AgencyRecord
}

/** A record that failed validation: where, which field, and why. */
export interface Reject {
  line: number
  field: string
  reason: string
}

export type Validated<K extends Kind> = { ok: true; record: RecordOf[K] } | { ok: false; reject: Reject }

/** Counts every import and every HTTP delivery reports. */
export interface IngestCounts {
  accepted: number
  duplicates: number
  rejected: number
}
