// A write buffer for continuous sources (the live feed, pull workers): records collect per
// kind and go to the writer when the buffer reaches maxRows or maxMs has passed since the
// first one, and everything left is written on drain() at shutdown. Callers that must
// acknowledge durability (HTTP ingest) write through the writer directly instead.
import type { EventKind, RecordOf } from './records'
import type { IngestWriter, WriteResult } from './writer'

export class WriteBuffer<K extends EventKind> {
  private rows: RecordOf[K][] = []
  private timer: NodeJS.Timeout | null = null
  private inFlight: Promise<unknown> = Promise.resolve()
  readonly totals = { accepted: 0, duplicates: 0, failures: 0 }

  constructor(
    private readonly writer: IngestWriter,
    private readonly kind: K,
    private readonly source: string,
    private readonly opts: { maxRows: number; maxMs: number } = { maxRows: 5000, maxMs: 2000 },
  ) {}

  add(records: RecordOf[K][]): void {
    this.rows.push(...records)
    if (this.rows.length >= this.opts.maxRows) void this.flush()
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.maxMs)
  }

  flush(): Promise<unknown> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const rows = this.rows
    this.rows = []
    if (rows.length === 0) return this.inFlight
    this.inFlight = this.inFlight.then(() =>
      this.writer.write(this.kind, rows, this.source).then(
        (r: WriteResult) => {
          this.totals.accepted += r.accepted
          this.totals.duplicates += r.duplicates
        },
        (e: Error) => {
          // keep them for the next flush: a short outage of the store loses nothing
          this.totals.failures++
          this.rows.unshift(...rows)
          console.error(`write buffer (${this.kind}): ${e.message}; will retry`)
        },
      ),
    )
    return this.inFlight
  }

  async drain(): Promise<void> {
    await this.flush()
    await this.inFlight
  }
}
