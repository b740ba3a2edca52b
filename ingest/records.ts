// The shapes of validated records, as the ingest core hands them to the store. The records
// themselves are declared once, in schema.ts (fields, checks and columns); their types are
// re-exported here so that importers need not know. Timestamps are normalised to UTC text with
// microseconds ("2025-10-01 02:15:00.250000"), the form ClickHouse reads into
// DateTime64(6, 'UTC') without any time-zone guessing.
import type { AgencyRecord, ConnectionRecord, DocumentRecord, DossierRecord, SchemaKind } from './schema'

export type { AgencyLevel, AgencyRecord, ConnectionRecord, ConnectionState, DocumentRecord, DossierRecord, Platform, UtcText } from './schema'
export { PLATFORMS } from './schema'

export const KINDS = ['dossier', 'document', 'connection', 'agency'] as const
export type Kind = (typeof KINDS)[number]
export type EventKind = Exclude<Kind, 'agency'>

// Every kind has a schema and every schema a kind.
const _sameKinds: [Kind, SchemaKind] extends [SchemaKind, Kind] ? true : never = true

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
