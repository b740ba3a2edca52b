// `import FILE…`: one input at a time; rejects go to FILE.rejects.ndjson beside the input (and to
// the rejects table), counts come back per input. Reading a file, counting and writing its
// rejects file are done here once, whatever takes the records: the store itself (`directTarget`)
// or a running server that owns the embedded database (`handoffTarget` in handoff.ts).
import { createWriteStream, readdirSync, rmSync, statSync, type WriteStream } from 'node:fs'
import path from 'node:path'
import type { Store } from '../core/db'
import { reference } from '../core/reference'
import { ingestRecords, type RejectWithRecord } from './pipeline'
import { assertCsv, assertNdjson, assertSync, csvRecords, InputFormatError, looksLikeSync, ndjsonRecords, openInput, readText, syncFileValues, type RawRecord } from './read'
import { KINDS, type IngestCounts, type Kind } from './records'
import { agencyFromCsvRow } from './validate'
import type { IngestWriter } from './writer'
import { ingestConverted, refused, type Converted } from './formats/convert'
import { arrivalOf, envelopeEvents, EnvelopeError, LatestEvents, progressCodes, readEnvelope, type Envelope } from './formats/dvcqg'
import { messageEvents, XmlRefusal } from './formats/edxml'

export const FORMATS = ['dvcqg', 'edxml'] as const
export type Format = (typeof FORMATS)[number]

/** One input of the command line: a file of a kind, a sync file, or edXML messages (a file, or a folder's .xml files). */
export interface Input {
  file: string
  kind: Kind
  format: Format | null
  /** The edXML files of the input (the file itself, or a folder's .xml files). */
  messages?: string[]
}

export interface FileResult extends IngestCounts {
  file: string
  kind: Kind
  format?: Format
  rejects_file: string | null
}

/** A reject as the rejects file keeps it; `file` names the message of a folder. */
export interface FileReject extends RejectWithRecord {
  file?: string
}
export type OnReject = (r: FileReject) => void

/** A sync envelope read from a file (or why that line or file holds none). */
export interface EnvelopeItem {
  line: number
  envelope?: Envelope
  error?: { field: string; reason: string }
}

/** One edXML message read from a file (or why it could not be read). */
export interface MessageItem {
  file: string
  text?: string
  error?: string
}

/** Where records go. Each method resolves once everything it was given is stored (or rejected). */
export interface Target {
  records(kind: Kind, records: AsyncIterable<RawRecord>, source: string, onReject: OnReject): Promise<IngestCounts>
  sync(envelopes: AsyncIterable<EnvelopeItem>, source: string, onReject: OnReject): Promise<IngestCounts>
  edxml(messages: AsyncIterable<MessageItem>, source: string, onReject: OnReject): Promise<IngestCounts>
}

/** The kind named by a file's name: dossier…, document…, connection…, agency… or registry…. */
export function kindFromName(file: string): Kind | null {
  const base = path.basename(file).toLowerCase()
  if (base.startsWith('registry')) return 'agency'
  return KINDS.find((k) => base.startsWith(k)) ?? null
}

export function isCsv(file: string): boolean {
  return /\.csv(\.gz)?$/i.test(file)
}

const isXml = (file: string) => /\.xml(\.gz)?$/i.test(file)

/** The records of an NDJSON file, or of a registry CSV as objects (one reader for every target). */
export async function fileRecords(file: string, kind: Kind, onProgress?: (bytesRead: number) => void): Promise<AsyncIterable<RawRecord>> {
  // progress counts bytes on disk (compressed for .gz), comparable with the file's size
  const input = await openInput(file, onProgress)
  return kind === 'agency' && isCsv(file) ? csvAsObjects(csvRecords(input)) : ndjsonRecords(input)
}

async function* csvAsObjects(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord> {
  for await (const r of records) yield r.error ? r : { ...r, value: agencyFromCsvRow(r.value as Record<string, string>) }
}

/** The envelopes of a sync file; nothing of an envelope's text is kept (it holds personal data). */
export async function* syncEnvelopes(file: string): AsyncGenerator<EnvelopeItem> {
  for await (const r of syncFileValues(file)) {
    if (r.error) {
      yield { line: r.line, error: r.error.field === '(line)' ? { field: '(envelope)', reason: r.error.reason } : r.error }
      continue
    }
    try {
      yield { line: r.line, envelope: readEnvelope(r.value) }
    } catch (e) {
      if (!(e instanceof EnvelopeError)) throw e
      yield { line: r.line, error: { field: '(envelope)', reason: e.message } }
    }
  }
}

export async function* xmlMessages(files: string[]): AsyncGenerator<MessageItem> {
  for (const file of files) {
    try {
      yield { file, text: await readText(file) }
    } catch (e) {
      yield { file, error: `cannot read ${file}: ${(e as Error).message}` }
    }
  }
}

/** Checks, before anything is stored, that every input can be read and its kind or format is known. */
export async function checkFiles(files: string[], opts: { kind?: Kind; format?: Format } = {}): Promise<Input[]> {
  if (opts.kind && opts.format) throw new InputFormatError('give --kind or --format, not both')
  const out: Input[] = []
  for (const file of files) {
    let st
    try {
      st = statSync(file)
    } catch {
      throw new InputFormatError(`cannot read ${file}: no such file`)
    }
    if (st.isDirectory()) {
      if ((opts.format ?? 'edxml') !== 'edxml' || opts.kind) throw new InputFormatError(`${file} is a folder: only a folder of edXML messages (.xml) can be imported`)
      const messages = readdirSync(file)
        .filter((n) => isXml(n))
        .sort()
        .map((n) => path.join(file, n))
        .filter((p) => statSync(p).isFile())
      out.push({ file, kind: 'document', format: 'edxml', messages })
      continue
    }
    if (!st.isFile()) throw new InputFormatError(`cannot read ${file}: not a file`)
    const format = opts.format ?? (opts.kind ? null : isXml(file) ? 'edxml' : (await looksLikeSync(file)) ? 'dvcqg' : null)
    if (format === 'edxml') {
      out.push({ file, kind: 'document', format, messages: [file] })
      continue
    }
    if (format === 'dvcqg') {
      await assertSync(file)
      out.push({ file, kind: 'dossier', format })
      continue
    }
    const k = opts.kind ?? kindFromName(file)
    if (!k) throw new InputFormatError(`cannot tell the kind of ${file}: name it dossier…, document…, connection…, agency… or registry…, or pass --kind (or --format for the national formats)`)
    if (k === 'agency' && isCsv(file)) await assertCsv(file, ['agency_code', 'name', 'level'])
    else await assertNdjson(file)
    out.push({ file, kind: k, format: null })
  }
  return out
}

/** Loads one input through a target: the one implementation of reading, counting and the rejects file. */
export async function loadInput(target: Target, input: Input, onProgress?: (bytesRead: number) => void): Promise<FileResult> {
  const folder = input.messages !== undefined && (input.messages.length !== 1 || input.messages[0] !== input.file)
  const rejectsPath = `${input.file.replace(/[/\\]+$/, '')}.rejects.ndjson`
  rmSync(rejectsPath, { force: true }) // a previous run's rejects would mislead
  let out: WriteStream | null = null
  const onReject: OnReject = (r) => {
    out ??= createWriteStream(rejectsPath)
    const kept = { line: r.line, field: r.field, reason: r.reason, record: r.record }
    out.write(JSON.stringify(folder ? { file: r.file ? path.basename(r.file) : undefined, ...kept } : kept) + '\n')
  }
  const source = `file:${path.basename(input.file)}`
  let counts: IngestCounts
  if (input.format === 'edxml') counts = await target.edxml(xmlMessages(input.messages ?? [input.file]), source, onReject)
  else if (input.format === 'dvcqg') counts = await target.sync(syncEnvelopes(input.file), source, onReject)
  else counts = await target.records(input.kind, await fileRecords(input.file, input.kind, onProgress), source, onReject)
  if (out) await new Promise<void>((res, rej) => (out as WriteStream).end((e?: Error | null) => (e ? rej(e) : res())))
  return { file: input.file, kind: input.kind, ...(input.format ? { format: input.format } : {}), ...counts, rejects_file: counts.rejected > 0 ? rejectsPath : null }
}

// ---------------------------------------------------------------------------------------------
// Straight into the store.

/**
 * The converted events of sync envelopes, in order. The stored events that progress records need
 * are read ahead for a group of envelopes in one query (a file may hold one small envelope per
 * line); the group's own events are noted as they are converted, so the order stays exact.
 */
export async function* syncEvents(envelopes: AsyncIterable<EnvelopeItem>, store: Store | null): AsyncGenerator<Converted> {
  const validate = { provinceCodes: reference().provinceCodes }
  const latest = new LatestEvents(store)
  let group: EnvelopeItem[] = []
  let records = 0
  async function* drain(): AsyncGenerator<Converted> {
    await latest.prime(group.flatMap((item) => (item.envelope ? progressCodes(item.envelope) : [])))
    for (const item of group) {
      if (!item.envelope) yield refused(item.line, item.error!.field, item.error!.reason, '')
      else yield* envelopeEvents(item.envelope, { validate, latest, arrival: arrivalOf(new Date()) })
    }
    group = []
    records = 0
  }
  for await (const item of envelopes) {
    group.push(item)
    records += item.envelope?.data.length ?? 1
    if (group.length >= 1000 || records >= 20_000) yield* drain()
  }
  yield* drain()
}

/** The converted events of edXML messages; a message refused whole is one reject for its file. */
export async function* edxmlEvents(messages: AsyncIterable<MessageItem>, current?: (file: string) => void): AsyncGenerator<Converted> {
  const validate = { provinceCodes: reference().provinceCodes }
  for await (const m of messages) {
    current?.(m.file)
    if (m.text === undefined) {
      yield refused(1, '(file)', m.error ?? 'cannot read the file', '')
      continue
    }
    let events: Converted[]
    try {
      events = messageEvents(m.text, { validate })
    } catch (e) {
      if (!(e instanceof XmlRefusal)) throw e
      events = [refused(e.line, '(file)', e.message, '')]
    }
    yield* events
  }
}

export function directTarget(store: Store, writer: IngestWriter): Target {
  const validate = { provinceCodes: reference().provinceCodes }
  return {
    records: (kind, records, source, onReject) => ingestRecords(records, { kind, store, writer, source, validate, onReject }),
    sync: (envelopes, source, onReject) => ingestConverted(syncEvents(envelopes, store), { kind: 'dossier', store, writer, source, validate, onReject }),
    edxml: (messages, source, onReject) => {
      // the pipeline handles each record (and its reject) before it reads the next one
      let file = ''
      return ingestConverted(
        edxmlEvents(messages, (f) => (file = f)),
        { kind: 'document', store, writer, source, validate, onReject: (r) => onReject({ ...r, file }) },
      )
    },
  }
}

/** Imports one file of a kind (NDJSON, or CSV for the registry) straight into the store. */
export function importFile(store: Store, writer: IngestWriter, file: string, kind: Kind, onProgress?: (bytesRead: number) => void): Promise<FileResult> {
  return loadInput(directTarget(store, writer), { file, kind, format: null }, onProgress)
}
