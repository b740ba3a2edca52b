// The filter every figures page carries: a period preset or two days typed dd/mm/yyyy (whatever
// the browser's locale: text inputs, not type=date), the structure and the comparison, all in the
// URL so a view is shared as a link; with room for a page's own controls.
import { Form, Link, useNavigation } from '@remix-run/react'
import { useRef, type ReactNode } from 'react'
import { useT } from '~/i18n/use'
import { PRESETS, presetRange, showDay, type Preset } from '~/lib/presets'

export interface Filters {
  from: string
  to: string
  structure: 'current' | 'historical'
  compare: 'previous' | 'year' | null
  preset: Preset
  /** Today in Vietnam (YYYY-MM-DD), for presets chosen in the browser. */
  today: string
  lang: 'vi' | 'en'
  problem: string | null
}

/** The query string of a view: from=…&to=…&structure=…&compare=…&lang=… */
export const periodQuery = (f: Pick<Filters, 'from' | 'to' | 'structure'> & Partial<Pick<Filters, 'compare' | 'lang'>>) =>
  `from=${f.from}&to=${f.to}&structure=${f.structure}${f.compare !== undefined ? `&compare=${f.compare ?? 'none'}` : ''}${f.lang ? `&lang=${f.lang}` : ''}`

const DAY_PATTERN = '\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2}'

export function PeriodFilter({ f, children, hidden }: { f: Filters; children?: ReactNode; hidden?: Record<string, string> }) {
  const t = useT()
  const nav = useNavigation()
  const from = useRef<HTMLInputElement>(null)
  const to = useRef<HTMLInputElement>(null)
  const preset = useRef<HTMLSelectElement>(null)
  const onPreset = (p: Preset) => {
    const r = presetRange(p, f.today)
    if (r && from.current && to.current) {
      from.current.value = showDay(r.from)
      to.current.value = showDay(r.to)
    }
  }
  const onDay = () => {
    if (preset.current) preset.current.value = 'custom'
  }
  return (
    <>
      <Form method="get" className="filters" aria-label={t.periodLabel}>
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="lang" value={f.lang} />
        <label>
          {t.preset}
          <select name="preset" ref={preset} defaultValue={f.preset} onChange={(e) => onPreset(e.target.value as Preset)}>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t.presets[p]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.from}
          <input
            type="text" name="from" ref={from} defaultValue={showDay(f.from)} required inputMode="numeric" pattern={DAY_PATTERN}
            placeholder={t.dayHint} title={t.dayHint} size={10} onInput={onDay} autoComplete="off"
          />
        </label>
        <label>
          {t.to}
          <input
            type="text" name="to" ref={to} defaultValue={showDay(f.to)} required inputMode="numeric" pattern={DAY_PATTERN}
            placeholder={t.dayHint} title={t.dayHint} size={10} onInput={onDay} autoComplete="off"
          />
        </label>
        <label>
          {t.structure}
          <select name="structure" defaultValue={f.structure}>
            <option value="current">{t.structureCurrent}</option>
            <option value="historical">{t.structureHistorical}</option>
          </select>
        </label>
        <label>
          {t.compare}
          <select name="compare" defaultValue={f.compare ?? 'none'}>
            <option value="previous">{t.comparePrevious}</option>
            <option value="year">{t.compareYear}</option>
            <option value="none">{t.compareNone}</option>
          </select>
        </label>
        {children}
        <button type="submit">{nav.state === 'loading' ? t.loading : t.show}</button>
      </Form>
      {f.problem ? (
        <p className="alert" role="alert">
          {t.badParam(f.problem)}
        </p>
      ) : null}
    </>
  )
}

export function PeriodText({ f }: { f: Pick<Filters, 'from' | 'to'> }) {
  const t = useT()
  return (
    <p className="period">
      {t.period}: {t.day(f.from)} – {t.day(f.to)}
    </p>
  )
}

/** Tabs that are links (they work without JavaScript and print as text). */
export function Tabs({ items, label }: { items: Array<{ href: string; text: string; current: boolean }>; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {items.map((x) => (
        <Link key={x.href} to={x.href} className={x.current ? 'tab current' : 'tab'} aria-current={x.current ? 'page' : undefined} preventScrollReset>
          {x.text}
        </Link>
      ))}
    </nav>
  )
}
