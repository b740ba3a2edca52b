// `ingest serve`: the ingest workers as their own process, against a ClickHouse server. Each
// configured source is a folder polled for NDJSON/CSV files; a file is imported, then moved to
// done/ (with its rejects beside it). Stops cleanly on SIGINT/SIGTERM after the file in hand.
import { mkdirSync, readdirSync, renameSync } from 'node:fs'
import path from 'node:path'
import { config } from '../core/config'
import { CommandError, openForCommand } from '../core/open'
import { importFile } from './import'
import { reconcileDossiers } from './reconcile'
import { IngestWriter } from './writer'

export async function serveSources(): Promise<void> {
  const cfg = config()
  if (!cfg.CLICKHOUSE_URL)
    throw new CommandError('serve runs against a ClickHouse server (set CLICKHOUSE_URL); in embedded mode the dashboard server owns the database')
  if (cfg.sources.length === 0) throw new CommandError('no sources configured: add "sources": [{"kind": "dossier", "dir": "…"}] to the EGOV_CONFIG file')
  const store = await openForCommand()
  const writer = new IngestWriter(store)
  await reconcileDossiers(store, writer)
  let stopping = false
  const stop = () => (stopping = true)
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.stderr.write(`ingest: watching ${cfg.sources.map((s) => `${s.kind}:${s.dir}`).join(', ')}\n`)
  while (!stopping) {
    for (const src of cfg.sources) {
      const done = path.join(src.dir, 'done')
      mkdirSync(done, { recursive: true })
      const files = readdirSync(src.dir).filter((f) => /\.(ndjson|jsonl|csv)(\.gz)?$/i.test(f)).sort()
      for (const f of files) {
        if (stopping) break
        const full = path.join(src.dir, f)
        const r = await importFile(store, writer, full, src.kind)
        renameSync(full, path.join(done, f))
        if (r.rejects_file) renameSync(r.rejects_file, path.join(done, path.basename(r.rejects_file)))
        process.stderr.write(`ingest: ${f}: ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected\n`)
      }
    }
    await new Promise((res) => setTimeout(res, 2000))
  }
  await store.close()
}
