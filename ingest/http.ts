// HTTP ingest (POST /api/v1/ingest/{kind}), independent of the web framework: a body in, a
// status and a JSON answer out. The whole body is checked (type, size, gzip, NDJSON at all)
// before anything is stored, and the answer is sent only once every accepted record is stored.
import { gunzipSync } from 'node:zlib'
import { Readable } from 'node:stream'
import type { Store } from '../core/db'
import { reference } from '../core/reference'
import { ingestRecords } from './pipeline'
import { csvRecords, type RawRecord } from './read'
import { KINDS, type Kind, type Reject } from './records'
import { scopeChecker } from './scope'
import { agencyFromCsvRow } from './validate'
import type { IngestWriter } from './writer'

export const MAX_BYTES = 10 * 1024 * 1024
export const MAX_LINES = 50_000

export interface HttpIngestRequest {
  kind: string
  body: Buffer
  contentType: string | null
  contentEncoding: string | null
  /** Who sends it, for the stored source and the scope: null scopes = admin (no limit). */
  sender: { name: string; scopes: string[] | null }
}

export interface HttpIngestAnswer {
  status: number
  body: { accepted: number; duplicates: number; rejected: Reject[] } | { error: string }
  headers?: Record<string, string>
}

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json'])

const fail = (status: number, error: string, headers?: Record<string, string>): HttpIngestAnswer => ({ status, body: { error }, headers })

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * The body as sent, decompressed when its Content-Encoding is gzip, within the size limit before
 * and after decompression (shared by every ingest endpoint); or the failing status and reason.
 */
export function decodeBody(raw: Buffer, contentEncoding: string | null): { body: Buffer } | { status: number; error: string } {
  if (raw.length > MAX_BYTES) return { status: 413, error: `body larger than ${MAX_BYTES} bytes` }
  const encoding = (contentEncoding ?? '').trim().toLowerCase()
  if (encoding === '' || encoding === 'identity') return { body: raw }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') return { status: 415, error: `Content-Encoding ${encoding} is not supported (gzip is)` }
  let body: Buffer
  try {
    body = gunzipSync(raw, { maxOutputLength: MAX_BYTES + 1 })
  } catch (e) {
    const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger|too large/i.test((e as Error).message)
    return tooBig ? { status: 413, error: `body larger than ${MAX_BYTES} bytes once decompressed` } : { status: 400, error: 'body is not valid gzip' }
  }
  if (body.length > MAX_BYTES) return { status: 413, error: `body larger than ${MAX_BYTES} bytes once decompressed` }
  return { body }
}

export async function ingestHttp(req: HttpIngestRequest, store: Store, writer: IngestWriter): Promise<HttpIngestAnswer> {
  if (!(KINDS as readonly string[]).includes(req.kind)) return fail(404, `no such kind ${req.kind}: one of ${KINDS.join(', ')}`)
  const kind = req.kind as Kind
  const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase()
  const csv = type === 'text/csv'
  if (!(NDJSON_TYPES.has(type) || (csv && kind === 'agency')))
    return fail(415, `Content-Type must be application/x-ndjson${kind === 'agency' ? ' or text/csv' : ''}`)
  if (req.body.length > MAX_BYTES) return fail(413, `body larger than ${MAX_BYTES} bytes`)

  const decoded = decodeBody(req.body, req.contentEncoding)
  if ('error' in decoded) return fail(decoded.status, decoded.error)
  const body = decoded.body
  if (body.includes(0)) return fail(400, 'body is not NDJSON: it contains NUL bytes')

  const text = body.toString('utf8').replace(/^\uFEFF/, '')
  const lines = text.split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  if (lines.length > MAX_LINES + (csv ? 1 : 0)) return fail(413, `more than ${MAX_LINES} lines`)

  let raws: RawRecord[]
  if (csv) {
    raws = []
    try {
      for await (const r of csvRecords(Readable.from([text]))) raws.push(r.error ? r : { ...r, value: agencyFromCsvRow(r.value as Record<string, string>) })
    } catch (e) {
      return fail(400, `body is not CSV: ${(e as Error).message}`)
    }
  } else {
    raws = []
    let objects = 0
    lines.forEach((raw, i) => {
      const t = raw.replace(/\r$/, '')
      if (t.trim() === '') return
      try {
        const value = JSON.parse(t)
        if (isObject(value)) objects++
        raws.push({ line: i + 1, value, raw: t })
      } catch (e) {
        raws.push({ line: i + 1, raw: t, error: { field: '(line)', reason: `not valid JSON: ${(e as Error).message}` } })
      }
    })
    if (raws.length > 0 && objects === 0) return fail(400, 'body is not NDJSON: no line is a JSON object')
  }

  let admit
  if (req.sender.scopes !== null) {
    const codes = new Set<string>()
    for (const r of raws) {
      const v = r.value as Record<string, unknown> | undefined
      if (!v || typeof v !== 'object') continue
      for (const f of ['agency_code', 'from_agency', 'to_agency']) if (typeof v[f] === 'string') codes.add((v[f] as string).normalize('NFC'))
    }
    admit = await scopeChecker(store, kind, req.sender.scopes, [...codes])
  }

  const rejected: Reject[] = []
  const counts = await ingestRecords(raws, {
    kind,
    store,
    writer,
    source: `http:${req.sender.name}`,
    validate: { provinceCodes: reference().provinceCodes },
    batchSize: MAX_LINES + 1, // one delivery, one write: all of it is stored, or none is acknowledged
    admit,
    onReject: (r) => void rejected.push({ line: r.line, field: r.field, reason: r.reason }),
  })
  return { status: 200, body: { accepted: counts.accepted, duplicates: counts.duplicates, rejected } }
}
