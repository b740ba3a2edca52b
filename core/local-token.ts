// A token for this machine's own command-line tools: created by the server at start, kept in
// memory and in DATA_DIR/server.json (readable by the server's user only), so `ingest import`
// can hand files to the server that owns the embedded database. It dies with the server.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Principal } from './auth'

const KEY = Symbol.for('egov-pulse.local-token')
type Holder = { [KEY]?: string }

export function newLocalToken(): string {
  const t = `egl_${randomBytes(32).toString('base64url')}`
  ;(globalThis as Holder)[KEY] = t
  return t
}

export function localPrincipal(token: string): Principal | null {
  const mine = (globalThis as Holder)[KEY]
  if (!mine || token.length !== mine.length || !timingSafeEqual(Buffer.from(token), Buffer.from(mine))) return null
  return { kind: 'token', id: 'local', name: 'local-cli', role: 'admin', scopes: [] }
}
