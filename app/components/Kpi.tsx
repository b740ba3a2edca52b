// Figure cards: one figure with its label and a hint; the dossier figures of one unit (or the nation).
import { fmtDec, fmtInt, fmtPct } from './format'
import type { DossierFigures } from '~/data.server'

export function Kpi({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: 'warn' | 'good' }) {
  return (
    <div className={tone ? `kpi kpi-${tone}` : 'kpi'}>
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint ? <div className="kpi-hint">{hint}</div> : null}
    </div>
  )
}

/** The dossier figures a card row shows (the figures of kpi.md, as core/kpi computes them). */
export type DossierFiguresView = Omit<DossierFigures, 'on_time'>

export function DossierKpis({ f, label, showIndex = true }: { f: DossierFiguresView; label: string; showIndex?: boolean }) {
  const noData = f.received + f.resolved + f.pending === 0
  return (
    <section className="kpis" aria-label={label}>
      <Kpi label="Hồ sơ tiếp nhận" value={fmtInt(f.received)} />
      <Kpi label="Đã giải quyết" value={fmtInt(f.resolved)} hint={`${fmtInt(f.late)} trễ hạn`} />
      <Kpi label="Tỷ lệ đúng hạn" value={fmtPct(f.on_time_rate)} />
      <Kpi label="Đang xử lý" value={fmtInt(f.pending)} hint={`${fmtInt(f.overdue)} quá hạn`} tone={f.overdue > 0 ? 'warn' : undefined} />
      <Kpi label="Nộp trực tuyến" value={fmtPct(f.online_rate)} />
      <Kpi label="Thanh toán trực tuyến" value={fmtPct(f.paid_online_rate)} />
      <Kpi label="Có thành phần số hóa" value={fmtPct(f.digitized_rate)} />
      <Kpi label="Thời gian giải quyết TB" value={f.avg_days === null ? '—' : `${fmtDec(f.avg_days)} ngày`} />
      {showIndex ? <Kpi label="Chỉ số phục vụ (tạm tính)*" value={noData ? '—' : fmtDec(f.index)} /> : null}
    </section>
  )
}
