// Who is asking: a bearer token (API) or a session cookie (pages). require*() throw the 401 /
// 403 answers, so a loader reads as a list of what it needs.
import { createCookie, createSessionStorage, redirect } from '@remix-run/node'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { userPrincipal, type Principal } from '../../core/auth'
export { AccessError, verifyPassword } from '../../core/auth'
import { config } from '../../core/config'
import { localPrincipal } from '../../core/local-token'
import type { SessionData } from '../../core/sessions'
import { accounts, sessionStore } from '../data.server'
import { HttpError } from './http.server'

const SESSION_HOURS = 12

export function sessionSecret(): string {
  const cfg = config()
  if (cfg.SESSION_SECRET) return cfg.SESSION_SECRET
  // Embedded mode: a secret kept with the data, so sessions survive a restart of the same database.
  const file = path.join(cfg.dataDir, 'session-secret')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    mkdirSync(cfg.dataDir, { recursive: true })
    const s = randomBytes(32).toString('base64url')
    writeFileSync(file, s, { mode: 0o600 })
    return s
  }
}

let storage: ReturnType<typeof createSessionStorage<SessionData>> | undefined
/** Sessions kept in ClickHouse (core/sessions.ts); the httpOnly, SameSite cookie holds the signed id only. */
export function sessions() {
  storage ??= createSessionStorage<SessionData>({
    cookie: createCookie('__egp_session', {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secrets: [sessionSecret()],
      secure: process.env.COOKIE_SECURE === '1',
      maxAge: SESSION_HOURS * 3600,
    }),
    createData: (data) => sessionStore.create(data as SessionData),
    readData: (id) => sessionStore.read(id),
    updateData: (id, data) => sessionStore.update(id, data as SessionData),
    deleteData: (id) => sessionStore.end(id),
  })
  return storage
}

// One look-up per request: the root loader and the page's loader both ask who is signed in, and
// the root loader reads the session again for its CSRF token (a query or two each). Remix gives each
// loader its own copy of the Request, so a GET's answers are kept under the id the server entry
// gives every request (requestId, headers.server.ts), for a minute at most; a new request asks
// again, so a logout or a disabled account counts at once. A POST asks afresh in each loader (its
// action may have changed the answer); a Request without the id (a loader called directly) keeps
// its answers on the object.
const byRequestId = new Map<string, { at: number; answers: Map<string, Promise<unknown>> }>()
const byRequest = new WeakMap<Request, Map<string, Promise<unknown>>>()
const KEEP_MS = 60_000

function oncePerRequest<T>(request: Request, what: string, ask: () => Promise<T>): Promise<T> {
  const id = request.headers.get('X-Egp-Request')
  let answers: Map<string, Promise<unknown>> | undefined
  if (!id || (request.method !== 'GET' && request.method !== 'HEAD')) {
    answers = byRequest.get(request)
    if (!answers) byRequest.set(request, (answers = new Map()))
  } else {
    const now = Date.now()
    for (const [k, e] of byRequestId) {
      if (e.at > now - KEEP_MS) break // kept in the order they came
      byRequestId.delete(k)
    }
    answers = byRequestId.get(id)?.answers
    if (!answers) byRequestId.set(id, { at: now, answers: (answers = new Map()) })
  }
  let p = answers.get(what) as Promise<T> | undefined
  if (!p) answers.set(what, (p = ask()))
  return p
}

export function getPrincipal(request: Request): Promise<Principal | null> {
  return oncePerRequest(request, 'principal', () => findPrincipal(request))
}

/** The request's session as its cookie names it (read from the store once per request). */
function sessionOf(request: Request) {
  return oncePerRequest(request, 'session', () => sessions().getSession(request.headers.get('Cookie')))
}

async function findPrincipal(request: Request): Promise<Principal | null> {
  const auth = request.headers.get('Authorization')
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth)
    if (!m) return null
    return localPrincipal(m[1]) ?? accounts.principalFromToken(m[1])
  }
  const session = await sessionOf(request)
  const email = session.get('email') as string | undefined
  const expires = session.get('expires') as number | undefined
  if (!email || !expires || expires < Date.now()) return null
  const u = await accounts.findUser(email)
  if (!u || Number(u.disabled) === 1) return null
  return { ...userPrincipal(u), mustChangePassword: Number(u.must_change_password) === 1 }
}

/** For API routes: the caller, or a 401 (a user who must still change the password gets a 403). */
export async function requireApiPrincipal(request: Request): Promise<Principal> {
  const p = await getPrincipal(request)
  if (!p) throw new HttpError(401, 'authentication required: a session or Authorization: Bearer TOKEN', { 'WWW-Authenticate': 'Bearer' })
  if (p.mustChangePassword) throw new HttpError(403, 'change your one-time password first')
  return p
}

/** For pages: the signed-in user, or a redirect to the login page (or to the forced password change). */
export async function requirePageUser(request: Request, opts: { allowMustChange?: boolean } = {}): Promise<Principal> {
  const p = await getPrincipal(request)
  const url = new URL(request.url)
  if (!p) {
    // the way back, unless it is longer than the login accepts (safeRedirect's limit): then the page alone
    const back = url.pathname + url.search
    throw redirect(`/login?next=${encodeURIComponent(back.length <= 2048 ? back : url.pathname.slice(0, 2048))}`)
  }
  if (p.mustChangePassword && !opts.allowMustChange) throw redirect('/doi-mat-khau')
  return p
}

/** The binding of CSRF tokens: the signed-in user's e-mail, or "anon". */
export async function csrfBinding(request: Request): Promise<string> {
  const session = await sessionOf(request)
  return session.get('email') ?? 'anon'
}

/** The client's address, as the server entry saw it (it overwrites the header, so a client cannot choose it). */
export function clientIp(request: Request): string {
  return request.headers.get('X-Egp-Client-Ip') || 'unknown'
}

export async function startSession(email: string, next: string): Promise<Response> {
  const s = sessions()
  const session = await s.getSession()
  session.set('email', email)
  session.set('expires', Date.now() + SESSION_HOURS * 3600_000)
  return redirect(next, { headers: { 'Set-Cookie': await s.commitSession(session) } })
}

export async function endSession(request: Request): Promise<Response> {
  const s = sessions()
  const session = await s.getSession(request.headers.get('Cookie'))
  return redirect('/login', { headers: { 'Set-Cookie': await s.destroySession(session) } })
}
