// Period presets of the filter (this month, last month, …) as day ranges, and day text in both
// spellings the pages accept: YYYY-MM-DD (URLs, API) and dd/mm/yyyy (what people type).
// Pure (no time zone here): the caller passes today's Vietnamese date.
export const PRESETS = ['this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year', 'last_30', 'custom'] as const
export type Preset = (typeof PRESETS)[number]
/** Meetings review a finished period: pages open on last month (the API keeps the month so far). */
export const DEFAULT_PRESET: Preset = 'last_month'

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const monthBack = (y: number, m: number, k: number) => {
  const i = y * 12 + (m - 1) - k
  return { y: Math.floor(i / 12), m: (i % 12) + 1 }
}

/** The days of a preset on `today` (YYYY-MM-DD); null for custom. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } | null {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const q0 = Math.floor((m - 1) / 3) * 3 + 1 // first month of this quarter
  switch (preset) {
    case 'this_month':
      return { from: ymd(y, m, 1), to: today }
    case 'last_month': {
      const p = monthBack(y, m, 1)
      return { from: ymd(p.y, p.m, 1), to: ymd(p.y, p.m, lastDay(p.y, p.m)) }
    }
    case 'this_quarter':
      return { from: ymd(y, q0, 1), to: today }
    case 'last_quarter': {
      const a = monthBack(y, q0, 3)
      const b = monthBack(y, q0, 1)
      return { from: ymd(a.y, a.m, 1), to: ymd(b.y, b.m, lastDay(b.y, b.m)) }
    }
    case 'this_year':
      return { from: ymd(y, 1, 1), to: today }
    case 'last_year':
      return { from: ymd(y - 1, 1, 1), to: ymd(y - 1, 12, 31) }
    case 'last_30': {
      const t = new Date(Date.UTC(y, m - 1, Number(today.slice(8, 10))) - 29 * 86_400_000)
      return { from: ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()), to: today }
    }
    default:
      return null
  }
}

/** The preset whose days on `today` are exactly [from, to], else custom. */
export function presetOf(from: string, to: string, today: string): Preset {
  for (const p of PRESETS) {
    const r = presetRange(p, today)
    if (r && r.from === from && r.to === to) return p
  }
  return 'custom'
}

/** dd/mm/yyyy (or d/m/yyyy) → YYYY-MM-DD; YYYY-MM-DD passes through; anything else null. */
export function parseDay(text: string): string | null {
  const s = text.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null
  return ymd(y, mo, d)
}

/** YYYY-MM-DD → dd/mm/yyyy */
export const showDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
