// A real embedded engine for a test file: a fresh data directory, the production migrations,
// and loading through the real ingest pipeline (validation, idempotency, state refresh).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { loadConfig, resetConfig } from '../../core/config'
import { openStore, type Store } from '../../core/db'
import { reloadAgencyUnits } from '../../core/migrate'
import { reference } from '../../core/reference'
import { ingestRecords, type RejectWithRecord } from '../../ingest/pipeline'
import { ndjsonRecords } from '../../ingest/read'
import type { IngestCounts, Kind } from '../../ingest/records'
import { IngestWriter } from '../../ingest/writer'

const DATA_TABLES = ['dossier_events', 'document_events', 'connection_events', 'event_keys', 'agencies', 'rejects', 'duplicate_counts', 'dossier_rows', 'dossier_day', 'dossier_month', 'dossier_proc_day', 'dossier_proc_month', 'dossier_at_total', 'dossier_proc_at_total', 'dossier_nat_day', 'dossier_nat_month', 'dossier_nat_at_total', 'dossier_unit_day', 'dossier_unit_month', 'dossier_unit_at_total', 'dossier_unit_proc_day', 'dossier_unit_proc_month', 'dossier_unit_proc_at_total', 'unit_sums_state', 'dossier_instant', 'dossier_overdue_cases', 'ingest_batches', 'exchange_state', 'exchange_kv', 'document_day', 'document_month', 'document_instant', 'exchange_latency', 'agency_activity', 'event_stats', 'source_days', 'api_tokens', 'users', 'audit_log', 'api_token_uses', 'sessions']

export interface TestEngine {
  store: Store
  writer: IngestWriter
  dataDir: string
  /** Loads objects (or raw NDJSON lines) of a kind through the real pipeline. */
  load(kind: Kind, records: Array<object | string>, source?: string): Promise<IngestCounts & { rejects: RejectWithRecord[] }>
  /** Empties every data table (between tests of one file). */
  reset(): Promise<void>
  close(): Promise<void>
}

export async function testEngine(env: Record<string, string> = {}): Promise<TestEngine> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'egov-pulse-test-'))
  const cfg = loadConfig({ ...env, DATA_DIR: dataDir, DB_POOL: '2' })
  resetConfig(cfg)
  process.env.DATA_DIR = dataDir
  const store = await openStore(cfg)
  const writer = new IngestWriter(store)
  return {
    store,
    writer,
    dataDir,
    async load(kind, records, source = 'test') {
      const text = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'
      const rejects: RejectWithRecord[] = []
      const counts = await ingestRecords(ndjsonRecords(Readable.from([text])), {
        kind,
        store,
        writer,
        source,
        validate: { provinceCodes: reference().provinceCodes },
        onReject: (r) => void rejects.push(r),
      })
      return { ...counts, rejects }
    },
    async reset() {
      for (const t of DATA_TABLES) await store.command(`TRUNCATE TABLE ${t}`)
      await reloadAgencyUnits(store) // the registry is empty again
    },
    async close() {
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
