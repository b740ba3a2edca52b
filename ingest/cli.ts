// npm run ingest -- import FILE… [--kind K] [--json]
// npm run ingest -- serve
import { Command, Option } from 'commander'
import cliProgress from 'cli-progress'
import { statSync } from 'node:fs'
import { config, ConfigError } from '../core/config'
import { handoffFile, HandoffError } from './handoff'
import { DataDirLockedError, StoreUnavailableError } from '../core/db'
import { CommandError, openOrFindServer } from '../core/open'
import { checkFiles, importFile, type FileResult } from './import'
import { InputFormatError } from './read'
import { KINDS, type Kind } from './records'
import { IngestWriter } from './writer'
import { reconcileDossiers } from './reconcile'
import { serveSources } from './serve'

function fail(message: string): never {
  process.stderr.write(`ingest: ${message}\n`)
  process.exit(1)
}

const KNOWN_ERRORS = [ConfigError, DataDirLockedError, StoreUnavailableError, CommandError, InputFormatError, HandoffError]

/** Where the files go: straight into the store, or, when a running server owns the embedded database, to that server. */
async function openTarget(): Promise<{ load: (file: string, kind: Kind, progress?: (n: number) => void) => Promise<FileResult>; close: () => Promise<void> }> {
  const cfg = config()
  // the engine's lock decides: the store opens, or a live server holds it and takes the files
  const target = await openOrFindServer({
    waitSeconds: 600,
    onWait: () => process.stderr.write(`waiting for the other process using ${cfg.dataDir} to finish…\n`),
  })
  if ('owner' in target) {
    const owner = target.owner
    process.stderr.write(`ingest: ${cfg.dataDir} is held by the server at ${owner.url}; handing the files to it\n`)
    return { load: (file, kind, progress) => handoffFile(owner, file, kind, progress), close: async () => {} }
  }
  const store = target.store
  const writer = new IngestWriter(store)
  await reconcileDossiers(store, writer)
  return { load: (file, kind, progress) => importFile(store, writer, file, kind, progress), close: () => store.close() }
}

async function runImport(files: string[], opts: { kind?: Kind; json?: boolean }) {
  const checked = await checkFiles(files, opts.kind)
  const target = await openTarget()
  const results: FileResult[] = []
  const tty = process.stderr.isTTY && !opts.json
  try {
    for (const { file, kind } of checked) {
      const bar = tty ? new cliProgress.SingleBar({ format: `${kind} {bar} {percentage}% | ${file}`, stream: process.stderr }, cliProgress.Presets.shades_classic) : null
      bar?.start(statSync(file).size || 1, 0)
      const r = await target.load(file, kind, bar ? (n) => bar.update(n) : undefined)
      bar?.stop()
      results.push(r)
      if (!opts.json) {
        process.stdout.write(`${file} (${kind}): ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected${r.rejects_file ? ` (see ${r.rejects_file})` : ''}\n`)
      }
    }
  } finally {
    await target.close()
  }
  const total = results.reduce((t, r) => ({ accepted: t.accepted + r.accepted, duplicates: t.duplicates + r.duplicates, rejected: t.rejected + r.rejected }), { accepted: 0, duplicates: 0, rejected: 0 })
  if (opts.json) process.stdout.write(JSON.stringify({ ...total, files: results }) + '\n')
  else if (results.length > 1) process.stdout.write(`total: ${total.accepted} accepted, ${total.duplicates} duplicates, ${total.rejected} rejected\n`)
}

const program = new Command('ingest').description('Load events and the agency registry into egov-pulse')
program.exitOverride()

program
  .command('import')
  .argument('<files...>', 'NDJSON files (CSV for the registry), .gz accepted')
  .addOption(new Option('--kind <kind>', 'the kind of every file (else from the file name)').choices([...KINDS]))
  .option('--json', 'print a JSON summary as the last line of standard output')
  .action(runImport)

program
  .command('serve')
  .description('run the ingest workers (the sources of the config file) against a ClickHouse server')
  .action(serveSources)

try {
  await program.parseAsync(process.argv)
} catch (e) {
  const err = e as Error & { code?: string; exitCode?: number }
  if (err.code?.startsWith('commander.')) process.exit(err.exitCode === 0 ? 0 : 1) // commander printed it already
  if (KNOWN_ERRORS.some((k) => err instanceof k)) fail(err.message)
  fail(`unexpected error: ${err.message}`)
}
