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

export async function ingestRecords<K extends Kind>(records: AsyncIterable<RawRecord>, o: PipelineOptions<K>): Promise<IngestCounts> {
  const batchSize = o.batchSize ?? 20_000
  const counts: IngestCounts = { accepted: 0, duplicates: 0, rejected: 0 }
  let batch: RecordOf[K][] = []
  let rejects: RejectWithRecord[] = []

  const flush = async () => {
    if (batch.length > 0) {
      const r = await o.writer.write(o.kind, batch, o.source)
      counts.accepted += r.accepted
      counts.duplicates += r.duplicates
      batch = []
    }
    if (rejects.length > 0) {
      const at = utcNow()
      await o.store.insert(
        'rejects',
        rejects.map((r) => ({ kind: o.kind, source: o.source, line: r.line, field: r.field, reason: r.reason, record: r.record, rejected_at: at })),
      )
      rejects = []
    }
    o.onBatch?.(counts)
  }

  const reject = async (r: RejectWithRecord) => {
    counts.rejected++
    rejects.push(r)
    await o.onReject?.(r)
  }

  for await (const rec of records) {
    const record = rec.raw.length > MAX_RECORD_TEXT ? rec.raw.slice(0, MAX_RECORD_TEXT) : rec.raw
    if (rec.error) {
      await reject({ line: rec.line, ...rec.error, record })
    } else {
      const v = validateRecord(o.kind, rec.value, rec.line, o.validate)
      if (!v.ok) await reject({ ...v.reject, record })
      else {
        const denied = o.admit?.(v.record, rec.line)
        if (denied) await reject({ ...denied, record })
        else batch.push(v.record)
      }
    }
    if (batch.length >= batchSize || rejects.length >= batchSize) await flush()
  }
  await flush()
  return counts
}
