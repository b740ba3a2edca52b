// Figure cards: one figure with its label, a hint and its change against the earlier period
// (▲/▼, the difference, good or bad by kpi.md "Direction"); the dossier figures of one unit.
import { changeTone } from '../../core/kpi/direction'
import { useT } from '~/i18n/use'
import type { Dict } from '~/i18n'
import type { DossierFigures } from '~/data.server'

export interface Change {
  figure: string
  now: number | null
  before: number | null
  kind: 'int' | 'rate' | 'dec' | 'days'
}

function diffText(c: Change, t: Dict): string {
  const d = (c.now ?? 0) - (c.before ?? 0)
  const abs = Math.abs(d)
  if (c.kind === 'rate') return t.pp(abs)
  if (c.kind === 'int') return t.int(abs)
  if (c.kind === 'days') return t.days(abs)
  return t.dec(abs)
}

export function ChangeBadge({ c, period }: { c: Change; period?: string }) {
  const t = useT()
  if (c.now === null || c.before === null) return <div className="kpi-change neutral">{period ? `— ${period}` : '—'}</div>
  const tone = changeTone(c.figure, c.before, c.now)
  const same = c.now === c.before || (c.kind === 'rate' && Math.abs(c.now - c.before) < 0.0005)
  const arrow = same ? '=' : c.now > c.before ? '▲' : '▼'
  const word = same ? t.change.same : c.now > c.before ? t.change.up : t.change.down
  const judged = tone === 'neutral' ? '' : `, ${t.change[tone]}`
  return (
    <div className={`kpi-change ${tone}`}>
      <span aria-hidden="true">{arrow}</span> {same ? '' : diffText(c, t)} <span className="sr-only">{`${word}${judged}`}</span>
      {period ? <span className="kpi-change-period"> {period}</span> : null}
    </div>
  )
}

export function Kpi({ label, value, hint, tone, change, period }: { label: string; value: string; hint?: string; tone?: 'warn' | 'good'; change?: Change; period?: string }) {
  return (
    <div className={tone ? `kpi kpi-${tone}` : 'kpi'}>
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint ? <div className="kpi-hint">{hint}</div> : null}
      {change ? <ChangeBadge c={change} period={period} /> : null}
    </div>
  )
}

/** The dossier figures a card row shows (the figures of kpi.md, as core/kpi computes them). */
export type DossierFiguresView = Omit<DossierFigures, 'on_time'>
type Prev = Partial<DossierFiguresView> & { from: string; to: string }

export function DossierKpis({ f, prev, label, showIndex = true }: { f: DossierFiguresView; prev?: Prev | null; label: string; showIndex?: boolean }) {
  const t = useT()
  const noData = f.received + f.resolved + f.pending === 0
  const ch = (figure: keyof DossierFiguresView, kind: Change['kind']): Change | undefined =>
    prev ? { figure, kind, now: (f[figure] as number | null) ?? null, before: (prev[figure] as number | null | undefined) ?? null } : undefined
  const period = prev ? t.comparedWith(t.day(prev.from), t.day(prev.to)) : undefined
  return (
    <section className="kpis" aria-label={label}>
      <Kpi label={t.fig.received} value={t.int(f.received)} change={ch('received', 'int')} period={period} />
      <Kpi label={t.fig.resolved} value={t.int(f.resolved)} hint={`${t.int(f.late)} ${t.fig.late}`} change={ch('resolved', 'int')} />
      <Kpi label={t.fig.on_time_rate} value={t.pct(f.on_time_rate)} change={ch('on_time_rate', 'rate')} />
      <Kpi label={t.fig.pending} value={t.int(f.pending)} change={ch('pending', 'int')} />
      <Kpi label={t.fig.overdue} value={t.int(f.overdue)} tone={f.overdue > 0 ? 'warn' : undefined} change={ch('overdue', 'int')} />
      <Kpi label={t.fig.online_rate} value={t.pct(f.online_rate)} change={ch('online_rate', 'rate')} />
      <Kpi label={t.fig.paid_online_rate} value={t.pct(f.paid_online_rate)} change={ch('paid_online_rate', 'rate')} />
      <Kpi label={t.fig.digitized_rate} value={t.pct(f.digitized_rate)} change={ch('digitized_rate', 'rate')} />
      <Kpi label={t.fig.avg_days} value={f.avg_days === null ? '—' : t.days(f.avg_days)} change={ch('avg_days', 'days')} />
      {showIndex ? <Kpi label={t.fig.index} value={noData ? '—' : t.dec(f.index)} change={ch('index', 'dec')} /> : null}
    </section>
  )
}
