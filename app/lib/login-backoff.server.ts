// Backoff after repeated failed logins, per e-mail address and per client address: after 5
// failures, each further attempt waits 30 s, doubling up to 15 minutes. In memory: a restart
// forgets it, which is acceptable for slowing guessing down (the audit log keeps every failure).
// Bounded: an entry expires a quiet window after its last failure, and at most MAX_ENTRIES are
// kept (the least recently failed go first), so a spray of addresses cannot grow the process.
const FREE = 5
const BASE_MS = 30_000
const MAX_MS = 15 * 60_000
/** How long a key is remembered after its last failure (and after its lock ends). */
const QUIET_MS = MAX_MS
export const MAX_ENTRIES = 50_000

interface Entry {
  failures: number
  lockedUntil: number
  expires: number
}
// A Map iterates in insertion order: re-inserting on each failure keeps it ordered by last failure.
const entries = new Map<string, Entry>()

const keys = (email: string, ip: string) => [`e:${email.toLowerCase()}`, `i:${ip}`]

function live(k: string, now: number): Entry | undefined {
  const e = entries.get(k)
  if (e && e.expires <= now) {
    entries.delete(k)
    return undefined
  }
  return e
}

function evict(now: number): void {
  // oldest first: drop the expired, then the least recent beyond the cap
  for (const [k, e] of entries) {
    if (e.expires > now && entries.size <= MAX_ENTRIES) break
    entries.delete(k)
  }
}

/** Milliseconds to wait before another attempt is allowed (0: allowed now). */
export function loginWait(email: string, ip: string, now = Date.now()): number {
  return Math.max(0, ...keys(email, ip).map((k) => (live(k, now)?.lockedUntil ?? 0) - now))
}

export function loginFailed(email: string, ip: string, now = Date.now()): void {
  for (const k of keys(email, ip)) {
    const e = live(k, now) ?? { failures: 0, lockedUntil: 0, expires: 0 }
    e.failures++
    if (e.failures >= FREE) e.lockedUntil = now + Math.min(MAX_MS, BASE_MS * 2 ** (e.failures - FREE))
    e.expires = Math.max(now, e.lockedUntil) + QUIET_MS
    entries.delete(k)
    entries.set(k, e)
  }
  evict(now)
}

export function loginSucceeded(email: string, ip: string): void {
  for (const k of keys(email, ip)) entries.delete(k)
}

/** How many keys are remembered (for tests and the soak). */
export const backoffSize = () => entries.size
