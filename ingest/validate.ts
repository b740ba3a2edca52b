// Per-record validation of the four input kinds, exactly as docs/events.md states them.
//
// `validateRecord` takes the parsed JSON value of one NDJSON line (or one CSV row turned into an
// object by `agencyFromCsvRow`) and returns either a record of the shape in schema.ts or a
// reject naming the line, the first failing field (in the order of the spec tables) and why.
// The checks and their reasons are the kinds' zod schemas (schema.ts); this turns the first
// issue into the reject.

import type { Kind, RecordOf, Validated } from './records'
import { typeName, validationSchema } from './schema'

export { parseTimestamp } from './schema'

export interface ValidateContext {
  /** Known province codes (two digits), 2004 and 2025 lists together. */
  provinceCodes: ReadonlySet<string>
}

/** Field name used when the line itself is not a JSON object. */
const RECORD_FIELD = '(record)'

/**
 * Validate the parsed JSON value of one line as a record of `kind`. `line` is the 1-based line
 * (or CSV row) number reported in a reject.
 */
export function validateRecord<K extends Kind>(kind: K, value: unknown, line: number, ctx: ValidateContext): Validated<K> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reject: { line, field: RECORD_FIELD, reason: `must be a JSON object, got ${typeName(value)}` } }
  }
  const r = validationSchema(kind, ctx.provinceCodes).safeParse(value)
  if (r.success) return { ok: true, record: r.data as RecordOf[K] }
  // zod checks every field, in the schema's (the spec table's) order: the first issue is the first failing field.
  const issue = r.error.issues[0]
  return { ok: false, reject: { line, field: issue.path.length > 0 ? String(issue.path[0]) : RECORD_FIELD, reason: issue.message } }
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
