// Per-record validation of the four input kinds, exactly as docs/events.md states them.
//
// `validateRecord` takes the parsed JSON value of one NDJSON line (or one CSV row turned into an
// object by `agencyFromCsvRow`) and returns either a record of the shape in records.ts or a
// reject naming the line, the first failing field (in the order of the spec tables) and why.

import type {
  AgencyLevel,
  AgencyRecord,
  ConnectionRecord,
  ConnectionState,
  DocumentRecord,
  DossierRecord,
  Kind,
  Platform,
  RecordOf,
  UtcText,
  Validated,
} from './records'
import { PLATFORMS } from './records'

export interface ValidateContext {
  /** Known province codes (two digits), 2004 and 2025 lists together. */
  provinceCodes: ReadonlySet<string>
}

const STATES: readonly ConnectionState[] = ['testing', 'connected', 'disconnected']
const LEVELS: readonly AgencyLevel[] = ['central', 'province', 'commune', 'district']

/** Field name used when the line itself is not a JSON object. */
const RECORD_FIELD = '(record)'
const MISSING = 'required field is missing'

// ---------------------------------------------------------------------------------------------
// Timestamps

// Shape only; ranges are checked arithmetically below. `\d` without the `u` flag is ASCII-only.
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

const MIN_YEAR = 1900
const MAX_YEAR = 2299

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * Parse an ISO 8601 date-time with seconds and an offset (`2025-10-01T09:15:00+07:00`,
 * `2025-10-01T02:15:00.250Z`) into UTC text `YYYY-MM-DD HH:MM:SS.ffffff` and epoch microseconds.
 * Fractions beyond microseconds are truncated. Years (local and UTC) must be 1900–2299.
 */
export function parseTimestamp(text: string): { utc: UtcText; micros: bigint } | { error: string } {
  const m = TIMESTAMP_RE.exec(text)
  if (!m) return { error: 'not an ISO 8601 date-time with seconds and offset' }
  const [, ys, mos, ds, hs, mis, ss, frac, offset] = m
  if (offset === undefined) return { error: 'timestamp has no UTC offset' }

  const y = Number(ys), mo = Number(mos), d = Number(ds)
  const h = Number(hs), mi = Number(mis), s = Number(ss)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return { error: 'impossible date or time' }
  }
  // Checked before Date.UTC, which would map years 0–99 to 1900–1999.
  if (y < MIN_YEAR || y > MAX_YEAR) return { error: 'year out of range (1900–2299)' }

  const offsetMinutes =
    offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000
  const utc = new Date(ms)
  const uy = utc.getUTCFullYear()
  // The offset can push a boundary instant outside ClickHouse's DateTime64 range.
  if (uy < MIN_YEAR || uy > MAX_YEAR) return { error: 'year out of range (1900–2299)' }

  const fracMicros = (frac ?? '').slice(0, 6).padEnd(6, '0')
  const text6 =
    `${pad(uy, 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())} ` +
    `${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}.${fracMicros}`
  return { utc: text6, micros: BigInt(ms) * 1000n + BigInt(fracMicros) }
}

// ---------------------------------------------------------------------------------------------
// Field readers. Each throws FieldError on the first problem; validateRecord turns it into a Reject.

class FieldError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

type Obj = Record<string, unknown>

/** A sent value quoted for a reject reason, cut short so a huge value cannot bloat the rejects store. */
function show(s: string): string {
  const cps = [...s]
  return JSON.stringify(cps.length > 40 ? cps.slice(0, 40).join('') + '…' : s)
}

function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** The field's value, or undefined when it is absent or null (an optional null is absent). */
function get(o: Obj, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(o, name)) return undefined
  const v = o[name]
  return v === null ? undefined : v
}

function required(o: Obj, name: string, why?: string): unknown {
  const v = get(o, name)
  if (v === undefined) throw new FieldError(name, why ? `${MISSING} (${why})` : MISSING)
  return v
}

// A lone UTF-16 surrogate (possible via a JSON "\ud800" escape) has no UTF-8 encoding, so it
// could not be stored "exactly as sent".
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

interface Len {
  min: number
  max: number
}

function asString(name: string, v: unknown, len?: Len): string {
  if (typeof v !== 'string') throw new FieldError(name, `must be a JSON string, got ${typeName(v)}`)
  if (LONE_SURROGATE.test(v)) throw new FieldError(name, 'contains an unpaired UTF-16 surrogate (not valid Unicode)')
  const s = v.normalize('NFC')
  if (len) {
    const n = [...s].length // code points
    if (n < len.min || n > len.max) {
      throw new FieldError(
        name,
        len.max === Infinity ? `must not be empty` : `must be from ${len.min} to ${len.max} characters, got ${n}`,
      )
    }
  }
  return s
}

function reqString(o: Obj, name: string, len?: Len): string {
  return asString(name, required(o, name), len)
}

function optString(o: Obj, name: string, len?: Len): string | null {
  const v = get(o, name)
  return v === undefined ? null : asString(name, v, len)
}

function asInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number') throw new FieldError(name, `must be a JSON number, got ${typeName(v)}`)
  if (!Number.isInteger(v)) throw new FieldError(name, `must be an integer, got ${v}`)
  if (v < min || v > max) throw new FieldError(name, `must be an integer from ${min} to ${max}, got ${v}`)
  return v
}

function reqInt(o: Obj, name: string, min: number, max: number): number {
  return asInt(name, required(o, name), min, max)
}

function optInt(o: Obj, name: string, min: number, max: number): number | null {
  const v = get(o, name)
  return v === undefined ? null : asInt(name, v, min, max)
}

function optBool(o: Obj, name: string): boolean | null {
  const v = get(o, name)
  if (v === undefined) return null
  if (typeof v !== 'boolean') throw new FieldError(name, `must be a JSON boolean, got ${typeName(v)}`)
  return v
}

function asTimestamp(name: string, v: unknown): UtcText {
  if (typeof v !== 'string') throw new FieldError(name, `must be a JSON string, got ${typeName(v)}`)
  const t = parseTimestamp(v)
  if ('error' in t) throw new FieldError(name, t.error)
  return t.utc
}

function reqTimestamp(o: Obj, name: string): UtcText {
  return asTimestamp(name, required(o, name))
}

function optTimestamp(o: Obj, name: string): UtcText | null {
  const v = get(o, name)
  return v === undefined ? null : asTimestamp(name, v)
}

function reqEnum<T extends string>(o: Obj, name: string, allowed: readonly T[]): T {
  const s = asString(name, required(o, name))
  if (!(allowed as readonly string[]).includes(s)) {
    throw new FieldError(name, `must be one of ${allowed.join(', ')}, got ${show(s)}`)
  }
  return s as T
}

// ---------------------------------------------------------------------------------------------
// Kinds. Fields are read in the order of the spec tables, so the first failing one is reported.

const EVENT_ID: Len = { min: 1, max: 128 }
const AGENCY_CODE: Len = { min: 1, max: 35 }

function dossier(o: Obj): DossierRecord {
  return {
    event_id: reqString(o, 'event_id', EVENT_ID),
    dossier_code: reqString(o, 'dossier_code', { min: 1, max: 64 }),
    status: reqInt(o, 'status', 1, 10),
    occurred_at: reqTimestamp(o, 'occurred_at'),
    agency_code: reqString(o, 'agency_code', AGENCY_CODE),
    procedure_code: reqString(o, 'procedure_code', { min: 1, max: 64 }),
    sector_code: optString(o, 'sector_code'),
    channel: optInt(o, 'channel', 1, 3),
    applicant_type: optInt(o, 'applicant_type', 1, 4),
    received_at: optTimestamp(o, 'received_at'),
    due_at: optTimestamp(o, 'due_at'),
    finished_at: optTimestamp(o, 'finished_at'),
    paid_online: optBool(o, 'paid_online'),
    digitized: optBool(o, 'digitized'),
  }
}

function document(o: Obj): DocumentRecord {
  const event_id = reqString(o, 'event_id', EVENT_ID)
  const document_id = reqString(o, 'document_id', { min: 1, max: 256 })
  const from_agency = reqString(o, 'from_agency', AGENCY_CODE)
  const to_agency = reqString(o, 'to_agency', AGENCY_CODE)
  const status = reqString(o, 'status')
  if (!/^[0-9]{2}$/.test(status)) {
    throw new FieldError('status', `must be exactly two ASCII digits, got ${show(status)}`)
  }
  return {
    event_id,
    document_id,
    from_agency,
    to_agency,
    status,
    occurred_at: reqTimestamp(o, 'occurred_at'),
    business_type: optInt(o, 'business_type', 0, 3) ?? 0,
    due_at: optTimestamp(o, 'due_at'),
  }
}

function connection(o: Obj): ConnectionRecord {
  return {
    event_id: reqString(o, 'event_id', EVENT_ID),
    agency_code: reqString(o, 'agency_code', AGENCY_CODE),
    platform: reqEnum<Platform>(o, 'platform', PLATFORMS),
    state: reqEnum<ConnectionState>(o, 'state', STATES),
    occurred_at: reqTimestamp(o, 'occurred_at'),
  }
}

function agency(o: Obj, ctx: ValidateContext): AgencyRecord {
  const agency_code = reqString(o, 'agency_code', AGENCY_CODE)
  const name = reqString(o, 'name', { min: 1, max: Infinity }) // no stated limit; must not be empty
  const level = reqEnum<AgencyLevel>(o, 'level', LEVELS)
  const central = level === 'central'
  // A central row ignores province_code; a local row ignores ministry (not even type-checked).
  const ministry = central
    ? asString('ministry', required(o, 'ministry', 'required when level is central'), AGENCY_CODE)
    : null
  let province_code: string | null = null
  if (!central) {
    province_code = asString('province_code', required(o, 'province_code', `required when level is ${level}`))
    if (!ctx.provinceCodes.has(province_code)) throw new FieldError('province_code', 'unknown province code')
  }
  return {
    agency_code,
    name,
    level,
    ministry,
    province_code,
    parent_code: optString(o, 'parent_code', AGENCY_CODE),
  }
}

/**
 * Validate the parsed JSON value of one line as a record of `kind`. `line` is the 1-based line
 * (or CSV row) number reported in a reject.
 */
export function validateRecord<K extends Kind>(kind: K, value: unknown, line: number, ctx: ValidateContext): Validated<K> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reject: { line, field: RECORD_FIELD, reason: `must be a JSON object, got ${typeName(value)}` } }
  }
  const o = value as Obj
  try {
    let record: RecordOf[Kind]
    switch (kind) {
      case 'dossier':
        record = dossier(o)
        break
      case 'document':
        record = document(o)
        break
      case 'connection':
        record = connection(o)
        break
      case 'agency':
        record = agency(o, ctx)
        break
      default:
        throw new Error(`unknown record kind: ${String(kind)}`)
    }
    return { ok: true, record: record as RecordOf[K] }
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, reject: { line, field: e.field, reason: e.reason } }
    throw e
  }
}

/**
 * One CSV row (header name -> cell) as a plain object for `validateRecord('agency', …)`:
 * an empty cell is absent (its key omitted); every other value stays a string, untrimmed.
 * A UTF-8 byte-order mark left on the first header name is dropped.
 */
export function agencyFromCsvRow(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, cell] of Object.entries(row)) {
    if (typeof cell !== 'string' || cell === '') continue
    out[key.replace(/^\uFEFF/, '')] = cell
  }
  return out
}
