// What the format adapters share: a converted record (an event of events.md, or why there is
// none), checked by the same validation as NDJSON events with every error named by its SOURCE
// field, and the one way converted records reach the store: ingest/pipeline.ts's ingestRecords,
// through the process's writer, so idempotency, durability and state refresh are the NDJSON ones.
import type { RawRecord } from '../read'
import type { EventKind, IngestCounts, RecordOf, Reject } from '../records'
import { ingestRecords, type PipelineOptions } from '../pipeline'
import { validateRecord, type ValidateContext } from '../validate'
import type { IngestWriter } from '../writer'

/** Event field → the source field (sync) or element path (edXML) it was taken from. */
export type FieldMap = Readonly<Record<string, string>>

export interface Converted extends RawRecord {
  /** The event's fields by source, for a reject found after conversion (a token's scope). */
  fields?: FieldMap
  /** occurred_at is the time the record arrived (the source gave no date for the state). */
  timedByArrival?: boolean
}

/** A record that cannot become an event: where, which source field, why, and the (personal-free) text kept. */
export const refused = (line: number, field: string, reason: string, raw: string): Converted => ({ line, raw, error: { field, reason } })

/**
 * The converted event, validated exactly as an NDJSON line would be; a failure is reported
 * with the source field (`NgayTiepNhan`, `MessageHeader/StatusCode`), not the event field.
 * Returns the validated record too (the sync needs its normalised times for procedure look-ups).
 * `raw` (the personal-free text a reject keeps) is made only for a reject: an accepted event
 * needs none, and a reject found later (a token's scope) keeps the event itself.
 */
export function checkEvent<K extends EventKind>(
  kind: K,
  event: Record<string, unknown>,
  line: number,
  fields: FieldMap,
  raw: () => string,
  ctx: ValidateContext,
  lineOf?: (field: string) => number,
): { converted: Converted; record: RecordOf[K] | null } {
  const v = validateRecord(kind, event, line, ctx)
  if (!v.ok) {
    const at = lineOf ? lineOf(v.reject.field) : line
    return { converted: refused(at, fields[v.reject.field] ?? v.reject.field, v.reject.reason, raw()), record: null }
  }
  return { converted: { line, value: event, fields, checked: { kind, record: v.record } }, record: v.record }
}

export interface ConvertedOptions<K extends EventKind> extends Omit<PipelineOptions<K>, 'admit'> {
  /** A token's scope (ingest/scope.ts); its rejects are renamed to the source field. */
  admit?: (record: RecordOf[K], line: number) => Reject | null
}

/**
 * Converted records through the shared pipeline. Two things only the formats have are added
 * around it, without touching it: the `timed_by_arrival` flag of dossier events (stamped on the
 * rows the writer is given), and source field names on scope rejects.
 */
export async function ingestConverted<K extends EventKind>(records: AsyncIterable<Converted> | Iterable<Converted>, o: ConvertedOptions<K>): Promise<IngestCounts> {
  const byArrival = new Set<string>()
  const fieldsOf = new Map<string, FieldMap>()
  async function* noted(): AsyncGenerator<RawRecord> {
    for await (const r of records as AsyncIterable<Converted>) {
      if (!r.error) {
        const id = (r.value as { event_id?: unknown }).event_id
        if (typeof id === 'string') {
          if (r.timedByArrival) byArrival.add(id.normalize('NFC'))
          if (o.admit && r.fields) fieldsOf.set(id.normalize('NFC'), r.fields)
        }
      }
      yield r
    }
  }
  const admit = o.admit
  return ingestRecords(noted(), {
    ...o,
    writer: o.kind === 'dossier' ? stampingWriter(o.writer, byArrival) : o.writer,
    admit: admit
      ? (record, line) => {
          const denied = admit(record, line)
          if (!denied) return null
          const fields = fieldsOf.get((record as { event_id: string }).event_id)
          return { ...denied, field: fields?.[denied.field] ?? denied.field }
        }
      : undefined,
  })
}

/**
 * The process's writer, seen through a view whose dossier rows carry `timed_by_arrival`
 * (a column of dossier_events that NDJSON events leave at its default, 0). Every row of a batch
 * gets the column, since the store takes its columns from the first row.
 */
function stampingWriter(writer: IngestWriter, byArrival: ReadonlySet<string>): IngestWriter {
  const view = Object.create(writer) as IngestWriter
  view.write = (kind, rows, source) =>
    writer.write(kind, kind === 'dossier' ? rows.map((r) => ({ ...r, timed_by_arrival: byArrival.has((r as { event_id: string }).event_id) ? 1 : 0 })) : rows, source)
  return view
}
