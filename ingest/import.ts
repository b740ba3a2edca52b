// `import FILE…`: one file at a time through the shared pipeline; rejects go to
// FILE.rejects.ndjson beside the input (and to the rejects table), counts come back per file.
import { createWriteStream, statSync, rmSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import type { Store } from '../core/db'
import { reference } from '../core/reference'
import { ingestRecords } from './pipeline'
import { assertCsv, assertNdjson, csvRecords, InputFormatError, ndjsonRecords, openInput, type RawRecord } from './read'
import { KINDS, type IngestCounts, type Kind } from './records'
import { agencyFromCsvRow } from './validate'
import type { IngestWriter } from './writer'

export interface FileResult extends IngestCounts {
  file: string
  kind: Kind
  rejects_file: string | null
}

/** The kind named by a file's name: dossier…, document…, connection…, agency… or registry…. */
export function kindFromName(file: string): Kind | null {
  const base = path.basename(file).toLowerCase()
  if (base.startsWith('registry')) return 'agency'
  return KINDS.find((k) => base.startsWith(k)) ?? null
}

function isCsv(file: string): boolean {
  return /\.csv(\.gz)?$/i.test(file)
}

async function* csvAsObjects(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord> {
  for await (const r of records) yield r.error ? r : { ...r, value: agencyFromCsvRow(r.value as Record<string, string>) }
}

/** Checks, before anything is stored, that every file can be read and its kind is known. */
export async function checkFiles(files: string[], kind?: Kind): Promise<Array<{ file: string; kind: Kind }>> {
  const out: Array<{ file: string; kind: Kind }> = []
  for (const file of files) {
    let st
    try {
      st = statSync(file)
    } catch {
      throw new InputFormatError(`cannot read ${file}: no such file`)
    }
    if (!st.isFile()) throw new InputFormatError(`cannot read ${file}: not a file`)
    const k = kind ?? kindFromName(file)
    if (!k) throw new InputFormatError(`cannot tell the kind of ${file}: name it dossier…, document…, connection…, agency… or registry…, or pass --kind`)
    if (k === 'agency' && isCsv(file)) await assertCsv(file, ['agency_code', 'name', 'level'])
    else await assertNdjson(file)
    out.push({ file, kind: k })
  }
  return out
}

export async function importFile(
  store: Store,
  writer: IngestWriter,
  file: string,
  kind: Kind,
  onProgress?: (bytesRead: number) => void,
): Promise<FileResult> {
  const rejectsPath = `${file}.rejects.ndjson`
  rmSync(rejectsPath, { force: true }) // a previous run's rejects would mislead
  let out: WriteStream | null = null
  // progress counts bytes on disk (compressed for .gz), comparable with the file's size
  const input = await openInput(file, onProgress)
  const records = kind === 'agency' && isCsv(file) ? csvAsObjects(csvRecords(input)) : ndjsonRecords(input)
  const counts = await ingestRecords(records, {
    kind,
    store,
    writer,
    source: `file:${path.basename(file)}`,
    validate: { provinceCodes: reference().provinceCodes },
    onReject: (r) => {
      out ??= createWriteStream(rejectsPath)
      out.write(JSON.stringify({ line: r.line, field: r.field, reason: r.reason, record: r.record }) + '\n')
    },
  })
  if (out) await new Promise<void>((res, rej) => (out as WriteStream).end((e?: Error | null) => (e ? rej(e) : res())))
  return { file, kind, ...counts, rejects_file: counts.rejected > 0 ? rejectsPath : null }
}
