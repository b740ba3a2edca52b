// Aggregate rows rolled up to a coarser key before they are written (ADR 011): per-day rows into
// per-month rows (the first day of the month), and per-procedure rows into per-agency rows.
// Every aggregate row is keyed by (day or month, agency_code, procedure_code when it has one);
// its other number and bigint fields are sums. Runs for every batch: no per-row reflection.

const monthCache = new Map<number, number>()
/** A day number (days since 1970-01-01) as the first day of its month, as a day number. */
export function monthOf(day: number): number {
  let m = monthCache.get(day)
  if (m === undefined) {
    const d = new Date(day * 86_400_000)
    monthCache.set(day, (m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000))
  }
  return m
}

type Row = { agency_code: string; procedure_code?: string; day?: number; month?: number } & Record<string, unknown>

/** Sums rows that have the same key after `rekey` (which returns a new object). Output keeps the input's order of first appearance. */
export function rollUp<T extends object, U extends object>(rows: readonly T[], rekey: (r: T) => U): U[] {
  const byKey = new Map<string, Record<string, unknown>>()
  let sums: string[] | null = null
  for (const r of rows) {
    const x = rekey(r) as unknown as Row
    sums ??= Object.keys(x).filter((f) => f !== 'day' && f !== 'month' && (typeof x[f] === 'number' || typeof x[f] === 'bigint'))
    const k = `${x.day ?? ''}\u0000${x.month ?? ''}\u0000${x.agency_code}\u0000${x.procedure_code ?? ''}`
    const m = byKey.get(k)
    if (!m) {
      byKey.set(k, x)
      continue
    }
    for (const f of sums) m[f] = (m[f] as number) + (x[f] as number) // bigint + bigint alike
  }
  return [...byKey.values()] as unknown as U[]
}

/** Per-day rows as per-month rows. */
export const toMonths = <T extends { day: number }>(rows: readonly T[]) => rollUp(rows, ({ day, ...r }) => ({ month: monthOf(day), ...r }))
