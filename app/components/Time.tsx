// Times and durations in Vietnamese: "2 giờ 15 phút", "3,2 ngày", "13/07/2026 08:07", "12 ngày trước",
// and the labels of trend points (day, ISO week, month). Pure string work on the ISO times the data
// layer returns (already in Vietnamese time, +07:00), so the server and the browser print the same.
import type { ReactNode } from 'react'

const dec1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const int = new Intl.NumberFormat('vi-VN')

/** Seconds as "45 giây", "12 phút", "2 giờ 15 phút" (under a day), "3,2 ngày" (a day or more). */
export function fmtDuration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—'
  if (s < 60) return `${Math.round(s)} giây`
  if (s < 3600) return `${Math.floor(s / 60)} phút`
  if (s < 86_400) {
    const h = Math.floor(s / 3600)
    const m = Math.floor((s % 3600) / 60)
    return m === 0 ? `${h} giờ` : `${h} giờ ${m} phút`
  }
  return `${dec1.format(s / 86_400)} ngày`
}

/** "2026-07-13T08:07:45+07:00" → "13/07/2026 08:07" (the clock as written, Vietnamese time). */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso
}

/** "2026-07-13T08:07:45+07:00" → "13/07/2026". */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}

/** Whole days since an instant, as "hôm nay", "1 ngày trước", "1.234 ngày trước". */
export function fmtDaysAgo(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—'
  if (days <= 0) return 'hôm nay'
  return `${int.format(days)} ngày trước`
}

export type Grain = 'day' | 'week' | 'month'

/** The grain of a trend by the length of the period: a day up to 31 days, a week up to 120, else a month. */
export function grainFor(days: number): Grain {
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month'
}

export const GRAIN_VI: Record<Grain, string> = { day: 'theo ngày', week: 'theo tuần', month: 'theo tháng' }

/** A trend point's label: day "23/11", week "17/11" (its Monday), month "11/2026". */
export function periodLabel(first: string, grain: Grain): string {
  const [y, m, d] = first.split('-')
  if (grain === 'month') return `${m}/${y}`
  return `${d}/${m}`
}

/** A point's label in full, for tables: "23/11/2026", "Tuần từ 17/11/2026", "Tháng 11/2026". */
export function periodLabelLong(first: string, grain: Grain): string {
  const [y, m, d] = first.split('-')
  if (grain === 'month') return `Tháng ${m}/${y}`
  if (grain === 'week') return `Tuần từ ${d}/${m}/${y}`
  return `${d}/${m}/${y}`
}

export function When({ iso, children }: { iso: string | null | undefined; children?: ReactNode }) {
  if (!iso) return <>—</>
  return <time dateTime={iso}>{children ?? fmtDateTime(iso)}</time>
}

/** A point's label in full in a language: "Tháng 11/2026" / "Month 11/2026", "Tuần từ …" / "Week from …". */
export function periodLabelIn(first: string, grain: Grain, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return periodLabelLong(first, grain)
  const [y, m, d] = first.split('-')
  if (grain === 'month') return `${m}/${y}`
  if (grain === 'week') return `Week from ${d}/${m}/${y}`
  return `${d}/${m}/${y}`
}

export const GRAIN_EN: Record<Grain, string> = { day: 'by day', week: 'by week', month: 'by month' }

/** fmtDuration in a language: "2 giờ 15 phút" / "2 h 15 min", "3,2 ngày" / "3.2 days". */
export function fmtDurationIn(s: number | null | undefined, lang: 'vi' | 'en'): string {
  if (lang === 'vi') return fmtDuration(s)
  if (s === null || s === undefined || !Number.isFinite(s)) return '—'
  if (s < 60) return `${Math.round(s)} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) {
    const h = Math.floor(s / 3600)
    const m = Math.floor((s % 3600) / 60)
    return m === 0 ? `${h} h` : `${h} h ${m} min`
  }
  return `${(s / 86_400).toFixed(1)} days`
}
