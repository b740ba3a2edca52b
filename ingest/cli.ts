// npm run ingest -- import FILE… [--kind K] [--json]
// npm run ingest -- serve
import { Command, Option } from 'commander'
import cliProgress from 'cli-progress'
import { statSync } from 'node:fs'
import { config, ConfigError } from '../core/config'
import { handoffTarget, HandoffError } from './handoff'
import { DataDirLockedError, StoreUnavailableError } from '../core/db'
import { CommandError, openOrFindServer } from '../core/open'
import { checkFiles, directTarget, FORMATS, loadInput, type FileResult, type Format, type Input } from './import'
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
async function openTarget(): Promise<{ load: (input: Input, progress?: (n: number) => void) => Promise<FileResult>; close: () => Promise<void> }> {
  const cfg = config()
  // the engine's lock decides: the store opens, or a live server holds it and takes the files
  const found = await openOrFindServer({
    waitSeconds: 600,
    onWait: () => process.stderr.write(`waiting for the other process using ${cfg.dataDir} to finish…\n`),
  })
  if ('owner' in found) {
    const owner = found.owner
    process.stderr.write(`ingest: ${cfg.dataDir} is held by the server at ${owner.url}; handing the files to it\n`)
    const target = handoffTarget(owner)
    return { load: (input, progress) => loadInput(target, input, progress), close: async () => {} }
  }
  const store = found.store
  const writer = new IngestWriter(store)
  await reconcileDossiers(store, writer)
  const target = directTarget(store, writer)
  return { load: (input, progress) => loadInput(target, input, progress), close: () => store.close() }
}

async function runImport(files: string[], opts: { kind?: Kind; format?: Format; json?: boolean }) {
  const checked = await checkFiles(files, { kind: opts.kind, format: opts.format })
  const target = await openTarget()
  const results: FileResult[] = []
  const tty = process.stderr.isTTY && !opts.json
  try {
    for (const input of checked) {
      const { file, kind } = input
      const what = input.format ?? kind
      const bar = tty && !input.messages ? new cliProgress.SingleBar({ format: `${what} {bar} {percentage}% | ${file}`, stream: process.stderr }, cliProgress.Presets.shades_classic) : null
      bar?.start(statSync(file).size || 1, 0)
      const r = await target.load(input, bar ? (n) => bar.update(n) : undefined)
      bar?.stop()
      results.push(r)
      if (!opts.json) {
        process.stdout.write(`${file} (${what}): ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected${r.rejects_file ? ` (see ${r.rejects_file})` : ''}\n`)
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
  .argument('<files...>', 'NDJSON files (CSV for the registry), .gz accepted; with --format, sync files or edXML messages (.xml files or folders of them)')
  .addOption(new Option('--kind <kind>', 'the kind of every file (else from the file name)').choices([...KINDS]))
  .addOption(new Option('--format <format>', "a national format: dvcqg (the portal's dossier sync) or edxml (else recognised: .xml files, JSON with a service key)").choices([...FORMATS]))
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
