// The one place a record's shape lives (ADR 017). Each kind of docs/events.md is an ordered record
// of fields; each field carries its check (a zod schema, whose reasons are the contract's), the
// ClickHouse type of the column that stores it, and its value in an insert row. From these follow
// the validation schema (validate.ts), the record types (re-exported by records.ts), and the
// columns and insert rows of the raw tables (writer.ts, scripts/bench.ts). The migrations are held
// to the columns declared here by tests/schema.test.ts: a new column needs a migration AND a field.
import { z } from 'zod'

/** UTC timestamp text, `YYYY-MM-DD HH:MM:SS.ffffff`. */
export type UtcText = string

// ---------------------------------------------------------------------------------------------
// Reasons

const MISSING = 'required field is missing'

export function typeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** A sent value quoted for a reject reason, cut short so a huge value cannot bloat the rejects store. */
function show(s: string): string {
  const cps = [...s]
  return JSON.stringify(cps.length > 40 ? cps.slice(0, 40).join('') + '…' : s)
}

/** The reason for a value of the wrong JSON type; absent and null are "missing" (an optional null is absent). */
const wrongType = (json: string) => (iss: { input?: unknown }) =>
  iss.input == null ? MISSING : `must be a JSON ${json}, got ${typeName(iss.input)}`

// ---------------------------------------------------------------------------------------------
// Text. Most values are ASCII, which is NFC already, has no surrogates and one code point per
// unit, so the Unicode work is skipped for them (validation runs for every event).

const NON_ASCII = /[^\x00-\x7f]/
// A lone UTF-16 surrogate (possible via a JSON "\ud800" escape) has no UTF-8 encoding, so it
// could not be stored "exactly as sent".
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Length in code points (the string is well formed: every high surrogate starts a pair). */
function codePoints(s: string): number {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdbff) n--
  }
  return n
}

interface Len {
  min: number
  max: number
}

const UNPAIRED = 'contains an unpaired UTF-16 surrogate (not valid Unicode)'

/**
 * A JSON string, well formed, NFC-normalised, `min`–`max` code points long when bounded. One
 * check rather than a chain of refinements: it runs for every string of every event.
 */
function textZod(len?: Len) {
  const { min, max } = len ?? { min: 0, max: Infinity }
  return z.string({ error: wrongType('string') }).check((ctx) => {
    let s = ctx.value
    let n = s.length
    if (NON_ASCII.test(s)) {
      if (LONE_SURROGATE.test(s)) {
        ctx.issues.push({ code: 'custom', message: UNPAIRED, input: s, abort: true })
        return
      }
      ctx.value = s = s.normalize('NFC')
      n = codePoints(s)
    }
    if (n < min || n > max) {
      const message = max === Infinity ? 'must not be empty' : `must be from ${min} to ${max} characters, got ${n}`
      ctx.issues.push({ code: 'custom', message, input: s, abort: true })
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Timestamps

// Shape only; ranges are checked arithmetically below. `\d` without the `u` flag is ASCII-only.
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

const MIN_YEAR = 1900
const MAX_YEAR = 2299
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

interface TimestampError {
  error: string
}
const NOT_ISO: TimestampError = { error: 'not an ISO 8601 date-time with seconds and offset' }
const NO_OFFSET: TimestampError = { error: 'timestamp has no UTC offset' }
const IMPOSSIBLE: TimestampError = { error: 'impossible date or time' }
const YEAR_RANGE: TimestampError = { error: 'year out of range (1900–2299)' }

/**
 * The UTC text of an ISO 8601 date-time, or why there is none. Computed field by field rather
 * than through a Date: this runs for every timestamp of every event. An offset is less than a
 * day, so the UTC date is the local date or the day before or after it.
 */
function toUtc(text: string): UtcText | TimestampError {
  const m = TIMESTAMP_RE.exec(text)
  if (!m) return NOT_ISO
  const [, ys, mos, ds, hs, mis, ss, frac, offset] = m
  if (offset === undefined) return NO_OFFSET

  let y = Number(ys), mo = Number(mos), d = Number(ds)
  const h = Number(hs), mi = Number(mis), s = Number(ss)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return IMPOSSIBLE
  if (y < MIN_YEAR || y > MAX_YEAR) return YEAR_RANGE

  const offsetMinutes =
    offset === 'Z' ? 0 : (offset.charCodeAt(0) === 45 /* - */ ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)))
  let minutes = h * 60 + mi - offsetMinutes
  let date = `${ys}-${mos}-${ds}`
  if (minutes < 0 || minutes >= 1440) {
    if (minutes < 0) {
      minutes += 1440
      if (--d < 1) {
        if (--mo < 1) {
          mo = 12
          y--
        }
        d = daysInMonth(y, mo)
      }
    } else {
      minutes -= 1440
      if (++d > daysInMonth(y, mo)) {
        d = 1
        if (++mo > 12) {
          mo = 1
          y++
        }
      }
    }
    // The offset can push a boundary instant outside ClickHouse's DateTime64 range.
    if (y < MIN_YEAR || y > MAX_YEAR) return YEAR_RANGE
    date = `${y}-${TWO[mo]}-${TWO[d]}`
  }
  const micros = frac === undefined ? '000000' : frac.length === 6 ? frac : frac.slice(0, 6).padEnd(6, '0')
  return `${date} ${TWO[(minutes / 60) | 0]}:${TWO[minutes % 60]}:${ss}.${micros}`
}

/**
 * Parse an ISO 8601 date-time with seconds and an offset (`2025-10-01T09:15:00+07:00`,
 * `2025-10-01T02:15:00.250Z`) into UTC text `YYYY-MM-DD HH:MM:SS.ffffff` and epoch microseconds.
 * Fractions beyond microseconds are truncated. Years (local and UTC) must be 1900–2299.
 */
export function parseTimestamp(text: string): { utc: UtcText; micros: bigint } | { error: string } {
  const utc = toUtc(text)
  if (typeof utc !== 'string') return { error: utc.error }
  const n = (from: number, to: number) => Number(utc.slice(from, to))
  const ms = Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19))
  return { utc, micros: BigInt(ms) * 1000n + BigInt(n(20, 26)) }
}

// ---------------------------------------------------------------------------------------------
// Fields: what a record's value is (zod), how the raw table stores it, and back.

export interface Field<S extends z.ZodType = z.ZodType> {
  /** Checks the sent value (absent and null included) and gives the record's value. */
  readonly zod: S
  /** The ClickHouse type of the column that stores it. */
  readonly column: string
  /** The record's value as an insert row carries it. */
  toRow(v: z.output<S>): unknown
  /** The stored value (as JSON output gives it) back as the record's value. */
  fromRow(v: unknown): z.output<S>
}

const same = (v: any) => v

// fromRow is typed loosely: it inverts toRow, which the round-trip test (tests/schema.test.ts) checks.
function field<S extends z.ZodType>(zod: S, column: string, toRow: (v: z.output<S>) => unknown = same, fromRow: (v: any) => any = same): Field<S> {
  return { zod, column, toRow, fromRow }
}

/** A JSON string, NFC-normalised, `min`–`max` code points long (`max` Infinity: only not empty). */
const text = (len?: Len) => field(textZod(len), 'String')

/** An identifier of the contract: 1 to `max` code points. */
const code = (max: number) => text({ min: 1, max })

/** Exactly two ASCII digits, kept as text (a document's status code, `00`, `03`). */
const twoDigits = () =>
  field(textZod().regex(/^[0-9]{2}$/, { error: (iss) => `must be exactly two ASCII digits, got ${show(iss.input as string)}` }), 'String')

/** The smallest ClickHouse integer type holding min..max. */
function intColumn(min: number, max: number): string {
  for (const bits of [8, 16, 32, 64]) {
    if (min >= 0 && max < 2 ** bits) return `UInt${bits}`
    if (min >= -(2 ** (bits - 1)) && max < 2 ** (bits - 1)) return `Int${bits}`
  }
  throw new Error(`no integer column holds ${min}..${max}`)
}

/** A JSON number, an integer from `min` to `max`. */
const integer = (min: number, max: number) =>
  field(
    z
      // zod refuses ±Infinity (JSON 1e999) as not a number; the contract calls it a non-integer
      .number({ error: (iss) => (typeof iss.input === 'number' ? `must be an integer, got ${iss.input}` : wrongType('number')(iss)) })
      .refine(Number.isInteger, { error: (iss) => `must be an integer, got ${iss.input}`, abort: true })
      .refine((v) => v >= min && v <= max, { error: (iss) => `must be an integer from ${min} to ${max}, got ${iss.input}` }),
    intColumn(min, max),
  )

/** A JSON boolean, stored as 0/1 in a UInt8 (a sum counts the true ones). */
const bool = () =>
  field(
    z.boolean({ error: wrongType('boolean') }),
    'UInt8',
    (b) => (b ? 1 : 0),
    (v) => v === 1,
  )

/** An ISO 8601 timestamp with an offset, as UTC text that DateTime64(6, 'UTC') reads without time-zone guessing. */
const timestamp = () =>
  field(
    // A check that replaces the text by its UTC form (no transform: a pipe costs an allocation per value).
    z.string({ error: wrongType('string') }).check((ctx) => {
      const t = toUtc(ctx.value)
      if (typeof t === 'string') ctx.value = t
      else ctx.issues.push({ code: 'custom', message: t.error, input: ctx.value, abort: true })
    }),
    "DateTime64(6, 'UTC')",
  )

/** One of the given words (checked after NFC, like any text). */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  field(
    textZod().pipe(z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}, got ${show(iss.input as string)}` })),
    'LowCardinality(String)',
  )

/** Stored as LowCardinality (few distinct values). */
const lowCardinality = <S extends z.ZodType>(f: Field<S>): Field<S> => ({ ...f, column: `LowCardinality(${f.column})` })

/** Absent or null gives null, stored as NULL, or as `nullAs` in a column that is not Nullable. */
function optional<S extends z.ZodType>(f: Field<S>, nullAs?: string) {
  return field(
    f.zod.nullable().default(null),
    nullAs === undefined ? `Nullable(${f.column})` : f.column,
    (v) => (v === null ? (nullAs ?? null) : f.toRow(v)),
    (v) => (v === null || v === nullAs ? null : f.fromRow(v)),
  )
}

/** Absent or null gives `value`. */
const withDefault = <S extends z.ZodType>(f: Field<S>, value: z.output<S>) =>
  field(f.zod.nullish().transform((v): z.output<S> => v ?? value), f.column, (v) => f.toRow(v), (v) => f.fromRow(v))

/** Required, with the reason saying why when it is absent (a rule between fields). */
function requiredBecause<S extends z.ZodType>(f: Field<S>, why: string) {
  return z.unknown().refine((v) => v != null, { error: `${MISSING} (${why})`, abort: true }).pipe(f.zod as z.ZodType<z.output<S>, any>)
}

// ---------------------------------------------------------------------------------------------
// Store-side columns: not in the contract, set by the writer.

export interface StoreColumn {
  readonly column: string
  /** The column's DEFAULT, also what the writer sends when it is not given one. */
  readonly default?: number
}
const SOURCE = { column: 'LowCardinality(String)' } as const
const INGESTED_AT = { column: "DateTime64(6, 'UTC')" } as const

// ---------------------------------------------------------------------------------------------
// Kinds

type Fields = Record<string, Field<any>>
type StoreColumns = Record<string, StoreColumn>
type Shape<F extends Fields> = { [N in keyof F]: F[N]['zod'] }

export interface KindSchema<F extends Fields = Fields, S extends StoreColumns = StoreColumns> {
  /** The raw table (sql/migrations/001-events.sql). */
  readonly table: string
  /** In the order of the spec table: the first failing field is the one reported. */
  readonly fields: F
  /** After the fields, in the table's column order. */
  readonly store: S
  /** The record: `z.output` of it is the record type. */
  readonly object: z.ZodObject<Shape<F>>
}

function kind<F extends Fields, S extends StoreColumns>(table: string, fields: F, store: S): KindSchema<F, S> {
  const shape = Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, f.zod])) as Shape<F>
  return { table, fields, store, object: z.object(shape) }
}

const EVENT_ID = code(128)
const AGENCY_CODE = code(35)
const PROVINCE_CODE = text() // checked against the known codes (agencySchema)

export const PLATFORMS = ['document_axis', 'service_portal'] as const
export const CONNECTION_STATES = ['testing', 'connected', 'disconnected'] as const
export const AGENCY_LEVELS = ['central', 'province', 'commune', 'district'] as const

// The national fields each carries are in docs/events.md.
export const DOSSIER = kind(
  'dossier_events',
  {
    event_id: EVENT_ID,
    dossier_code: code(64),
    status: integer(1, 10),
    occurred_at: timestamp(),
    agency_code: AGENCY_CODE,
    procedure_code: code(64),
    sector_code: optional(text()),
    channel: optional(integer(1, 3)),
    applicant_type: optional(integer(1, 4)),
    received_at: optional(timestamp()),
    due_at: optional(timestamp()),
    finished_at: optional(timestamp()),
    paid_online: optional(bool()),
    digitized: optional(bool()),
  },
  // timed_by_arrival: occurred_at is the arrival time (a national format gave no date; formats/convert.ts)
  { source: SOURCE, timed_by_arrival: { column: 'UInt8', default: 0 }, ingested_at: INGESTED_AT },
)

export const DOCUMENT = kind(
  'document_events',
  {
    event_id: EVENT_ID,
    document_id: code(256),
    from_agency: AGENCY_CODE,
    to_agency: AGENCY_CODE,
    status: lowCardinality(twoDigits()),
    occurred_at: timestamp(),
    business_type: withDefault(integer(0, 3), 0),
    due_at: optional(timestamp()),
  },
  { source: SOURCE, ingested_at: INGESTED_AT },
)

export const CONNECTION = kind(
  'connection_events',
  {
    event_id: EVENT_ID,
    agency_code: AGENCY_CODE,
    platform: oneOf(PLATFORMS),
    state: oneOf(CONNECTION_STATES),
    occurred_at: timestamp(),
  },
  { source: SOURCE, ingested_at: INGESTED_AT },
)

// The registry keeps '' for an absent code (its columns are not Nullable).
export const AGENCY = kind(
  'agencies',
  {
    agency_code: AGENCY_CODE,
    name: text({ min: 1, max: Infinity }), // no stated limit; must not be empty
    level: oneOf(AGENCY_LEVELS),
    ministry: optional(AGENCY_CODE, ''), // for central rows
    province_code: optional(PROVINCE_CODE, ''), // for local rows
    parent_code: optional(AGENCY_CODE, ''),
  },
  // load_seq: the latest load of a code wins (ReplacingMergeTree); the writer numbers every row
  { load_seq: { column: 'UInt64' }, loaded_at: INGESTED_AT },
)

export const SCHEMAS = { dossier: DOSSIER, document: DOCUMENT, connection: CONNECTION, agency: AGENCY } as const
type Schemas = typeof SCHEMAS
export type SchemaKind = keyof Schemas

export type DossierRecord = z.output<typeof DOSSIER.object>
export type DocumentRecord = z.output<typeof DOCUMENT.object>
export type ConnectionRecord = z.output<typeof CONNECTION.object>
export type AgencyRecord = z.output<typeof AGENCY.object>
export type Platform = (typeof PLATFORMS)[number]
export type ConnectionState = (typeof CONNECTION_STATES)[number]
export type AgencyLevel = (typeof AGENCY_LEVELS)[number]

type RecordOfKind<K extends SchemaKind> = z.output<Schemas[K]['object']>

/**
 * The registry's validation: a central row needs `ministry` and ignores `province_code` (not even
 * type-checked); a local row the other way round, its province code from the known lists. The
 * common fields are checked first, then the row's level picks the rest, in the spec's order.
 */
function agencySchema(provinceCodes: ReadonlySet<string>): z.ZodType<AgencyRecord> {
  const f = AGENCY.fields
  const ignored = z.unknown().optional().transform(() => null) // .optional(): an absent key is fine too
  const checked = { agency_code: z.string(), name: z.string() } // by the first stage
  return z
    .object({ agency_code: f.agency_code.zod, name: f.name.zod, level: f.level.zod })
    .loose()
    .pipe(
      z.discriminatedUnion('level', [
        z.object({ ...checked, level: z.literal('central'), ministry: requiredBecause(AGENCY_CODE, 'required when level is central'), province_code: ignored, parent_code: f.parent_code.zod }),
        ...AGENCY_LEVELS.filter((l) => l !== 'central').map((level) =>
          z.object({
            ...checked,
            level: z.literal(level),
            ministry: ignored,
            province_code: requiredBecause(PROVINCE_CODE, `required when level is ${level}`).refine((c) => provinceCodes.has(c), {
              error: 'unknown province code',
            }),
            parent_code: f.parent_code.zod,
          }),
        ),
      ]),
    )
}

const agencySchemas = new WeakMap<ReadonlySet<string>, z.ZodType<AgencyRecord>>()

/** The zod schema validating a record of `kind` (the registry's depends on the known province codes). */
export function validationSchema<K extends SchemaKind>(k: K, provinceCodes: ReadonlySet<string>): z.ZodType<RecordOfKind<K>> {
  if (k !== 'agency') return SCHEMAS[k].object as unknown as z.ZodType<RecordOfKind<K>>
  let s = agencySchemas.get(provinceCodes)
  if (!s) agencySchemas.set(provinceCodes, (s = agencySchema(provinceCodes)))
  return s as z.ZodType<RecordOfKind<K>>
}

// ---------------------------------------------------------------------------------------------
// Columns and rows of the raw tables

export interface Column {
  name: string
  /** ClickHouse type, as DESCRIBE TABLE writes it. */
  type: string
  /** DEFAULT expression, '' when none. */
  default: string
}

/** The raw table's columns: the record's fields, then the store-side columns. */
export function columnsOf(k: SchemaKind): Column[] {
  const s: KindSchema = SCHEMAS[k]
  return [
    ...Object.entries(s.fields).map(([name, f]) => ({ name, type: f.column, default: '' })),
    ...Object.entries(s.store).map(([name, c]) => ({ name, type: c.column, default: c.default === undefined ? '' : String(c.default) })),
  ]
}

type StoreOf<K extends SchemaKind> = Schemas[K]['store']
/** The store-side values of a row: those with a DEFAULT may be left out. */
export type StoreValues<K extends SchemaKind> = { [N in keyof StoreOf<K> as StoreOf<K>[N] extends { default: number } ? never : N]: string | number } & {
  [N in keyof StoreOf<K> as StoreOf<K>[N] extends { default: number } ? N : never]?: string | number
}

// Field lists flattened once: the row conversion runs for every stored event.
const PLANS = Object.fromEntries(
  Object.entries(SCHEMAS as Record<SchemaKind, KindSchema>).map(([k, s]) => [k, { fields: Object.entries(s.fields), store: Object.entries(s.store) }]),
) as Record<SchemaKind, { fields: [string, Field][]; store: [string, StoreColumn][] }>

/** The insert row of a record: the value of every column of the raw table, in its order (COLUMN_NAMES). */
export function toValues<K extends SchemaKind>(k: K, record: RecordOfKind<K>, store: StoreValues<K>): unknown[] {
  const plan = PLANS[k]
  const rec = record as Record<string, unknown>
  const given = store as Record<string, unknown>
  const values: unknown[] = []
  for (const [name, f] of plan.fields) values.push(f.toRow(rec[name]))
  for (const [name, c] of plan.store) values.push(given[name] ?? c.default)
  return values
}

/** Each kind's column names, in the raw table's order (that of toValues). */
export const COLUMN_NAMES = Object.fromEntries(Object.keys(SCHEMAS).map((k) => [k, columnsOf(k as SchemaKind).map((c) => c.name)])) as Record<SchemaKind, string[]>

/** A row read back from the raw table (JSON output) as the record it stores. */
export function fromRow<K extends SchemaKind>(k: K, row: Record<string, unknown>): RecordOfKind<K> {
  const out: Record<string, unknown> = {}
  for (const [name, f] of PLANS[k].fields) out[name] = f.fromRow(row[name])
  return out as RecordOfKind<K>
}
