// CSRF protection for every form action: a token signed with the session secret and bound to
// the signed-in user (or "anon" on the login page), checked on every POST from a form,
// together with the Origin header when the browser sends one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { HttpError } from './http.server'
import { sessionSecret } from './auth.server'

const MAX_AGE_MS = 12 * 3600_000

function sign(payload: string): string {
  return createHmac('sha256', sessionSecret()).update(payload).digest('base64url')
}

export function csrfToken(binding: string, now = Date.now()): string {
  const nonce = randomBytes(9).toString('base64url')
  const payload = `${nonce}.${now}`
  return `${payload}.${sign(`${payload}.${binding}`)}`
}

export function checkCsrf(request: Request, form: FormData, binding: string): void {
  const origin = request.headers.get('Origin')
  if (origin && origin !== 'null') {
    const host = request.headers.get('X-Forwarded-Host') ?? request.headers.get('Host')
    if (!host || new URL(origin).host !== host) throw new HttpError(403, 'cross-site form submission refused')
  }
  const token = String(form.get('csrf') ?? '')
  const [nonce, ts, mac] = token.split('.')
  const ok =
    !!nonce &&
    !!mac &&
    Number(ts) > Date.now() - MAX_AGE_MS &&
    Number(ts) <= Date.now() + 60_000 &&
    mac.length === sign('x').length &&
    timingSafeEqual(Buffer.from(mac), Buffer.from(sign(`${nonce}.${ts}.${binding}`)))
  if (!ok) throw new HttpError(403, 'the form has expired or did not come from this site; reload the page and try again')
}
