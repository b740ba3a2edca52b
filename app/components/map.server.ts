// The choropleth of the provinces (34, or the 63 of structure=historical) from reference/maps,
// drawn on the server with ECharts as SVG: regions coloured by band of the chosen figure, a
// legend, the Hoàng Sa and Trường Sa archipelagos labelled. The SVG keeps ECharts' SSR metadata
// (ecmeta_*) and each region gets data-code, so the client makes it interactive with a few
// listeners instead of the whole library.
import * as echarts from 'echarts'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../../core/paths'
import type { Dict } from '~/i18n'

export const MAP_FIGURES = ['index', 'on_time_rate', 'overdue', 'online_rate'] as const
export type MapFigure = (typeof MAP_FIGURES)[number]

interface Region {
  code: string
  name: string | null
  value: number | null
}

export interface MapView {
  svg: string
  /** The 340 px drawing, for a phone only (ADR 020): a desktop page would carry it hidden, twice (HTML and loader data). */
  narrow: string | null
  label: string
  /** The bands of the legend, best first (also the table's words). */
  legend: Array<{ label: string; color: string }>
  rows: Array<{ code: string; name: string; value: number | null; text: string; band: string | null }>
}

const registered = new Map<string, Array<{ code: string; name: string }>>()
/** Registers the structure's GeoJSON with ECharts once; returns its name and its regions (code, name). */
function mapOf(structure: 'current' | 'historical'): { name: string; features: Array<{ code: string; name: string }> } {
  const name = structure === 'current' ? 'vn2025' : 'vn2004'
  let features = registered.get(name)
  if (!features) {
    const file = structure === 'current' ? 'vn-provinces-2025.geojson' : 'vn-provinces-2004.geojson'
    const geo = JSON.parse(readFileSync(path.join(projectRoot(), 'reference', 'maps', file), 'utf8')) as { features: Array<{ properties: { code: string; name: string } }> }
    echarts.registerMap(name, geo as never)
    features = geo.features.map((f) => ({ code: f.properties.code, name: f.properties.name }))
    registered.set(name, features)
  }
  return { name, features }
}

const GOOD = '#1e7b3a'
const FAIR = '#2f6fb0'
const AVERAGE = '#b7791f'
const WEAK = '#b3261e'
const NONE = '#e3e7ec'

/** Bands of a figure: the configured index bands for index; fixed cut-offs for the rates; counts by quartile-like steps. */
function bandsOf(figure: MapFigure, values: number[], t: Dict, indexBands: Array<{ min: number; label: string }>) {
  if (figure === 'index') {
    const colors = [GOOD, FAIR, AVERAGE, WEAK]
    return [...indexBands].sort((a, b) => b.min - a.min).map((b, i, all) => ({
      min: Number.isFinite(b.min) ? b.min : -Infinity,
      max: i === 0 ? Infinity : all[i - 1].min,
      label: `${t.bands[b.label] ?? b.label} (${Number.isFinite(b.min) ? `≥ ${b.min}` : `< ${all[i - 1].min}`})`,
      color: colors[i] ?? WEAK,
    }))
  }
  if (figure === 'overdue') {
    const max = Math.max(0, ...values)
    const step = Math.max(1, Math.ceil(max / 4))
    return [
      { min: 3 * step, max: Infinity, label: `≥ ${t.int(3 * step)}`, color: WEAK },
      { min: 2 * step, max: 3 * step, label: `${t.int(2 * step)} – ${t.int(3 * step - 1)}`, color: AVERAGE },
      { min: step, max: 2 * step, label: `${t.int(step)} – ${t.int(2 * step - 1)}`, color: FAIR },
      { min: -Infinity, max: step, label: `< ${t.int(step)}`, color: GOOD },
    ]
  }
  const cuts = figure === 'on_time_rate' ? [0.95, 0.85, 0.7] : [0.8, 0.5, 0.3]
  return [
    { min: cuts[0], max: Infinity, label: `≥ ${t.pct(cuts[0])}`, color: GOOD },
    { min: cuts[1], max: cuts[0], label: `${t.pct(cuts[1])} – ${t.pct(cuts[0])}`, color: FAIR },
    { min: cuts[2], max: cuts[1], label: `${t.pct(cuts[2])} – ${t.pct(cuts[1])}`, color: AVERAGE },
    { min: -Infinity, max: cuts[2], label: `< ${t.pct(cuts[2])}`, color: WEAK },
  ]
}

const isRate = (f: MapFigure) => f === 'on_time_rate' || f === 'online_rate'

/**
 * Draws the map with ECharts: every region in its colour (NONE when absent), the archipelagos
 * labelled, each region's path carrying data-code. `label` is the SVG's accessible name.
 */
export function drawMap(structure: 'current' | 'historical', width: number, height: number, lang: 'vi' | 'en', colours: ReadonlyMap<string, string>, label: string): string {
  const { name, features } = mapOf(structure)
  // two lines each, placed over the sea (above Hoàng Sa, below Trường Sa) so that no label leaves the drawing
  const islands = lang === 'en' ? ['Hoàng Sa archipelago\n(Đà Nẵng)', 'Trường Sa archipelago\n(Khánh Hòa)'] : ['Quần đảo Hoàng Sa\n(Đà Nẵng)', 'Quần đảo Trường Sa\n(Khánh Hòa)']
  const codes = features.map((f) => f.code)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      textStyle: { fontFamily: "'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif", fontSize: 12, color: '#1b2430' },
      geo: {
        map: name,
        nameProperty: 'code',
        roam: false,
        layoutCenter: ['50%', '50%'],
        layoutSize: '100%',
        itemStyle: { areaColor: NONE, borderColor: '#ffffff', borderWidth: 0.6 },
        emphasis: { disabled: true },
        label: { show: false },
        // region colours live on the geo component (a map series drawn on it does not colour them)
        regions: codes.map((code) => ({ name: code, itemStyle: { areaColor: colours.get(code) ?? NONE } })),
      },
      series: [
        { type: 'map', geoIndex: 0, data: codes.map((code) => ({ name: code, value: null })) },
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'circle',
          symbolSize: 4,
          silent: true,
          itemStyle: { color: '#5b6776' },
          label: { show: true, formatter: '{b}', fontSize: 12, fontWeight: 600, color: '#1b2430', lineHeight: 15 },
          data: [
            { name: islands[0], value: [111.9, 16.4], label: { position: 'top' } },
            { name: islands[1], value: [113.6, 9.9], label: { position: 'bottom' } },
          ],
        },
      ],
    })
    return chart
      .renderToSVGString()
      .replace(/<style\b[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '') // the hover styles' classes (the styles are gone), numbered per drawing
      .replace(/ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g, (m, i) => `${m} data-code="${codes[Number(i)] ?? ''}"`)
      .replace(/^<svg /, `<svg role="img" aria-label="${label.replace(/"/g, '&quot;')}" focusable="false" `)
  } finally {
    chart.dispose()
  }
}

// The drawing depends on the structure, the size and the language only; the figures change just the
// regions' colours. So each drawing is made once, uncoloured, and coloured per request by replacing
// its regions' fill (ECharts takes ~12 ms per drawing, two per map: a page's largest single cost).
const LABEL = '\u0000label\u0000'
const drawings = new Map<string, string>()
function drawing(structure: 'current' | 'historical', width: number, height: number, lang: 'vi' | 'en'): string {
  const key = `${structure} ${width}x${height} ${lang}`
  let svg = drawings.get(key)
  if (svg === undefined) {
    svg = drawMap(structure, width, height, lang, new Map(), LABEL)
    drawings.set(key, svg)
  }
  return svg
}

/** A region's path in an uncoloured drawing: its fill, then the rest up to its code. */
const UNCOLOURED = new RegExp(`fill="${NONE}"([^>]*? data-code="([^"]*)")`, 'g')

/** An uncoloured drawing with each region in its colour and the SVG named `label` (the same SVG drawMap makes with those colours). */
export function colourMap(svg: string, colours: ReadonlyMap<string, string>, label: string): string {
  return svg
    .replace(UNCOLOURED, (_m, rest: string, code: string) => `fill="${colours.get(code) ?? NONE}"${rest}`)
    .replace(`aria-label="${LABEL}"`, () => `aria-label="${label.replace(/"/g, '&quot;')}"`)
}

export function provinceMap(o: {
  structure: 'current' | 'historical'
  figure: MapFigure
  regions: Region[]
  t: Dict
  label: string
  indexBands: Array<{ min: number; label: string }>
  /** the page was asked for by a phone: the narrow drawing as well */
  phone: boolean
}): MapView {
  const { t } = o
  const { features } = mapOf(o.structure)
  // every region of the map is drawn, named and listed, with or without figures
  const given = new Map(o.regions.map((r) => [r.code, r]))
  const regions: Region[] = [...o.regions.filter((r) => features.some((f) => f.code === r.code)), ...features.filter((f) => !given.has(f.code)).map((f) => ({ code: f.code, name: f.name, value: null }))]
  const values = regions.map((r) => r.value).filter((v): v is number => v !== null)
  const bands = bandsOf(o.figure, values, t, o.indexBands)
  const bandOf = (v: number | null) => (v === null ? null : (bands.find((b) => v >= b.min && v < b.max) ?? bands[bands.length - 1]))
  const text = (v: number | null) => (v === null ? '—' : isRate(o.figure) ? t.pct(v) : o.figure === 'index' ? t.dec(v) : t.int(v))
  const colours = new Map(regions.map((r) => [r.code, bandOf(r.value)?.color ?? NONE]))
  const build = (width: number, height: number) => colourMap(drawing(o.structure, width, height, t.lang), colours, o.label)
  const nameOf = (r: Region) => r.name ?? r.code
  return {
    svg: build(640, 760),
    narrow: o.phone ? build(340, 420) : null,
    label: o.label,
    legend: [...bands.map((b) => ({ label: b.label, color: b.color })), { label: t.noValue, color: NONE }],
    rows: regions.map((r) => ({ code: r.code, name: nameOf(r), value: r.value, text: text(r.value), band: bandOf(r.value)?.label ?? null })),
  }
}
