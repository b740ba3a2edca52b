// The province map (drawn on the server, map.server.ts) with its legend, a choice of figure, and
// the same figures as a table for screen readers and keyboards. On the client the SVG becomes
// interactive with a few listeners on the SVG's regions (each carries data-code), without loading
// echarts in the browser: hovering names the province and its value, a click opens its page.
import { Link, useNavigate } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useT } from '~/i18n/use'
import { Drawings } from './ChartFigure'
import { DataTable } from './DataTable'

export interface MapViewData {
  svg: string
  narrow: string | null
  label: string
  legend: Array<{ label: string; color: string }>
  rows: Array<{ code: string; name: string; value: number | null; text: string; band: string | null }>
}

export function ProvinceMap({ map, figure, figures, hrefOf, figureHref }: {
  map: MapViewData
  figure: string
  figures: Array<{ key: string; label: string }>
  hrefOf: (code: string) => string
  figureHref: (key: string) => string
}) {
  const t = useT()
  const navigate = useNavigate()
  const box = useRef<HTMLDivElement>(null)
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null)
  // the listeners read the latest rows and links (the filters may change while the drawing stays the same)
  const latest = useRef({ byCode: new Map<string, MapViewData['rows'][number]>(), hrefOf })
  latest.current = { byCode: new Map(map.rows.map((r) => [r.code, r])), hrefOf }
  useEffect(() => {
    const el = box.current
    if (!el) return
    const codeOf = (e: Event) => (e.target as Element | null)?.closest?.('[data-code]')?.getAttribute('data-code') ?? null
    const click = (e: MouseEvent) => {
      const code = codeOf(e)
      if (code) navigate(latest.current.hrefOf(code))
    }
    const over = (e: MouseEvent) => {
      const code = codeOf(e)
      const r = code ? latest.current.byCode.get(code) : undefined
      const rect = el.getBoundingClientRect()
      setTip(r ? { text: `${r.name}: ${r.text}`, x: e.clientX - rect.left, y: e.clientY - rect.top } : null)
    }
    const out = () => setTip(null)
    el.addEventListener('click', click)
    el.addEventListener('mouseover', over)
    el.addEventListener('mouseleave', out)
    return () => {
      el.removeEventListener('click', click)
      el.removeEventListener('mouseover', over)
      el.removeEventListener('mouseleave', out)
    }
  }, [navigate])
  return (
    <figure className="chart map">
      <figcaption>{map.label}</figcaption>
      <nav className="tabs map-figures" aria-label={t.mapFigure}>
        {figures.map((f) => (
          <Link key={f.key} to={figureHref(f.key)} className={f.key === figure ? 'tab current' : 'tab'} aria-current={f.key === figure ? 'true' : undefined} preventScrollReset>
            {f.label}
          </Link>
        ))}
      </nav>
      <div className="map-box" ref={box}>
        <Drawings wide={map.svg} narrow={map.narrow} className="map-svg" />
        {tip ? (
          <div className="map-tip" style={{ left: tip.x + 12, top: tip.y + 12 }} role="status">
            {tip.text}
          </div>
        ) : null}
      </div>
      <ul className="legend" aria-label={t.mapFigure}>
        {map.legend.map((l) => (
          <li key={l.label}>
            <span className="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.label}
          </li>
        ))}
      </ul>
      <details className="chart-data">
        <summary>{t.mapTable}</summary>
        <DataTable
          label={t.mapTable}
          columns={[
            { key: 'name', head: t.levelName.province, rowHeader: true, cell: (r) => <Link to={hrefOf(r.code)}>{r.name}</Link> },
            { key: 'value', head: figures.find((f) => f.key === figure)?.label ?? figure, num: true, cell: (r) => r.text },
            { key: 'band', head: t.col.band, cell: (r) => r.band ?? '—' },
          ]}
          rows={map.rows}
          rowKey={(r) => r.code}
        />
      </details>
    </figure>
  )
}
