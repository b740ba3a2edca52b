// Aggregate rows rolled up to a coarser key before they are written (ADR 011): per-day rows into
// per-month rows (the first day of the month), and per-procedure rows into per-agency rows.

/** A day number (days since 1970-01-01) as the first day of its month, as a day number. */
export function monthOf(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000
}

type Row = Record<string, number | bigint | string | boolean>

/**
 * Sums rows that have the same key after `rekey`: number and bigint fields are added, every
 * other field is part of the key.
 */
export function rollUp<T extends object, U extends object>(rows: T[], rekey: (r: T) => U): U[] {
  const byKey = new Map<string, Row>()
  for (const r of rows) {
    const x = rekey(r) as unknown as Row
    const key = Object.entries(x)
      .filter(([, v]) => typeof v !== 'number' && typeof v !== 'bigint')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('\u0000')
    const keyNumbers = ['day', 'month'].filter((k) => k in x).map((k) => `${k}=${x[k]}`).join('\u0000')
    const k = `${keyNumbers}\u0000${key}`
    const m = byKey.get(k)
    if (!m) {
      byKey.set(k, { ...x })
      continue
    }
    for (const [f, v] of Object.entries(x)) {
      if (f === 'day' || f === 'month') continue
      if (typeof v === 'number') m[f] = (m[f] as number) + v
      else if (typeof v === 'bigint') m[f] = (m[f] as bigint) + v
    }
  }
  return [...byKey.values()] as unknown as U[]
}

/** Per-day rows as per-month rows. */
export const toMonths = <T extends { day: number }>(rows: T[]) => rollUp(rows, ({ day, ...r }) => ({ month: monthOf(day), ...r }))
