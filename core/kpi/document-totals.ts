// The totals line of the document-axis page, summed over the units of one level (kpi.md, "Document
// figures"): sent, received and unacknowledged add up; the rates are recovered from each unit's exact
// count / received (rounding a unit's rate × received gives its count back exactly).
import type { DocumentFigures } from './documents'

export interface DocumentTotals {
  sent: number
  received: number
  unacknowledged: number
  accepted_rate: number | null
  refused_rate: number | null
}

export function documentTotals(units: readonly DocumentFigures[]): DocumentTotals {
  const sum = (k: 'sent' | 'received' | 'unacknowledged') => units.reduce((s, u) => s + u[k], 0)
  const received = sum('received')
  const accepted = units.reduce((s, u) => s + Math.round((u.accepted_rate ?? 0) * u.received), 0)
  const refused = units.reduce((s, u) => s + Math.round((u.refused_rate ?? 0) * u.received), 0)
  return {
    sent: sum('sent'),
    received,
    unacknowledged: sum('unacknowledged'),
    accepted_rate: received === 0 ? null : accepted / received,
    refused_rate: received === 0 ? null : refused / received,
  }
}
