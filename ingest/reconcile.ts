// After a crash between the writes of a dossier batch (raw events, state, aggregates), finish it
// before taking new batches: the server, `import` and `ingest serve` call this at start-up.
import type { Store } from '../core/db'
import type { IngestWriter } from './writer'

export async function reconcileDossiers(_store: Store, writer: IngestWriter): Promise<number> {
  return writer.recover()
}
