// Records in, counts out: validate each record, batch the valid ones into the writer, keep
// every reject (line, field, reason) for the operator. Shared by file import and HTTP ingest.
import type { Store } from '../core/db'
import type { RawRecord } from './read'
import type { IngestCounts, Kind, RecordOf, Reject, Validated } from './records'
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
const YIELD_EVERY = 1000

export async function ingestRecords<K extends Kind>(records: AsyncIterable<RawRecord> | Iterable<RawRecord>, o: PipelineOptions<K>): Promise<IngestCounts> {
  // 200,000: a batch re-derives each dossier it touches once, and runs some twenty statements in the
  // engine whatever its size, so a larger batch costs less per event (scripts/profile-ingest.ts,
  // 600,000 events of a 10M-shaped stream: 29,970 events/s at 50,000, 35,459 at 100,000, 40,126 at
  // 200,000, 40,621 at 300,000; the process's peak RSS +365 MB from 50,000 to 200,000)
  const batchSize = o.batchSize ?? 200_000
  const counts: IngestCounts = { accepted: 0, duplicates: 0, rejected: 0 }
  let batch: RecordOf[K][] = []
  let rejects: RejectWithRecord[] = []

  // Up to two batches in the writer at once (it reads and derives one while it writes the one
  // before; ClickHouse works on its own threads) while the next one is read and validated here.
  // The writer keeps batches of a kind in order, so the first line of an event_id still wins
  // across batches.
  const inFlight: Promise<void>[] = []
  const flush = async () => {
    const rows = batch
    const rej = rejects
    batch = []
    rejects = []
    if (inFlight.length >= 2) await inFlight.shift()
    const write = rows.length > 0 ? o.writer.write(o.kind, rows, o.source) : Promise.resolve({ accepted: 0, duplicates: 0 })
    const done = (async () => {
      const r = await write
      counts.accepted += r.accepted
      counts.duplicates += r.duplicates
      if (rej.length > 0) {
        const at = utcNow()
        await o.store.insert(
          'rejects',
          rej.map((r) => ({ kind: o.kind, source: o.source, line: r.line, field: r.field, reason: r.reason, record: r.record, rejected_at: at })),
        )
      }
      o.onBatch?.(counts)
    })()
    done.catch(() => undefined) // reported by the await that takes it, not as an unhandled rejection
    inFlight.push(done)
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
  let n = 0
  for await (const rec of records) {
    // let the writer's finished statements be answered while a long run of records is validated
    // (records from memory or a generator never wait for I/O): the engine then never waits for this loop
    if (++n % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r))
    if (rec.error) {
      await reject({ line: rec.line, ...rec.error, record: text(rec) })
    } else {
      // a format adapter's event was validated by the same rules when it was converted
      const v: Validated<K> = rec.checked?.kind === o.kind ? { ok: true, record: rec.checked.record as RecordOf[K] } : validateRecord(o.kind, rec.value, rec.line, o.validate)
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
  while (inFlight.length > 0) await inFlight.shift()
  return counts
}
