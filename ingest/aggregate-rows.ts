// Per-day aggregate rows rolled up into per-month rows (the first day of the month), for the
// *_month tables that long periods and the at-T sums over all history read (ADR 011).

/** A day number (days since 1970-01-01) as the first day of its month, as a day number. */
export function monthOf(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000
}

type Sums = Record<string, number | bigint | string>

/** Sums rows with the same (month, agency_code); every field but `day` and `agency_code` is a number or bigint to add. */
export function rollUpMonths<T extends { day: number; agency_code: string }>(rows: T[]): Array<{ month: number } & Omit<T, 'day'>> {
  const byKey = new Map<string, Sums>()
  for (const r of rows) {
    const month = monthOf(r.day)
    const k = `${month}\u0000${r.agency_code}`
    const m = byKey.get(k)
    const { day: _day, ...rest } = r as T & Sums
    if (!m) {
      byKey.set(k, { month, ...rest })
      continue
    }
    for (const [f, v] of Object.entries(rest)) {
      if (typeof v === 'number') m[f] = (m[f] as number) + v
      else if (typeof v === 'bigint') m[f] = (m[f] as bigint) + v
    }
  }
  return [...byKey.values()] as unknown as Array<{ month: number } & Omit<T, 'day'>>
}
