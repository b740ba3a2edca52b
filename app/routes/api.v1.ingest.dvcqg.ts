// POST /api/v1/ingest/dvcqg: the portal's dossier sync (DongBoHoSoMC, CapNhatTienDoHoSoMC) as
// one-stop systems send it, answered in the portal's style ({"error_code": 0, …} plus the counts).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ingestSyncDelivery } from '~/data.server'
import { ingestAction, requireIngestCaller } from '~/lib/ingest.server'
import { api, HttpError, jsonResponse } from '~/lib/http.server'

/** An HttpError answer with the portal's fields added ({"error_code": 1, "message"}). */
async function portalStyle(fn: () => Promise<Response>): Promise<Response> {
  const res = await api(fn)
  if (res.ok) return res
  const body = (await res.clone().json().catch(() => null)) as { error?: string; error_code?: number } | null
  if (!body || body.error_code !== undefined || typeof body.error !== 'string') return res
  return jsonResponse({ error_code: 1, message: body.error, error: body.error }, res.status, Object.fromEntries([...res.headers].filter(([k]) => k !== 'content-length')))
}

export const loader = ({ request }: LoaderFunctionArgs) =>
  portalStyle(async () => {
    await requireIngestCaller(request)
    throw new HttpError(405, 'use POST', { Allow: 'POST' })
  })

export const action = ({ request }: ActionFunctionArgs) => portalStyle(() => ingestAction(request, ingestSyncDelivery))
