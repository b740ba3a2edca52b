// The audit log: security-relevant actions, never with passwords, tokens or cookies in them.
import type { Store } from './db'
import { utcNow } from './time'

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_changed'
  | 'export'
  | 'user_created'
  | 'user_disabled'
  | 'user_enabled'
  | 'token_created'
  | 'token_revoked'

export async function audit(store: Store, e: { actor: string; action: AuditAction; detail?: string; ip?: string }): Promise<void> {
  try {
    await store.insert('audit_log', [{ at: utcNow(), actor: e.actor, action: e.action, detail: e.detail ?? '', ip: e.ip ?? '' }])
  } catch (err) {
    console.error(`audit: could not record ${e.action} by ${e.actor}: ${(err as Error).message}`)
  }
}

export async function recentAudit(store: Store, limit = 200) {
  return store.named<{ at: string; actor: string; action: string; detail: string; ip: string }>('audit-recent', { limit })
}
