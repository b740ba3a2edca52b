// POST /api/v1/ingest/edxml: one edXML message of QCVN 102 (a status message or a document
// message), answered as /api/v1/ingest/document.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ingestEdxmlDelivery } from '~/data.server'
import { readIngestBody, requireIngestCaller, storeDown } from '~/lib/ingest.server'
import { api, HttpError, jsonResponse } from '~/lib/http.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    await requireIngestCaller(request)
    throw new HttpError(405, 'use POST', { Allow: 'POST' })
  })

export const action = ({ request }: ActionFunctionArgs) =>
  api(async () => {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' })
    const sender = await requireIngestCaller(request)
    const body = await readIngestBody(request)
    try {
      const answer = await ingestEdxmlDelivery({
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
  })
