// POST /api/v1/ingest/{dossier|document|connection|agency}: NDJSON (or CSV for the registry),
// gzip accepted, for tokens of role source (within their scope) or admin.
import type { ActionFunctionArgs } from '@remix-run/node'
import { ingestDelivery, MAX_INGEST_BYTES as MAX_BYTES } from '~/data.server'
import { requireApiPrincipal } from '~/lib/auth.server'
import { api, HttpError, jsonResponse } from '~/lib/http.server'

async function readBody(request: Request): Promise<Buffer> {
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

export const loader = () => jsonResponse({ error: 'use POST' }, 405, { Allow: 'POST' })

export const action = ({ request, params }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' })
    const p = await requireApiPrincipal(request)
    if (p.kind !== 'token') throw new HttpError(401, 'ingest takes Authorization: Bearer TOKEN')
    if (p.role !== 'source' && p.role !== 'admin') throw new HttpError(403, `role ${p.role} may not ingest`)
    const body = await readBody(request)
    try {
      const answer = await ingestDelivery({
        kind: params.kind ?? '',
        body,
        contentType: request.headers.get('Content-Type'),
        contentEncoding: request.headers.get('Content-Encoding'),
        sender: { name: p.name, scopes: p.role === 'admin' ? null : p.scopes },
      })
      return jsonResponse(answer.body, answer.status, answer.headers)
    } catch (e) {
      // the store could not be opened or did not take the write: nothing is acknowledged
      console.error('ingest: store write failed:', (e as Error).message)
      throw new HttpError(503, 'the store cannot take writes now; nothing is acknowledged, send it again', { 'Retry-After': '30' })
    }
  })
