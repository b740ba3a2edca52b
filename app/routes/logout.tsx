import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { recordAudit } from '~/data.server'
import { clientIp, csrfBinding, endSession, getPrincipal } from '~/lib/auth.server'
import { checkCsrf } from '~/lib/csrf.server'

export async function action({ request }: ActionFunctionArgs) {
  checkCsrf(request, await request.formData(), await csrfBinding(request))
  const p = await getPrincipal(request)
  if (p) await recordAudit({ actor: p.id, action: 'logout', ip: clientIp(request) })
  return endSession(request)
}
export const loader = () => redirect('/')
