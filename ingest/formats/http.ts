// POST /api/v1/ingest/dvcqg and /api/v1/ingest/edxml without the web framework: a body in, a
// status and a JSON answer out, with the tokens, limits and durability of the NDJSON endpoints
// (ingest/http.ts): everything is checked before anything is stored, and the answer is sent only
// once every accepted record is stored.
import type { Store } from '../../core/db'
import { reference } from '../../core/reference'
import { decodeBody, MAX_BYTES, MAX_LINES } from '../http'
import type { Reject } from '../records'
import { scopeChecker } from '../scope'
import type { IngestWriter } from '../writer'
import { ingestConverted } from './convert'
import { arrivalOf, envelopeEvents, EnvelopeError, LatestEvents, progressCodes, readEnvelope } from './dvcqg'
import { messageEvents, XmlRefusal } from './edxml'

export interface FormatRequest {
  body: Buffer
  contentType: string | null
  contentEncoding: string | null
  /** The query string (the bare array's `MaDinhDanhDV`). */
  query: URLSearchParams
  /** Who sends it: null scopes = admin (no limit). */
  sender: { name: string; scopes: string[] | null }
}

export interface SyncAnswer {
  status: number
  body: { error_code: 0; message: string; accepted: number; duplicates: number; rejected: Reject[] } | { error_code: 1; message: string; error?: string }
  headers?: Record<string, string>
}

export interface EdxmlAnswer {
  status: number
  body: { accepted: number; duplicates: number; rejected: Reject[] } | { error: string }
  headers?: Record<string, string>
}

const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0].trim().toLowerCase()

function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')
  return m ? m[1].toLowerCase() : null
}

/** The body's text in its declared charset (UTF-8 when none is declared); null for an unknown charset. */
function decodeText(body: Buffer, contentType: string | null): string | null {
  const charset = charsetOf(contentType)
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder(charset ?? 'utf-8')
  } catch {
    return null
  }
  return decoder.decode(body).replace(/^\uFEFF/, '')
}

// The portal answers in Vietnamese; its error answers also carry this API's {"error"} for 401/403/413/415/503.
const syncFail = (status: number, message: string, headers?: Record<string, string>): SyncAnswer => ({
  status,
  body: status === 400 ? { error_code: 1, message } : { error_code: 1, message, error: message },
  headers,
})

const JSON_TYPES = new Set(['application/json', 'text/json'])

/** The portal's dossier sync: one DongBoHoSoMC or CapNhatTienDoHoSoMC envelope, or the bare data array. */
export async function ingestSyncHttp(req: FormatRequest, store: Store, writer: IngestWriter): Promise<SyncAnswer> {
  if (!JSON_TYPES.has(mediaType(req.contentType))) return syncFail(415, 'Content-Type must be application/json')
  const decoded = decodeBody(req.body, req.contentEncoding)
  if ('error' in decoded) return syncFail(decoded.status, decoded.error)
  const text = decodeText(decoded.body, req.contentType)
  if (text === null) return syncFail(415, `unknown charset ${charsetOf(req.contentType)}`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return syncFail(400, `body is not JSON: ${(e as Error).message}`)
  }
  let env
  try {
    env = readEnvelope(value, req.query.get('MaDinhDanhDV'))
  } catch (e) {
    if (e instanceof EnvelopeError) return syncFail(400, e.message)
    throw e
  }
  if (env.data.length > MAX_LINES) return syncFail(413, `more than ${MAX_LINES} records in data`)
  if (req.sender.scopes !== null) {
    const agency = env.agency.normalize('NFC')
    const admit = await scopeChecker(store, 'dossier', req.sender.scopes, [agency])
    if (admit({ agency_code: agency } as never, 0)) return syncFail(403, `this token may not sync for agency ${agency} (outside its scope)`)
  }
  const arrival = arrivalOf(new Date())
  const latest = new LatestEvents(store)
  await latest.prime(progressCodes(env))
  const validate = { provinceCodes: reference().provinceCodes }
  const rejected: Reject[] = []
  const counts = await ingestConverted(envelopeEvents(env, { validate, latest, arrival }), {
    kind: 'dossier',
    store,
    writer,
    source: `http:${req.sender.name}`,
    validate,
    batchSize: MAX_LINES + 1, // one delivery, one write: all of it is stored, or none is acknowledged
    onReject: (r) => void rejected.push({ line: r.line, field: r.field, reason: r.reason }),
  })
  const message = `Đã nhận ${counts.accepted} bản ghi, ${counts.duplicates} bản ghi trùng, ${counts.rejected} bản ghi bị từ chối`
  return { status: 200, body: { error_code: 0, message, accepted: counts.accepted, duplicates: counts.duplicates, rejected } }
}

const XML_TYPES = new Set(['application/xml', 'text/xml', 'application/soap+xml'])

const xmlFail = (status: number, error: string, headers?: Record<string, string>): EdxmlAnswer => ({ status, body: { error }, headers })

/** One edXML message (QCVN 102): a status message or a document message. */
export async function ingestEdxmlHttp(req: FormatRequest, store: Store, writer: IngestWriter): Promise<EdxmlAnswer> {
  if (!XML_TYPES.has(mediaType(req.contentType))) return xmlFail(415, 'Content-Type must be application/xml or text/xml')
  const decoded = decodeBody(req.body, req.contentEncoding)
  if ('error' in decoded) return xmlFail(decoded.status, decoded.error)
  const text = decodeText(decoded.body, req.contentType)
  if (text === null) return xmlFail(415, `unknown charset ${charsetOf(req.contentType)}`)
  const validate = { provinceCodes: reference().provinceCodes }
  let events
  try {
    events = messageEvents(text, { validate })
  } catch (e) {
    if (e instanceof XmlRefusal) return xmlFail(400, `${e.message} (line ${e.line})`)
    throw e
  }
  let admit
  if (req.sender.scopes !== null) {
    const codes = new Set<string>()
    for (const r of events) {
      const v = r.value as Record<string, unknown> | undefined
      for (const f of ['from_agency', 'to_agency']) if (v && typeof v[f] === 'string') codes.add((v[f] as string).normalize('NFC'))
    }
    admit = await scopeChecker(store, 'document', req.sender.scopes, [...codes])
  }
  const rejected: Reject[] = []
  const counts = await ingestConverted(events, {
    kind: 'document',
    store,
    writer,
    source: `http:${req.sender.name}`,
    validate,
    batchSize: MAX_LINES + 1,
    admit,
    onReject: (r) => void rejected.push({ line: r.line, field: r.field, reason: r.reason }),
  })
  return { status: 200, body: { accepted: counts.accepted, duplicates: counts.duplicates, rejected } }
}

export { MAX_BYTES }
