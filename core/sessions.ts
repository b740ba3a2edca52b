// Server-side sessions for signed-in users: created at login, read on every request, ended by
// logout or expiry. Ids are 256-bit random; only the signed id travels in the cookie.
import { randomBytes } from 'node:crypto'
import type { Store } from './db'
import { chTime, utcNow } from './time'

export interface SessionData {
  email: string
  expires: number
}

export async function createSession(store: Store, data: SessionData): Promise<string> {
  const id = randomBytes(32).toString('base64url')
  await store.insert('sessions', [{ id, email: data.email, expires_at: chTime(new Date(data.expires)), revoked: 0, updated_at: utcNow() }])
  return id
}

export async function readSession(store: Store, id: string): Promise<SessionData | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null
  const [s] = await store.named<{ email: string; expires_at: string }>('session-by-id', { id })
  return s ? { email: s.email, expires: Date.parse(`${s.expires_at.replace(' ', 'T')}Z`) } : null
}

export async function updateSession(store: Store, id: string, data: SessionData): Promise<void> {
  await store.insert('sessions', [{ id, email: data.email, expires_at: chTime(new Date(data.expires)), revoked: 0, updated_at: utcNow() }])
}

export async function endSession(store: Store, id: string): Promise<void> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return
  await store.insert('sessions', [{ id, email: '', expires_at: chTime(new Date(0)), revoked: 1, updated_at: utcNow() }])
}
