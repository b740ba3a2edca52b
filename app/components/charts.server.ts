// Charts rendered on the server (ECharts 6, SVG, no animation), so the first paint and the printed
// page already carry them. Each chart is drawn wide, for screens and print, and for a phone also
// narrow (CSS shows one of them; ADR 020), with Vietnamese labels and vi-VN number formats.
// The SVG is returned as a string for <ChartFigure> (dangerouslySetInnerHTML); the text in it is
// escaped by ECharts, and the root <svg> gets role="img" and an aria-label.
import * as echarts from 'echarts'
import { vi, type Dict } from '~/i18n/vi'

export interface SvgChart {
  /** For screens wider than a phone, and for print. */
  wide: string
  /** For phones; null when the page was not asked for by one (the wide drawing is scaled down instead). */
  narrow: string | null
  /** The accessible name of the chart (also its aria-label). */
  label: string
}

export type ValueKind = 'count' | 'rate'

export interface Series {
  name: string
  data: Array<number | null>
  kind: ValueKind
  type?: 'line' | 'bar'
  color?: string
}

const FONT = "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif"
const INK = '#1b2430'
const MUTED = '#5b6776'
const LINE = '#dde3ea'
export const COLORS = {
  accent: '#0b5cad',
  light: '#7fb0e0',
  good: '#1e7b3a',
  brand: '#b3121f',
  average: '#b7791f',
}

const SIZES = {
  wide: { width: 960, height: 320, font: 12 },
  narrow: { width: 360, height: 300, font: 12 },
} as const
type Size = { width: number; height: number; font: number }

const intFmt = new Intl.NumberFormat('vi-VN')
const compactFmt = new Intl.NumberFormat('vi-VN', { notation: 'compact', maximumFractionDigits: 1 })
const pctFmt = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 })

/** Axis ticks: 1.234 / 12.345; from 100.000 up the compact form (120 N, 1,2 Tr). */
export const axisCount = (v: number) => (Math.abs(v) >= 100_000 ? compactFmt.format(v) : intFmt.format(v))
export const axisRate = (v: number) => pctFmt.format(v)

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Renders one option at one size; strips the hover styles (nothing is interactive) and names the SVG. */
function render(option: echarts.EChartsCoreOption, size: Size, label: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height, locale: 'EN' })
  try {
    chart.setOption({
      animation: false,
      silent: true,
      aria: { enabled: false },
      textStyle: { fontFamily: FONT, fontSize: size.font, color: INK },
      ...option,
    })
    const svg = chart.renderToSVGString()
    return svg
      .replace(/<style\b[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(label)}" focusable="false" `)
  } finally {
    chart.dispose()
  }
}

/** The wide drawing, and with `phone` (by default) the narrow one: a drawing costs some 15–25 ms of the server's time (ADR 020). */
function both(build: (size: Size, narrow: boolean) => echarts.EChartsCoreOption, label: string, phone = true, sizes: { wide: Size; narrow: Size } = SIZES): SvgChart {
  return { wide: render(build(sizes.wide, false), sizes.wide, label), narrow: phone ? render(build(sizes.narrow, true), sizes.narrow, label) : null, label }
}

const legend = (size: Size) => ({
  top: 0,
  left: 'center',
  itemWidth: 16,
  itemHeight: 9,
  textStyle: { fontSize: size.font, color: INK },
})

const categoryAxis = (categories: string[], size: Size, narrow: boolean) => ({
  type: 'category' as const,
  data: categories,
  axisLine: { lineStyle: { color: LINE } },
  axisTick: { alignWithLabel: true, lineStyle: { color: LINE } },
  axisLabel: { color: MUTED, fontSize: size.font, hideOverlap: true, rotate: narrow && categories.length > 8 ? 45 : 0 },
})

/** Axis and value formats of a locale: 1.234 / 12,5 % in Vietnamese, 1,234 / 12.5% in English. */
function numberFormats(locale: string) {
  const int = new Intl.NumberFormat(locale)
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
  return { count: (v: number) => (Math.abs(v) >= 100_000 ? compact.format(v) : int.format(v)), rate: (v: number) => pct.format(v) }
}

const valueAxis = (kind: ValueKind, size: Size, opts: { max?: number; splitLine?: boolean; name?: string; fmt?: ReturnType<typeof numberFormats> } = {}) => ({
  type: 'value' as const,
  min: 0,
  max: opts.max,
  name: opts.name,
  nameTextStyle: { color: MUTED, fontSize: size.font, align: 'center' as const },
  axisLabel: { color: MUTED, fontSize: size.font, formatter: kind === 'rate' ? (opts.fmt?.rate ?? axisRate) : (opts.fmt?.count ?? axisCount) },
  splitLine: { show: opts.splitLine ?? true, lineStyle: { color: LINE } },
})

/**
 * A trend over time: counts on the left axis (bars or lines), rates on the right axis (0–100 %).
 * `categories` are already-formatted period labels.
 */
export function lineChart(o: { label: string; categories: string[]; series: Series[]; countName?: string; rateName?: string; marks?: Array<{ i: number; text: string }>; locale?: string; phone?: boolean }): SvgChart {
  const fmt = numberFormats(o.locale ?? 'vi-VN')
  const hasCount = o.series.some((s) => s.kind === 'count')
  const hasRate = o.series.some((s) => s.kind === 'rate')
  const rateAxis = hasCount && hasRate ? 1 : 0
  const palette = [COLORS.accent, COLORS.light, COLORS.good, COLORS.average, COLORS.brand]
  return both((size, narrow) => {
    const yAxis = []
    if (hasCount) yAxis.push(valueAxis('count', size, { name: narrow ? undefined : o.countName, fmt }))
    if (hasRate) yAxis.push(valueAxis('rate', size, { max: 1, splitLine: !hasCount, name: narrow ? undefined : o.rateName, fmt }))
    const marks = o.marks ?? []
    const dots = o.categories.length <= (narrow ? 16 : 40)
    return {
      color: palette,
      legend: legend(size),
      // room above the plot for the annotations' labels
      grid: { left: narrow ? 8 : 16, right: narrow ? 8 : 16, top: (narrow ? 52 : 48) + (marks.length > 0 ? (narrow ? 44 : 22) : 0), bottom: 8, containLabel: true },
      xAxis: categoryAxis(o.categories, size, narrow),
      yAxis,
      series: o.series.map((s, i) => ({
        name: s.name,
        type: s.type ?? 'line',
        data: s.data,
        yAxisIndex: s.kind === 'rate' ? rateAxis : 0,
        color: s.color ?? palette[i % palette.length],
        barMaxWidth: 28,
        barGap: '10%',
        symbol: 'circle',
        symbolSize: dots ? 5 : 0,
        showSymbol: dots,
        connectNulls: false,
        lineStyle: { width: 2 },
        z: s.type === 'bar' ? 2 : 3,
        ...(i === 0 && marks.length > 0
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLORS.brand, type: 'dashed', width: 1.5 },
                label: { show: true, position: 'end', color: COLORS.brand, fontSize: size.font - 1, lineHeight: size.font + 1, formatter: (p: { name: string }) => p.name, width: narrow ? 84 : 200, overflow: 'break', backgroundColor: 'rgba(255,255,255,0.9)', padding: 1 },
                data: marks.map((m) => ({ xAxis: m.i, name: m.text })),
              },
            }
          : {}),
      })),
    }
  }, o.label, o.phone)
}

/** A unit's name as charts print it: "Thành phố Hà Nội" → "TP. Hà Nội", "Tỉnh Sơn La" → "Sơn La". */
export function shortName(name: string): string {
  return name.replace(/^Thành phố /, 'TP. ').replace(/^Tỉnh /, '')
}

/** Horizontal bars of named items (e.g. the units with most unacknowledged documents), in the given order, drawn at a height that fits the rows. */
export function barChart(o: { label: string; name: string; categories: string[]; values: number[]; kind?: ValueKind; color?: string; locale?: string; phone?: boolean }): SvgChart {
  const kind = o.kind ?? 'count'
  const int = new Intl.NumberFormat(o.locale ?? 'vi-VN')
  const pct1 = new Intl.NumberFormat(o.locale ?? 'vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const build = (size: Size, narrow: boolean): echarts.EChartsCoreOption => ({
    grid: { left: narrow ? 4 : 12, right: narrow ? 44 : 64, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: kind === 'rate' ? 1 : undefined, axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: 'category',
      data: o.categories,
      inverse: true,
      axisLine: { lineStyle: { color: LINE } },
      axisTick: { show: false },
      axisLabel: { color: INK, fontSize: size.font, width: narrow ? 130 : 260, overflow: 'truncate', ellipsis: '…' },
    },
    series: [
      {
        name: o.name,
        type: 'bar',
        data: o.values,
        color: o.color ?? COLORS.accent,
        barMaxWidth: 18,
        label: { show: true, position: 'right', color: INK, fontSize: size.font, formatter: (p: { value: number }) => (kind === 'rate' ? pct1.format(p.value) : int.format(p.value)) },
      },
    ],
  })
  const height = Math.max(120, 16 + o.categories.length * 26)
  return both(build, o.label, o.phone, { wide: { ...SIZES.wide, height }, narrow: { ...SIZES.narrow, height } })
}

/** Actual against plan, both rates: the actual as a line with its area, the plan as a dashed step line. */
export function planChart(o: { label: string; categories: string[]; actual: Array<number | null>; plan: Array<number | null>; actualName: string; planName: string; locale?: string; phone?: boolean }): SvgChart {
  const fmt = numberFormats(o.locale ?? 'vi-VN')
  return both(
    (size, narrow) => ({
      legend: legend(size),
      grid: { left: narrow ? 8 : 16, right: narrow ? 12 : 24, top: narrow ? 40 : 40, bottom: 8, containLabel: true },
      xAxis: { ...categoryAxis(o.categories, size, narrow), boundaryGap: false },
      yAxis: valueAxis('rate', size, { max: 1, fmt }),
      series: [
        {
          name: o.actualName,
          type: 'line',
          data: o.actual,
          color: COLORS.accent,
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { width: 2.5 },
          areaStyle: { color: 'rgba(11, 92, 173, 0.12)' },
          label: narrow ? { show: false } : { show: true, position: 'top', color: COLORS.accent, fontSize: size.font - 1, formatter: (p: { value: number | null }) => (p.value === null ? '' : fmt.rate(p.value)) },
        },
        ...(o.plan.some((v) => v !== null)
          ? [
              {
                name: o.planName,
                type: 'line',
                data: o.plan,
                step: 'end',
                color: COLORS.brand,
                symbol: 'none',
                lineStyle: { width: 2, type: 'dashed' },
              },
            ]
          : []),
      ],
    }),
    o.label,
    o.phone,
  )
}

// ---------------------------------------------------------------------------------------------
// Charts of the pages, from the figures the data layer returns.

interface TrendPoint {
  period: string
  received: number
  resolved: number
  on_time_rate: number | null
}


/** A dated event to mark on a trend (config `annotations`). */
export interface Annotation {
  date: string
  text: string
}

/** The index of the point a day falls in (points are labelled by their first day, ascending); -1 outside. */
function pointOf(points: Array<{ period: string }>, day: string, last: string): number {
  if (points.length === 0 || day < points[0].period || day > last) return -1
  let i = 0
  while (i + 1 < points.length && points[i + 1].period <= day) i++
  return i
}

/**
 * The dossier trend of one unit or the nation: received and resolved (bars), on-time rate (line),
 * with the configured events marked. `null` when no point has any dossier (the page says so
 * instead). Also the figures as a table. Words and numbers in the page's language.
 */
export function dossierTrendChart(
  points: TrendPoint[],
  grain: 'day' | 'week' | 'month',
  label: string,
  labels: { short: (first: string) => string; long: (first: string) => string },
  opts: { t?: Dict; annotations?: Annotation[]; to?: string; phone?: boolean } = {},
): { chart: SvgChart | null; table: { head: string[]; rows: string[][]; numeric: number[] } } {
  const t = opts.t ?? vi
  const any = points.some((p) => p.received + p.resolved > 0)
  const en = t.lang === 'en'
  const table = {
    head: [
      grain === 'month' ? (en ? 'Month' : 'Tháng') : grain === 'week' ? (en ? 'Week' : 'Tuần') : en ? 'Day' : 'Ngày',
      t.col.received,
      t.col.resolved,
      t.fig.on_time_rate,
    ],
    rows: points.map((p) => [labels.long(p.period), t.int(p.received), t.int(p.resolved), t.pct(p.on_time_rate)]),
    numeric: [1, 2, 3],
  }
  if (!any) return { chart: null, table }
  const last = opts.to ?? points[points.length - 1]?.period ?? ''
  const marks = (opts.annotations ?? [])
    .map((a) => ({ i: pointOf(points, a.date, last), text: a.text }))
    .filter((m) => m.i >= 0)
  const chart = lineChart({
    label,
    categories: points.map((p) => labels.short(p.period)),
    countName: en ? 'Dossiers' : 'Hồ sơ',
    rateName: en ? 'On time' : 'Đúng hạn',
    series: [
      { name: t.col.received, kind: 'count', type: 'bar', data: points.map((p) => p.received), color: COLORS.accent },
      { name: t.col.resolved, kind: 'count', type: 'bar', data: points.map((p) => p.resolved), color: COLORS.light },
      { name: t.fig.on_time_rate, kind: 'rate', type: 'line', data: points.map((p) => p.on_time_rate), color: COLORS.good },
    ],
    marks,
    locale: t.locale,
    phone: opts.phone,
  })
  return { chart, table }
}
