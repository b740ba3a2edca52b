// Kết nối: connection progress of one platform, the nation against the rollout plan month by month,
// and each province and ministry at the end of the period (agencies, connected, active).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getConnectionSeries, getConnectionUnits, getMilestones } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure, RateBar } from '~/components/ChartFigure'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { LEVEL_VI } from '~/components/UnitTable'
import { fmtDay, fmtInt, fmtPct } from '~/components/format'
import { planChart } from '~/components/charts.server'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { HttpError } from '~/lib/http.server'
import { platformParam, pageFilters } from '~/lib/params.server'
import { makePeriod } from '../../core/kpi/period'

export const meta: MetaFunction = () => [{ title: 'Tiến độ kết nối · egov-pulse' }]

const PLATFORMS = ['document_axis', 'service_portal'] as const
type Platform = (typeof PLATFORMS)[number]
const PLATFORM_VI: Record<Platform, string> = {
  document_axis: 'Trục liên thông văn bản quốc gia',
  service_portal: 'Cổng Dịch vụ công quốc gia',
}

/** The first day of the month 11 months before `to`: with `to`'s month, 12 months. */
function twelveMonthsBefore(to: string): string {
  const y = Number(to.slice(0, 4))
  const m = Number(to.slice(5, 7)) - 1 - 11
  const yy = y + Math.floor(m / 12)
  const mm = ((m % 12) + 12) % 12
  return `${yy}-${String(mm + 1).padStart(2, '0')}-01`
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const url = new URL(request.url)
  const pf = pageFilters(url)
  const { period, structure, problem } = pf
  let platform: Platform = 'document_axis'
  let platformProblem: string | null = null
  try {
    platform = platformParam(url)
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    platformProblem = e.message
  }
  const seriesPeriod = makePeriod(twelveMonthsBefore(period.to), period.to)
  const [series, provinces, ministries] = await Promise.all([
    getConnectionSeries({ level: 'national', unit: '', structure, platform, period: seriesPeriod }),
    getConnectionUnits({ level: 'province', structure, platform, period }),
    getConnectionUnits({ level: 'ministry', structure, platform, period }),
  ])
  const milestones = [...(getMilestones()[platform] ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1))
  const hasPlan = milestones.length > 0
  // Nothing to draw when no agency is connected in any month and no plan target falls in them.
  const anyData = series.some((p) => p.agencies > 0) && series.some((p) => p.connected > 0 || (hasPlan && p.plan > 0))
  const chart = anyData
    ? planChart({
        label: `Tỷ lệ cơ quan đã kết nối ${PLATFORM_VI[platform]} toàn quốc theo tháng, so với kế hoạch`,
        categories: series.map((p) => `${p.month.slice(5, 7)}/${p.month.slice(0, 4)}`),
        actual: series.map((p) => p.connected_rate),
        // before the first milestone there is no target: no plan line
        plan: series.map((p) => (hasPlan && p.plan > 0 ? p.plan : null)),
        actualName: 'Thực tế',
        planName: 'Kế hoạch',
      })
    : null
  const last = series[series.length - 1] ?? null
  const sort = <T extends { connected_rate: number | null; agencies: number; code: string }>(rows: T[]) =>
    [...rows].sort((a, b) => (b.connected_rate ?? -1) - (a.connected_rate ?? -1) || b.agencies - a.agencies || a.code.localeCompare(b.code))
  return {
    user: { name: user.name, role: user.role },
    f: { ...filtersView(pf, pageLang(request)), problem: problem ?? platformProblem },
    T: period.T.toISOString(),
    platform,
    chart,
    table: {
      head: ['Tháng', 'Đã kết nối', 'Số cơ quan', 'Tỷ lệ', 'Kế hoạch'],
      rows: series.map((p) => [
        `Tháng ${p.month.slice(5, 7)}/${p.month.slice(0, 4)}`,
        fmtInt(p.connected),
        fmtInt(p.agencies),
        fmtPct(p.connected_rate),
        hasPlan && p.plan > 0 ? fmtPct(p.plan) : '—',
      ]),
      numeric: [1, 2, 3, 4],
    },
    seriesFrom: seriesPeriod.from,
    last,
    planNow: hasPlan && last && last.plan > 0 ? last.plan : null,
    milestones,
    provinces: sort(provinces),
    ministries: sort(ministries),
  }
}

type Row = { code: string; name: string; agencies: number; connected: number; connected_rate: number | null; active: number }

function ConnectionTable({ level, rows, planNow, csvHref }: { level: 'province' | 'ministry'; rows: Row[]; planNow: number | null; csvHref: string }) {
  const levelName = LEVEL_VI[level]
  const anyAgency = rows.some((r) => r.agencies > 0)
  const below = planNow === null ? 0 : rows.filter((r) => r.agencies > 0 && (r.connected_rate ?? 0) < planNow).length
  return (
    <section className="card">
      <div className="card-head">
        <h2>{level === 'province' ? 'Các tỉnh, thành phố' : 'Các bộ, cơ quan ngang bộ'}</h2>
        <a className="export" href={csvHref}>
          Tải CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="empty">Chưa có đơn vị nào trong danh mục. Hãy nạp danh mục cơ quan.</p>
      ) : (
        <>
          {!anyAgency ? <p className="empty">Chưa có cơ quan nào của các đơn vị này trong danh mục.</p> : null}
          {planNow !== null && anyAgency ? (
            <p className="footnote">
              {below === 0 ? 'Tất cả đơn vị đã đạt' : `${fmtInt(below)} đơn vị chưa đạt`} kế hoạch {fmtPct(planNow)} tại thời điểm cuối kỳ (vạch đỏ trên thanh).
            </p>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{levelName}</th>
                  <th scope="col" className="num">Tỷ lệ kết nối</th>
                  <th scope="col" className="bar-col">
                    <span className="sr-only">Biểu đồ tỷ lệ</span>
                  </th>
                  <th scope="col" className="num">Đã kết nối</th>
                  <th scope="col" className="num">Số cơ quan</th>
                  <th scope="col" className="num">Đang hoạt động</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{r.name}</th>
                    <td className="num">{fmtPct(r.connected_rate)}</td>
                    <td className="bar-col">
                      <RateBar rate={r.connected_rate} plan={planNow} label={`${fmtPct(r.connected_rate)} đã kết nối`} />
                    </td>
                    <td className="num">{fmtInt(r.connected)}</td>
                    <td className="num">{fmtInt(r.agencies)}</td>
                    <td className="num">{fmtInt(r.active)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

export default function Connections() {
  const d = useLoaderData<typeof loader>()
  const q = periodQuery(d.f)
  const last = d.last
  const pq = `platform=${d.platform}&${q}`
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>Tiến độ kết nối</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f}>
        <label>
          Hệ thống
          <select name="platform" defaultValue={d.platform}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_VI[p]}
              </option>
            ))}
          </select>
        </label>
      </PeriodFilter>
      <h2 className="subtitle">{PLATFORM_VI[d.platform]}</h2>
      {last === null || last.agencies === 0 ? (
        <p className="empty">Chưa có cơ quan nào trong danh mục, hoặc chưa có dữ liệu kết nối.</p>
      ) : (
        <section className="kpis" aria-label="Toàn quốc, tại thời điểm cuối kỳ">
          <Kpi label="Cơ quan đã kết nối" value={fmtInt(last.connected)} hint={`trên ${fmtInt(last.agencies)} cơ quan trong danh mục`} />
          <Kpi label="Tỷ lệ kết nối" value={fmtPct(last.connected_rate)} hint="toàn quốc, cuối kỳ" />
          <Kpi
            label="Kế hoạch"
            value={d.planNow === null ? '—' : fmtPct(d.planNow)}
            hint={
              d.planNow !== null
                ? 'mục tiêu tại thời điểm cuối kỳ'
                : d.milestones.length > 0
                  ? `chưa đến mốc đầu tiên (${fmtDay(d.milestones[0].date)})`
                  : 'chưa có mốc kế hoạch'
            }
            tone={d.planNow === null ? undefined : (last.connected_rate ?? 0) < d.planNow ? 'warn' : 'good'}
          />
        </section>
      )}
      <section className="card">
        <ChartFigure
          chart={d.chart}
          caption={
            <>
              Tỷ lệ cơ quan đã kết nối toàn quốc theo tháng, so với kế hoạch ({fmtDay(d.seriesFrom)} – {fmtDay(d.f.to)})
            </>
          }
          empty="Chưa có cơ quan nào kết nối trong 12 tháng này."
          table={d.table}
          note={
            d.milestones.length === 0
              ? 'Chưa cấu hình mốc kế hoạch cho hệ thống này.'
              : `Mỗi điểm là tỷ lệ tại cuối tháng (tháng cuối: tại thời điểm cuối kỳ). Kế hoạch: ${d.milestones.map((m) => `${fmtPct(m.target)} đến ${fmtDay(m.date)}`).join('; ')}.`
          }
        />
      </section>
      <ConnectionTable level="province" rows={d.provinces} planNow={d.planNow} csvHref={`/api/v1/connections?level=province&${pq}&format=csv`} />
      <ConnectionTable level="ministry" rows={d.ministries} planNow={d.planNow} csvHref={`/api/v1/connections?level=ministry&${pq}&format=csv`} />
      <p className="note">
        Số liệu kết nối tính tại thời điểm cuối kỳ. Đang hoạt động: cơ quan đã kết nối và có sự kiện trong 30 ngày trước thời điểm đó (
        {d.platform === 'document_axis' ? 'gửi hoặc nhận văn bản trên Trục' : 'có hồ sơ đồng bộ lên Cổng'}).
      </p>
    </Shell>
  )
}
