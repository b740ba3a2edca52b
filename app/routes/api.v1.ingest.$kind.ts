// POST /api/v1/ingest/{dossier|document|connection|agency}: NDJSON (or CSV for the registry),
// gzip accepted, for tokens of role source (within their scope) or admin.
import type { ActionFunctionArgs } from '@remix-run/node'
import { ingestDelivery } from '~/data.server'
import { ingestAction } from '~/lib/ingest.server'
import { api, jsonResponse } from '~/lib/http.server'

export const loader = () => jsonResponse({ error: 'use POST' }, 405, { Allow: 'POST' })

export const action = ({ request, params }: ActionFunctionArgs) =>
  api(() => ingestAction(request, (d) => ingestDelivery({ ...d, kind: params.kind ?? '' })))
