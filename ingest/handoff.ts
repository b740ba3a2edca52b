// In embedded mode the running server owns the database, so `ingest import` hands each file
// to it over HTTP (POST /api/v1/ingest/{kind}, the local token of DATA_DIR/server.json), in
// chunks under the endpoint's limits, and maps the reply's line numbers back to the file's.
import { createWriteStream, rmSync, type WriteStream } from 'node:fs'
import type { Owner } from '../core/owner'
import type { FileResult } from './import'
import { MAX_BYTES, MAX_LINES } from './http'
import { csvRecords, ndjsonRecords, openInput, type RawRecord } from './read'
import type { Kind, Reject } from './records'
import { agencyFromCsvRow } from './validate'

const CHUNK_BYTES = MAX_BYTES - 256 * 1024

export class HandoffError extends Error {}

async function post(owner: Owner, kind: Kind, body: string): Promise<{ accepted: number; duplicates: number; rejected: Reject[] }> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${owner.url}/api/v1/ingest/${kind}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/x-ndjson' },
      body,
    })
    if (res.status === 503 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('Retry-After') ?? 2)))
      continue
    }
    const answer = (await res.json()) as { accepted: number; duplicates: number; rejected: Reject[]; error?: string }
    if (!res.ok) throw new HandoffError(`the server at ${owner.url} refused the file: ${res.status} ${answer.error ?? ''}`)
    return answer
  }
}

export async function handoffFile(owner: Owner, file: string, kind: Kind, onProgress?: (bytes: number) => void): Promise<FileResult> {
  if (!owner.token) throw new HandoffError(`the server at ${owner.url} takes no hand-off (restart it to get a local token)`)
  const rejectsPath = `${file}.rejects.ndjson`
  rmSync(rejectsPath, { force: true })
  let out: WriteStream | null = null
  const result: FileResult = { file, kind, accepted: 0, duplicates: 0, rejected: 0, rejects_file: null }
  const input = await openInput(file, onProgress)
  const records: AsyncIterable<RawRecord> = /\.csv(\.gz)?$/i.test(file) && kind === 'agency' ? csvAsJson(csvRecords(input)) : ndjsonRecords(input)

  let lines: string[] = []
  let fileLines: number[] = []
  let bytes = 0
  const flush = async () => {
    if (lines.length === 0) return
    const answer = await post(owner, kind, lines.join('\n') + '\n')
    result.accepted += answer.accepted
    result.duplicates += answer.duplicates
    for (const r of answer.rejected) {
      result.rejected++
      const line = fileLines[r.line - 1] ?? r.line
      out ??= createWriteStream(rejectsPath)
      out.write(JSON.stringify({ line, field: r.field, reason: r.reason }) + '\n')
    }
    lines = []
    fileLines = []
    bytes = 0
  }
  for await (const r of records) {
    const text = r.raw ?? JSON.stringify(r.value)
    if (lines.length >= MAX_LINES || bytes + text.length + 1 > CHUNK_BYTES) await flush()
    lines.push(text)
    fileLines.push(r.line)
    bytes += Buffer.byteLength(text) + 1
  }
  await flush()
  if (out) await new Promise<void>((res) => (out as WriteStream).end(() => res()))
  result.rejects_file = result.rejected > 0 ? rejectsPath : null
  return result
}

async function* csvAsJson(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord> {
  for await (const r of records) {
    if (r.error) {
      yield { ...r, raw: 'not valid CSV' } // the server rejects this line as not JSON; the reason travels in the rejects file
      continue
    }
    const value = agencyFromCsvRow(r.value as Record<string, string>)
    yield { line: r.line, value, raw: JSON.stringify(value) }
  }
}
