// Backoff after repeated failed logins, per e-mail address and per client address: after 5
// failures, each further attempt waits 30 s, doubling up to 15 minutes. In memory: a restart
// forgets it, which is acceptable for slowing guessing down (the audit log keeps every failure).
const FREE = 5
const BASE_MS = 30_000
const MAX_MS = 15 * 60_000

interface Entry {
  failures: number
  lockedUntil: number
}
const entries = new Map<string, Entry>()

const keys = (email: string, ip: string) => [`e:${email.toLowerCase()}`, `i:${ip}`]

/** Milliseconds to wait before another attempt is allowed (0: allowed now). */
export function loginWait(email: string, ip: string, now = Date.now()): number {
  return Math.max(0, ...keys(email, ip).map((k) => (entries.get(k)?.lockedUntil ?? 0) - now))
}

export function loginFailed(email: string, ip: string, now = Date.now()): void {
  for (const k of keys(email, ip)) {
    const e = entries.get(k) ?? { failures: 0, lockedUntil: 0 }
    e.failures++
    if (e.failures >= FREE) e.lockedUntil = now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE))
    entries.set(k, e)
  }
}

export function loginSucceeded(email: string, ip: string): void {
  for (const k of keys(email, ip)) entries.delete(k)
}
