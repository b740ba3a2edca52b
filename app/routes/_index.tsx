// Tổng quan: national figures and their trend, then provinces and ministries with index and rank
// (each linking to its drill-down), server-rendered.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getSummary, getTrend, getUnits } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure } from '~/components/ChartFigure'
import { DossierKpis } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { GRAIN_VI, grainFor, periodLabel, periodLabelLong } from '~/components/Time'
import { UnitTable } from '~/components/UnitTable'
import { dossierTrendChart } from '~/components/charts.server'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { pageFilters } from '~/lib/params.server'

export const meta: MetaFunction = () => [{ title: 'Tổng quan · egov-pulse' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const { period, structure, problem } = pageFilters(new URL(request.url))
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  const grain = grainFor(days)
  const [national, trend, provinces, ministries] = await Promise.all([
    getSummary({ level: 'national', unit: '', structure, period }),
    getTrend({ level: 'national', unit: '', structure, period, grain }),
    getUnits({ level: 'province', structure, period }),
    getUnits({ level: 'ministry', structure, period }),
  ])
  const t = dossierTrendChart(trend, grain, `Hồ sơ tiếp nhận, đã giải quyết và tỷ lệ đúng hạn toàn quốc ${GRAIN_VI[grain]}`, {
    short: (d) => periodLabel(d, grain),
    long: (d) => periodLabelLong(d, grain),
  })
  return {
    user: { name: user.name, role: user.role },
    f: { from: period.from, to: period.to, structure, problem },
    grain,
    national,
    trend: t,
    provinces,
    ministries,
    note: PARTIAL_INDEX_NOTE,
  }
}

export default function Index() {
  const d = useLoaderData<typeof loader>()
  const q = periodQuery(d.f)
  const n = d.national
  const empty = n.received + n.resolved + n.pending === 0
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>Tình hình giải quyết thủ tục hành chính</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} />
      {empty ? <p className="empty">Không có hồ sơ nào trong kỳ báo cáo này. Hãy chọn kỳ khác.</p> : null}
      <DossierKpis f={n} label="Số liệu toàn quốc" />
      <p className="note">* {d.note}</p>
      <section className="card">
        <ChartFigure
          chart={d.trend.chart}
          caption={<>Hồ sơ toàn quốc {GRAIN_VI[d.grain]}: tiếp nhận, đã giải quyết và tỷ lệ giải quyết đúng hạn</>}
          empty="Không có hồ sơ nào trong kỳ báo cáo để vẽ biểu đồ."
          table={d.trend.table}
          note={d.trend.chart ? 'Mỗi điểm là một ngày (kỳ đến 31 ngày), một tuần từ thứ Hai (kỳ đến 120 ngày) hoặc một tháng.' : undefined}
        />
      </section>
      <UnitTable caption="Các tỉnh, thành phố" level="province" q={q} units={d.provinces} csvHref={`/api/v1/units?level=province&${q}&format=csv`} />
      <UnitTable caption="Các bộ, cơ quan ngang bộ" level="ministry" q={q} units={d.ministries} csvHref={`/api/v1/units?level=ministry&${q}&format=csv`} />
      <p className="note">* {d.note}</p>
    </Shell>
  )
}
