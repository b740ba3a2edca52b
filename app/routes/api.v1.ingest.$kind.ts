// POST /api/v1/ingest/{dossier|document|connection|agency}: NDJSON (or CSV for the registry),
// gzip accepted, for tokens of role source (within their scope) or admin.
import type { ActionFunctionArgs } from '@remix-run/node'
import { ingestDelivery } from '~/data.server'
import { readIngestBody, requireIngestCaller, storeDown } from '~/lib/ingest.server'
import { api, HttpError, jsonResponse } from '~/lib/http.server'

export const loader = () => jsonResponse({ error: 'use POST' }, 405, { Allow: 'POST' })

export const action = ({ request, params }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' })
    const sender = await requireIngestCaller(request)
    const body = await readIngestBody(request)
    try {
      const answer = await ingestDelivery({
        kind: params.kind ?? '',
        body,
        contentType: request.headers.get('Content-Type'),
        contentEncoding: request.headers.get('Content-Encoding'),
        sender,
      })
      return jsonResponse(answer.body, answer.status, answer.headers)
    } catch (e) {
      throw storeDown(e)
    }
  })
