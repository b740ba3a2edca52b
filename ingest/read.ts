// Streaming readers: a file (gzip or not) becomes numbered records, one at a time, so an
// import never holds a whole file in memory. Line numbers are 1-based physical lines.
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { Kind } from './records'

/** One input record: its parsed value, or why it could not be parsed. */
export interface RawRecord {
  line: number
  value?: unknown
  error?: { field: string; reason: string }
  /** The record's text as received (for the rejects store); JSON of value when absent. */
  raw?: string
  /** Set by a format adapter that has already validated `value` as this kind (not validated twice). */
  checked?: { kind: Kind; record: unknown }
}

const GZIP_MAGIC = [0x1f, 0x8b]

export class InputFormatError extends Error {}

async function head(path: string, bytes = 64 * 1024): Promise<Buffer> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const { bytesRead } = await fh.read(buf, 0, bytes, 0)
    return buf.subarray(0, bytesRead)
  } finally {
    await fh.close()
  }
}

export function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1]
}

/** The file's bytes, decompressed when it is gzip (known by its magic number, not its name). */
export async function openInput(path: string, onFileBytes?: (total: number) => void): Promise<Readable> {
  const gz = isGzip(await head(path, 2))
  const raw = createReadStream(path)
  if (onFileBytes) {
    let read = 0
    raw.on('data', (c) => onFileBytes((read += c.length)))
  }
  if (!gz) return raw
  const gunzip = createGunzip()
  raw.on('error', (e) => gunzip.destroy(e))
  return raw.pipe(gunzip)
}

/** The first decoded bytes of the file, for sniffing its format. */
async function decodedHead(path: string): Promise<string> {
  const stream = await openInput(path)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer)
      size += (chunk as Buffer).length
      if (size >= 64 * 1024) break
    }
  } catch (e) {
    throw new InputFormatError(`cannot read ${path}: ${(e as Error).message}`)
  } finally {
    stream.destroy()
  }
  const buf = Buffer.concat(chunks)
  if (buf.includes(0)) throw new InputFormatError(`${path} is not text (it contains NUL bytes): expected NDJSON or CSV`)
  return buf.toString('utf8')
}

/**
 * Refuses a file that is not NDJSON at all (binary, a JSON array, HTML…) before anything is
 * stored: at least one of its first complete lines must be a JSON object. A file that is NDJSON
 * with some broken lines is read, and the broken lines are rejected one by one.
 */
export async function assertNdjson(path: string): Promise<void> {
  const text = await decodedHead(path)
  const lines = text.split('\n')
  if (text.length >= 64 * 1024) lines.pop() // the last one may be cut
  const nonBlank = lines.filter((l) => l.trim() !== '')
  if (nonBlank.length === 0) return // an empty file is fine: nothing to load
  const ok = nonBlank.some((l) => {
    try {
      const v = JSON.parse(l)
      return v !== null && typeof v === 'object' && !Array.isArray(v)
    } catch {
      return false
    }
  })
  if (!ok) throw new InputFormatError(`${path} is not NDJSON: none of its first lines is a JSON object`)
}

export async function assertCsv(path: string, required: string[]): Promise<void> {
  const text = await decodedHead(path)
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? ''
  const cols = header.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
  const missing = required.filter((r) => !cols.includes(r))
  if (text.trim() !== '' && missing.length > 0)
    throw new InputFormatError(`${path} is not a registry CSV: its header lacks ${missing.join(', ')}`)
}

/** NDJSON lines of a stream; blank lines are skipped, a line that is not JSON is an error record. */
export async function* ndjsonRecords(input: Readable): AsyncGenerator<RawRecord> {
  const rl = createInterface({ input, crlfDelay: Infinity })
  let line = 0
  for await (const text of rl) {
    line++
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text
    if (t.trim() === '') continue
    try {
      yield { line, value: JSON.parse(t), raw: t }
    } catch (e) {
      yield { line, raw: t, error: { field: '(line)', reason: `not valid JSON: ${(e as Error).message}` } }
    }
  }
}

/** Characters of one CSV record at most; a longer one is an error record. */
export const MAX_CSV_RECORD = 16 * 1024

/**
 * CSV rows (RFC 4180, header row) of a stream, as objects of strings; line = the row's last line.
 * A malformed row (an unclosed quote, a stray quote) is an error record, and reading goes on.
 */
export async function* csvRecords(input: Readable): AsyncGenerator<RawRecord> {
  const skipped: RawRecord[] = []
  const parser = input.pipe(
    // max_record_size: csv-parse's cost of a malformed record grows with the square of its size
    // (each stray quote is an error carrying the record so far); a registry row is far shorter.
    parse({ columns: true, bom: true, skip_empty_lines: true, info: true, relax_column_count: true, trim: false, skip_records_with_error: true, max_record_size: MAX_CSV_RECORD }),
  )
  let lastSkipped = -1
  parser.on('skip', (err: Error & { lines?: number; record?: unknown }) => {
    if (err.lines === lastSkipped) return // one reject per line
    lastSkipped = err.lines ?? -1
    skipped.push({ line: err.lines ?? 0, raw: '', error: { field: '(line)', reason: `not valid CSV: ${err.message}` } })
  })
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!
    yield { line: item.info.lines, value: item.record, raw: JSON.stringify(item.record) }
  }
  while (skipped.length > 0) yield skipped.shift()!
}

// ---------------------------------------------------------------------------------------------
// The national formats as files (national-formats.md; interfaces.md, `import --format`).

/** The whole decoded text of a file (a sync envelope written over several lines, an XML message). */
export async function readText(path: string): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of await openInput(path)) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '')
}

/** Whether a JSON text's top-level object has the key `service` (read from its start, without parsing it all). */
export function topLevelHasService(text: string): boolean {
  let depth = 0
  let i = text.search(/\S/)
  if (i < 0 || text[i] !== '{') return false
  for (; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      if (depth === 1 && /^\s*:/.test(text.slice(j + 1, j + 40)) && text.slice(i + 1, j) === 'service') return true
      i = j
    } else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
  }
  return false
}

/** A sync file is recognised by its first JSON object having a `service` key. */
export async function looksLikeSync(path: string): Promise<boolean> {
  return topLevelHasService(await decodedHead(path))
}

/** Refuses, before anything is stored, a file that cannot hold sync envelopes (binary, not JSON). */
export async function assertSync(path: string): Promise<void> {
  const text = (await decodedHead(path)).replace(/^\uFEFF/, '')
  const first = text.search(/\S/)
  if (first >= 0 && text[first] !== '{' && text[first] !== '[')
    throw new InputFormatError(`${path} is not the portal's dossier sync: expected a JSON envelope {"service": "DongBoHoSoMC", "madonvi", "data": [...]}, one per line or one for the file`)
}

/**
 * The envelopes of a sync file, parsed: one JSON value per line (NDJSON), or one JSON document
 * for the whole file (an envelope written over several lines). `line` is the envelope's first
 * line in the file; a line that is not JSON is an error record.
 */
export async function* syncFileValues(path: string): AsyncGenerator<RawRecord> {
  const head = (await decodedHead(path)).replace(/^\uFEFF/, '')
  const firstLine = head.split('\n').find((l) => l.trim() !== '') ?? ''
  let oneDocument = false
  try {
    JSON.parse(firstLine)
  } catch {
    oneDocument = true
  }
  if (!oneDocument) {
    yield* ndjsonRecords(await openInput(path))
    return
  }
  const text = await readText(path)
  const line = text.slice(0, Math.max(0, text.search(/\S/))).split('\n').length
  try {
    yield { line, value: JSON.parse(text) }
  } catch (e) {
    yield { line, error: { field: '(file)', reason: `not valid JSON: ${(e as Error).message}` } }
  }
}
