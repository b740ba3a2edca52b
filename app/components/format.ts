// Vietnamese number formatting: 1.234.567; 85,3 %; "—" for a figure that has no denominator.
const int = new Intl.NumberFormat('vi-VN')
const dec2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const pct = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })

export const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : int.format(n))
export const fmtDec = (n: number | null | undefined) => (n === null || n === undefined ? '—' : dec2.format(n))
export const fmtPct = (n: number | null | undefined) => (n === null || n === undefined ? '—' : pct.format(n))

/** 2025-10-01 → 01/10/2025 */
export const fmtDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

export function bandClass(label: string | null): string {
  switch (label) {
    case 'Tốt':
      return 'band band-good'
    case 'Khá':
      return 'band band-fair'
    case 'Trung bình':
      return 'band band-average'
    case 'Yếu':
      return 'band band-weak'
    default:
      return 'band'
  }
}
