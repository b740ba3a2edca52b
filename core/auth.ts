// Principals (users and API tokens), their roles and scopes. Only hashes are stored:
// tokens as SHA-256 (they are long and random), passwords with scrypt (they are not).
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import type { Store } from './db'
import { utcNow } from './time'

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>

import { ROLES, type Role } from './roles'
export { ROLES, type Role }

export interface Principal {
  kind: 'user' | 'token'
  id: string
  name: string
  role: Role
  /** ministry: a ministry's agency code; province: a province code; source: agency codes or one unit. */
  scopes: string[]
  /** A user still on the one-time password: may only change it. */
  mustChangePassword?: boolean
}

export class AccessError extends Error {}

export function checkScopes(role: Role, scopes: string[]): void {
  if ((role === 'ministry' || role === 'province') && scopes.length !== 1)
    throw new AccessError(`role ${role} needs exactly one --scope (a ${role === 'ministry' ? "ministry's agency code" : 'province code'})`)
  if (role === 'province' && !/^\d{2}$/.test(scopes[0])) throw new AccessError(`a province scope is a two-digit province code, not ${scopes[0]}`)
  if (role === 'source' && scopes.length === 0) throw new AccessError('role source needs --scope (agency codes, or one unit)')
  if ((role === 'admin' || role === 'national') && scopes.length > 0) throw new AccessError(`role ${role} takes no scope`)
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export async function createToken(store: Store, name: string, role: Role, scopes: string[]): Promise<{ id: string; token: string }> {
  checkScopes(role, scopes)
  const secret = randomBytes(32).toString('base64url')
  const id = randomBytes(6).toString('hex')
  const token = `egp_${id}_${secret}`
  const now = utcNow()
  await store.insert('api_tokens', [{ token_id: id, name, role, scopes, token_hash: sha256(token), revoked: 0, created_at: now, updated_at: now }])
  return { id, token }
}

export async function revokeToken(store: Store, id: string): Promise<boolean> {
  const [t] = await store.named<Record<string, unknown>>('token-by-id', { id })
  if (!t) return false
  await store.insert('api_tokens', [{ ...t, revoked: 1, updated_at: utcNow() }])
  return true
}

export async function principalFromToken(store: Store, token: string): Promise<Principal | null> {
  const m = /^egp_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(token)
  if (!m) return null
  const [t] = await store.named<{ token_id: string; name: string; role: Role; scopes: string[]; token_hash: string; revoked: number }>('token-by-id', { id: m[1] })
  if (!t || Number(t.revoked) === 1) return null
  const a = Buffer.from(t.token_hash, 'hex')
  const b = Buffer.from(sha256(token), 'hex')
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null
  void noteTokenUse(store, t.token_id).catch(() => undefined)
  return { kind: 'token', id: t.token_id, name: t.name, role: t.role, scopes: t.scopes }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 })
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, N, r, p, salt, key] = stored.split('$')
  if (alg !== 'scrypt') return false
  const want = Buffer.from(key, 'base64')
  const got = await scrypt(password, Buffer.from(salt, 'base64'), want.length, { N: Number(N), r: Number(r), p: Number(p) })
  return timingSafeEqual(want, got)
}

export function oneTimePassword(): string {
  return randomBytes(9).toString('base64url')
}

export interface UserRow {
  email: string
  role: Role
  scope: string
  password_hash: string
  must_change_password: number
  disabled: number
}

export async function createUser(store: Store, email: string, role: Role, scope: string | null, password = oneTimePassword(), mustChange = true): Promise<string> {
  checkScopes(role, scope ? [scope] : [])
  const now = utcNow()
  await store.insert('users', [
    { email: email.toLowerCase(), role, scope: scope ?? '', password_hash: await hashPassword(password), must_change_password: mustChange ? 1 : 0, disabled: 0, created_at: now, updated_at: now },
  ])
  return password
}

export async function findUser(store: Store, email: string): Promise<UserRow | null> {
  const [u] = await store.named<UserRow>('user-by-email', { email: email.toLowerCase() })
  return u ?? null
}

export async function login(store: Store, email: string, password: string): Promise<Principal | null> {
  const u = await findUser(store, email)
  if (!u || Number(u.disabled) === 1 || !(await verifyPassword(password, u.password_hash))) return null
  return userPrincipal(u)
}

export function userPrincipal(u: UserRow): Principal {
  return { kind: 'user', id: u.email, name: u.email, role: u.role, scopes: u.scope ? [u.scope] : [] }
}

const lastUseWritten = new Map<string, number>()

/** Records a token's use, at most once a minute per token (the admin page shows the last use). */
export async function noteTokenUse(store: Store, tokenId: string): Promise<void> {
  const now = Date.now()
  if ((lastUseWritten.get(tokenId) ?? 0) > now - 60_000) return
  lastUseWritten.set(tokenId, now)
  await store.insert('api_token_uses', [{ token_id: tokenId, used_at: utcNow() }])
}

export async function listTokens(store: Store) {
  return store.named<{ token_id: string; name: string; role: Role; scopes: string[]; revoked: number; created_at: string; last_used_at: string | null }>('tokens-list')
}

export async function listUsers(store: Store) {
  return store.named<{ email: string; role: Role; scope: string; must_change_password: number; disabled: number; created_at: string }>('users-list')
}

/** Writes a new row of a user (the latest row wins). */
export async function updateUser(store: Store, email: string, change: Partial<Pick<UserRow, 'password_hash' | 'must_change_password' | 'disabled'>>): Promise<boolean> {
  const [u] = await store.named<UserRow & { created_at: string }>('user-by-email', { email: email.toLowerCase() })
  if (!u) return false
  await store.insert('users', [{ ...u, ...change, updated_at: utcNow() }])
  return true
}

export async function changePassword(store: Store, email: string, password: string): Promise<void> {
  await updateUser(store, email, { password_hash: await hashPassword(password), must_change_password: 0 })
}
