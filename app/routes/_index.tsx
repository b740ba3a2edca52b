// Tổng quan: national figures with their change, the trend, the province map, then provinces and
// ministries with index, rank and rank movement (each linking to its drill-down), server-rendered.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getOverview, getTrend } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure } from '~/components/ChartFigure'
import { DossierKpis } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { ProvinceMap } from '~/components/ProvinceMap'
import { grainFor } from '~/components/Time'
import { UnitTable, unitHref } from '~/components/UnitTable'
import { dict } from '~/i18n'
import { useT } from '~/i18n/use'
import { pageContext } from '~/lib/page.server'
import { drawWhenRead, mapFigureLabels, mapFigureParam, mapView, trendView } from '~/lib/views.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Tổng quan', 'Overview')

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, url, lang, filters, f, phone } = await pageContext(request)
  const { period, structure, compare } = filters
  const t = dict(lang)
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  const grain = grainFor(days)
  const figure = mapFigureParam(url)
  // the trend first: its chart is drawn while the overview is read
  const [trend, { national, provinces, ministries }] = await Promise.all([
    drawWhenRead(getTrend({ level: 'national', unit: '', structure, period, grain }), (points) =>
      trendView(points, grain, lang === 'en' ? 'the nation' : 'toàn quốc', t, period.to, phone),
    ),
    getOverview({ structure, period, compare }),
  ])
  return {
    user: { name: user.name, role: user.role },
    f,
    national,
    trend,
    map: mapView(provinces, structure, figure, t, phone),
    figure,
    figures: mapFigureLabels(t),
    provinces,
    ministries,
  }
}

export default function Index() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const q = periodQuery(d.f)
  const n = d.national
  const empty = n.received + n.resolved + n.pending === 0
  const compare = d.f.compare !== null
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>{t.homeTitle}</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} hidden={d.figure !== 'index' ? { map: d.figure } : undefined} />
      {empty ? <p className="empty">{t.emptyPeriod}</p> : null}
      <DossierKpis f={n} prev={n.previous ?? null} label={t.nationalFigures} />
      <p className="note">* {t.indexNote}</p>
      <div className="grid-2">
        <section className="card">
          <ChartFigure chart={d.trend.chart} caption={d.trend.caption} empty={t.noTrend} table={d.trend.table} note={d.trend.chart ? t.grainNote : undefined} />
        </section>
        <section className="card">
          <ProvinceMap
            map={d.map}
            figure={d.figure}
            figures={d.figures}
            hrefOf={(code) => unitHref('province', code, q)}
            figureHref={(key) => `/?${q}${key === 'index' ? '' : `&map=${key}`}`}
          />
        </section>
      </div>
      <UnitTable caption={t.provinces} level="province" q={q} units={d.provinces} exportHref={`/api/v1/units?level=province&${q}`} compare={compare} />
      <UnitTable caption={t.ministries} level="ministry" q={q} units={d.ministries} exportHref={`/api/v1/units?level=ministry&${q}`} compare={compare} />
      <p className="note">* {t.indexNote}</p>
    </Shell>
  )
}
