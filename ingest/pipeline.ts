// Records in, counts out: validate each record, batch the valid ones into the writer, keep
// every reject (line, field, reason) for the operator. Shared by file import and HTTP ingest.
import type { Store } from '../core/db'
import type { RawRecord } from './read'
import type { IngestCounts, Kind, RecordOf, Reject } from './records'
import { validateRecord, type ValidateContext } from './validate'
import { utcNow } from '../core/time'
import type { IngestWriter } from './writer'

export interface RejectWithRecord extends Reject {
  record: string
}

export interface PipelineOptions<K extends Kind> {
  kind: K
  store: Store
  writer: IngestWriter
  /** Who sent it: a file path, a token name, "demo"… stored with events and rejects. */
  source: string
  validate: ValidateContext
  batchSize?: number
  /** An extra per-record rule (e.g. a token's scope); returns a reject or null. */
  admit?: (record: RecordOf[K], line: number) => Reject | null
  onReject?: (r: RejectWithRecord) => void | Promise<void>
  onBatch?: (counts: IngestCounts) => void
}

const MAX_RECORD_TEXT = 4096

export async function ingestRecords<K extends Kind>(records: AsyncIterable<RawRecord> | Iterable<RawRecord>, o: PipelineOptions<K>): Promise<IngestCounts> {
  const batchSize = o.batchSize ?? 20_000
  const counts: IngestCounts = { accepted: 0, duplicates: 0, rejected: 0 }
  let batch: RecordOf[K][] = []
  let rejects: RejectWithRecord[] = []

  // Double-buffered: while one batch is being written (ClickHouse works on its own threads),
  // the next one is read and validated. The writer keeps batches of a kind in order, so the
  // first line of an event_id still wins across batches.
  let inFlight: Promise<void> = Promise.resolve()
  const flush = async () => {
    const rows = batch
    const rej = rejects
    batch = []
    rejects = []
    await inFlight
    inFlight = (async () => {
      if (rows.length > 0) {
        const r = await o.writer.write(o.kind, rows, o.source)
        counts.accepted += r.accepted
        counts.duplicates += r.duplicates
      }
      if (rej.length > 0) {
        const at = utcNow()
        await o.store.insert(
          'rejects',
          rej.map((r) => ({ kind: o.kind, source: o.source, line: r.line, field: r.field, reason: r.reason, record: r.record, rejected_at: at })),
        )
      }
      o.onBatch?.(counts)
    })()
    inFlight.catch(() => undefined) // reported by the next await, not as an unhandled rejection
  }

  const reject = async (r: RejectWithRecord) => {
    counts.rejected++
    rejects.push(r)
    await o.onReject?.(r)
  }

  const text = (rec: RawRecord) => {
    const raw = rec.raw ?? JSON.stringify(rec.value) ?? ''
    return raw.length > MAX_RECORD_TEXT ? raw.slice(0, MAX_RECORD_TEXT) : raw
  }
  for await (const rec of records) {
    if (rec.error) {
      await reject({ line: rec.line, ...rec.error, record: text(rec) })
    } else {
      const v = validateRecord(o.kind, rec.value, rec.line, o.validate)
      if (!v.ok) await reject({ ...v.reject, record: text(rec) })
      else {
        const denied = o.admit?.(v.record, rec.line)
        if (denied) await reject({ ...denied, record: text(rec) })
        else batch.push(v.record)
      }
    }
    if (batch.length >= batchSize || rejects.length >= batchSize) await flush()
  }
  await flush()
  await inFlight
  return counts
}
