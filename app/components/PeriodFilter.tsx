// The period filter every figures page carries (from / to / structure), with room for a page's own
// controls (a platform select, a hidden level), and the warning shown when a parameter was rejected.
import { Form, Link, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { fmtDay } from './format'

export interface Filters {
  from: string
  to: string
  structure: 'current' | 'historical'
  problem: string | null
}

/** The query string of a period: from=…&to=…&structure=… */
export const periodQuery = (f: Pick<Filters, 'from' | 'to' | 'structure'>) => `from=${f.from}&to=${f.to}&structure=${f.structure}`

export function PeriodFilter({ f, children, hidden }: { f: Filters; children?: ReactNode; hidden?: Record<string, string> }) {
  const nav = useNavigation()
  return (
    <>
      <Form method="get" className="filters" aria-label="Chọn kỳ báo cáo">
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label>
          Từ ngày <input type="date" name="from" defaultValue={f.from} required />
        </label>
        <label>
          Đến ngày <input type="date" name="to" defaultValue={f.to} required />
        </label>
        <label>
          Địa giới
          <select name="structure" defaultValue={f.structure}>
            <option value="current">34 tỉnh, thành phố (từ 01/7/2025)</option>
            <option value="historical">63 tỉnh, thành phố (trước 01/7/2025)</option>
          </select>
        </label>
        {children}
        <button type="submit">{nav.state === 'loading' ? 'Đang tải…' : 'Xem'}</button>
      </Form>
      {f.problem ? <p className="alert">Tham số không hợp lệ ({f.problem}); đang hiển thị tháng hiện tại.</p> : null}
    </>
  )
}

export function PeriodText({ f }: { f: Pick<Filters, 'from' | 'to'> }) {
  return (
    <p className="period">
      Kỳ báo cáo: {fmtDay(f.from)} – {fmtDay(f.to)}
    </p>
  )
}

/** Tabs that are links (they work without JavaScript and print as text). */
export function Tabs({ items, label }: { items: Array<{ href: string; text: string; current: boolean }>; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {items.map((t) => (
        <Link key={t.href} to={t.href} className={t.current ? 'tab current' : 'tab'} aria-current={t.current ? 'page' : undefined} preventScrollReset>
          {t.text}
        </Link>
      ))}
    </nav>
  )
}
