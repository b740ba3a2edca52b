// What every ingest route shares: POST only, a bearer token of role source or admin, and a body
// read up to the size limit (refused early from Content-Length, or while it streams in).
import { MAX_BYTES } from '../../ingest/http'
import { requireApiPrincipal } from './auth.server'
import { HttpError, jsonResponse } from './http.server'

export interface IngestCaller {
  name: string
  /** null: admin (no scope). */
  scopes: string[] | null
}

/** The caller of an ingest route, or the HttpError to answer (401, 403). */
export async function requireIngestCaller(request: Request): Promise<IngestCaller> {
  const p = await requireApiPrincipal(request)
  if (p.kind !== 'token') throw new HttpError(401, 'ingest takes Authorization: Bearer TOKEN')
  if (p.role !== 'source' && p.role !== 'admin') throw new HttpError(403, `role ${p.role} may not ingest`)
  return { name: p.name, scopes: p.role === 'admin' ? null : p.scopes }
}

export async function readIngestBody(request: Request): Promise<Buffer> {
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > MAX_BYTES) throw new HttpError(413, `body larger than ${MAX_BYTES} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length
      if (size > MAX_BYTES) throw new HttpError(413, `body larger than ${MAX_BYTES} bytes`)
      chunks.push(Buffer.from(chunk))
    }
  }
  return Buffer.concat(chunks)
}

/** The answer when the store could not be opened or did not take the write: nothing is acknowledged. */
export function storeDown(e: unknown): HttpError {
  console.error('ingest: store write failed:', (e as Error).message)
  return new HttpError(503, 'the store cannot take writes now; nothing is acknowledged, send it again', { 'Retry-After': '30' })
}

/** What an ingest route hands to its delivery function. */
export interface Delivery {
  body: Buffer
  contentType: string | null
  contentEncoding: string | null
  query: URLSearchParams
  sender: IngestCaller
}

/**
 * An ingest route's POST: the caller, the body, then `deliver`; its answer is sent as it is, and a
 * store that cannot take the write is a 503 with nothing acknowledged.
 */
export async function ingestAction(
  request: Request,
  deliver: (d: Delivery) => Promise<{ body: unknown; status: number; headers?: Record<string, string> }>,
): Promise<Response> {
  if (request.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' })
  const sender = await requireIngestCaller(request)
  const body = await readIngestBody(request)
  try {
    const answer = await deliver({
      body,
      contentType: request.headers.get('Content-Type'),
      contentEncoding: request.headers.get('Content-Encoding'),
      query: new URL(request.url).searchParams,
      sender,
    })
    return jsonResponse(answer.body, answer.status, answer.headers)
  } catch (e) {
    throw storeDown(e)
  }
}
