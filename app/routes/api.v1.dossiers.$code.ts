import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDossier } from '~/data.server'
import { mayReadDossier, requireAggregates } from '~/lib/access.server'
import { requireApiPrincipal } from '~/lib/auth.server'
import { api, badRequest, HttpError, jsonResponse, notFound } from '~/lib/http.server'

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  api(async () => {
    const p = await requireApiPrincipal(request)
    requireAggregates(p)
    const code = params.code ?? ''
    if (code.length < 1 || [...code].length > 64) throw badRequest('dossier_code: 1 to 64 characters')
    const d = await getDossier(code.normalize('NFC'))
    if (!d) throw notFound(`no dossier ${code}`)
    if (!mayReadDossier(p, { ministry: d.state?.units.ministry ?? null, province: d.state?.units.province ?? null }))
      throw new HttpError(403, 'outside your scope: dossiers of your own unit only')
    return jsonResponse(d)
  })
