// After a crash between an insert and the refresh of derived state, the dossiers of that
// batch would keep a stale state until their next event. At start-up, refresh every dossier
// with events stored after the newest state computation (minus a margin for concurrent writers).
import type { Store } from '../core/db'
import type { IngestWriter } from './writer'

export async function reconcileDossiers(store: Store, writer: IngestWriter): Promise<number> {
  const rows = await store.named<{ dossier_code: string }>('dossier-codes-unreconciled')
  await writer.refreshDossiers(rows.map((r) => r.dossier_code))
  return rows.length
}
