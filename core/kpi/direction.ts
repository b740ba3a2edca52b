// kpi.md, "Direction": which way is better for each dossier figure, for the colour and wording of a change.
export type Direction = 'up' | 'down' | 'neutral'

export const DIRECTION: Record<string, Direction> = {
  received: 'neutral',
  resolved: 'up',
  on_time: 'up',
  on_time_rate: 'up',
  online_rate: 'up',
  paid_online_rate: 'up',
  digitized_rate: 'up',
  index: 'up',
  late: 'down',
  pending: 'down',
  overdue: 'down',
  closed_unresolved: 'down',
  avg_days: 'down',
}

/** Whether a change from `before` to `now` is good, bad or neither (neutral figure, no change, or a null side). */
export function changeTone(figure: string, before: number | null, now: number | null): 'good' | 'bad' | 'neutral' {
  if (before === null || now === null || before === now) return 'neutral'
  const d = DIRECTION[figure] ?? 'neutral'
  if (d === 'neutral') return 'neutral'
  return (now > before) === (d === 'up') ? 'good' : 'bad'
}
