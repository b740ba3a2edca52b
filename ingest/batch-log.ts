// The log of the batches that keep a kind's state and aggregates (ADR 011): each batch is logged
// when it starts and when it is done, so one that a crash interrupted is finished at the next
// start-up. Batch ids are microseconds since the epoch, strictly increasing in this process.
import type { Store } from '../core/db'

export class BatchLog {
  private last = 0n

  constructor(
    private readonly store: Store,
    readonly kind: 'dossier' | 'document',
  ) {}

  next(): bigint {
    const now = BigInt(Date.now()) * 1000n
    this.last = now > this.last ? now : this.last + 1n
    return this.last
  }

  async log(batch: bigint, phase: 'start' | 'done', ingestedAt: string): Promise<void> {
    await this.store.insert('ingest_batches', [{ kind: this.kind, batch: batch.toString(), phase, ingested_at: ingestedAt }])
  }

  /** The name of a batch's writes (its marker rows and deduplication tokens). */
  token(batch: bigint): string {
    return `${this.kind}-batch-${batch}`
  }

  /** Whether a batch was ever logged, and how many raw events of the kind are stored. */
  async info(): Promise<{ batches: number; rawEvents: number }> {
    const [r] = await this.store.named<{ batches: string; raw_events: string }>('ingest-batches-state', { kind: this.kind })
    return { batches: Number(r.batches), rawEvents: Number(r.raw_events) }
  }

  /** Batches started and never done, oldest first. */
  unfinished(): Promise<Array<{ batch: string; ingested_at: string }>> {
    return this.store.named<{ batch: string; ingested_at: string }>('ingest-batches-unfinished', { kind: this.kind })
  }
}
