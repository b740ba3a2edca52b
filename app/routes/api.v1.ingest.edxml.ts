// POST /api/v1/ingest/edxml: one edXML message of QCVN 102 (a status message or a document
// message), answered as /api/v1/ingest/document.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ingestEdxmlDelivery } from '~/data.server'
import { ingestAction, requireIngestCaller } from '~/lib/ingest.server'
import { api, HttpError } from '~/lib/http.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    await requireIngestCaller(request)
    throw new HttpError(405, 'use POST', { Allow: 'POST' })
  })

export const action = ({ request }: ActionFunctionArgs) => api(() => ingestAction(request, ingestEdxmlDelivery))
