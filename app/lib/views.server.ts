// Pieces several pages build the same way: the dossier trend chart of a unit or the nation (with
// the configured events marked), and the province map of a figure.
import { config } from '../../core/config'
import type { Dict } from '~/i18n'
import { dossierTrendChart } from '~/components/charts.server'
import { provinceMap, MAP_FIGURES, type MapFigure } from '~/components/map.server'
import { GRAIN_EN, GRAIN_VI, periodLabel, periodLabelIn, type Grain } from '~/components/Time'
import type { UnitFigures } from '~/data.server'

type TrendPoints = Parameters<typeof dossierTrendChart>[0]

/**
 * Draws a chart from its figures once they are read, after the loader's other reads are on their
 * way. The engine runs a page's reads on its own threads, while drawing a chart is JavaScript on the
 * main thread: started on the next turn of the event loop (after the promise callbacks that hand
 * reads to the engine), it runs beside the reads still under way instead of after the last one
 * (ADR 011, session 19).
 */
export async function drawWhenRead<A, T>(read: Promise<A>, draw: (figures: A) => T): Promise<T> {
  const figures = await read
  await new Promise((resolve) => setImmediate(resolve))
  return draw(figures)
}

/** The trend chart and its table; `phone`: the page was asked for by a phone, so the chart is drawn narrow too (ADR 020). */
export function trendView(points: TrendPoints, grain: Grain, who: string, t: Dict, to: string, phone: boolean) {
  const g = t.lang === 'en' ? GRAIN_EN[grain] : GRAIN_VI[grain]
  const label = t.lang === 'en' ? `Dossiers of ${who} ${g}: received, resolved and on-time rate` : `Hồ sơ của ${who} ${g}: tiếp nhận, đã giải quyết và tỷ lệ đúng hạn`
  const annotations = config().annotations.map((a) => ({ date: a.date, text: t.lang === 'en' ? (a.text_en ?? a.text) : a.text }))
  return {
    ...dossierTrendChart(points, grain, label, { short: (d) => periodLabel(d, grain), long: (d) => periodLabelIn(d, grain, t.lang) }, { t, annotations, to, phone }),
    caption: label,
  }
}

export const mapFigureParam = (url: URL): MapFigure => {
  const v = url.searchParams.get('map')
  return (MAP_FIGURES as readonly string[]).includes(v ?? '') ? (v as MapFigure) : 'index'
}

export function mapFigureLabels(t: Dict): Array<{ key: MapFigure; label: string }> {
  return [
    { key: 'index', label: t.lang === 'en' ? 'Partial index' : 'Chỉ số tạm tính' },
    { key: 'on_time_rate', label: t.fig.on_time_rate },
    { key: 'overdue', label: t.fig.overdue },
    { key: 'online_rate', label: t.fig.online_rate },
  ]
}

/** The province map; `phone`: drawn narrow too (ADR 020). */
export function mapView(provinces: UnitFigures[], structure: 'current' | 'historical', figure: MapFigure, t: Dict, phone: boolean) {
  const f = mapFigureLabels(t).find((x) => x.key === figure)!.label
  const none = (u: UnitFigures) => u.received + u.resolved + u.pending === 0
  return provinceMap({
    structure,
    figure,
    t,
    label: `${t.mapTitle}: ${f}`,
    indexBands: config().bands,
    phone,
    regions: provinces.map((u) => ({ code: u.code, name: u.name, value: none(u) ? null : (u[figure] as number | null) })),
  })
}
