// A write buffer for continuous sources (the live feed, pull workers): records collect per
// kind and go to the writer when the buffer reaches maxRows or maxMs has passed since the
// first one, and everything left is written on drain() at shutdown. Callers that must
// acknowledge durability (HTTP ingest) write through the writer directly instead. Every buffer
// of the process is known to drainAllBuffers(), which the server calls on its way down.
import type { EventKind, RecordOf } from './records'
import type { IngestWriter, WriteResult } from './writer'

// Kept on globalThis: the Remix build and the server entry are separate module graphs.
const LIVE = Symbol.for('egov-pulse.write-buffers')
const live = (): Set<{ drain(): Promise<void> }> => ((globalThis as { [LIVE]?: Set<{ drain(): Promise<void> }> })[LIVE] ??= new Set())

/** Writes what every buffer of the process holds (at shutdown). */
export async function drainAllBuffers(): Promise<void> {
  await Promise.all([...live()].map((b) => b.drain()))
}

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
  ) {
    live().add(this)
  }

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

  /** Writes everything held, retrying a store that fails for up to about retries seconds. */
  async drain(retries = 10): Promise<void> {
    await this.flush()
    await this.inFlight
    for (let i = 0; i < retries && this.rows.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 1000))
      await this.flush()
    }
  }
}
