// Kết nối: connection progress of one platform, the nation against the rollout plan month by month,
// and each province and ministry at the end of the period (agencies, connected, active).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getConnectionSeries, getConnectionUnits, getMilestones } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure, RateBar } from '~/components/ChartFigure'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { planChart } from '~/components/charts.server'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { DataTable } from '~/components/DataTable'
import { Downloads } from '~/components/Downloads'
import { dict } from '~/i18n'
import { useT } from '~/i18n/use'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { asksForPhoneCharts } from '~/lib/device.server'
import { HttpError } from '~/lib/http.server'
import { platformParam, pageFilters } from '~/lib/params.server'
import { makePeriod } from '~/lib/domain'
import { titled } from '~/i18n/meta'

export const meta = titled('Tiến độ kết nối', 'Connection progress')

const PLATFORMS = ['document_axis', 'service_portal'] as const
type Platform = (typeof PLATFORMS)[number]
const PLATFORM_NAME: Record<'vi' | 'en', Record<Platform, string>> = {
  vi: { document_axis: 'Trục liên thông văn bản quốc gia', service_portal: 'Cổng Dịch vụ công quốc gia' },
  en: { document_axis: 'National document axis', service_portal: 'National public service portal' },
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
  const lang = pageLang(request)
  const en = lang === 'en'
  const t = dict(lang)
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
        label: en ? `Share of agencies connected to the ${PLATFORM_NAME.en[platform]}, nationally by month, against the plan` : `Tỷ lệ cơ quan đã kết nối ${PLATFORM_NAME.vi[platform]} toàn quốc theo tháng, so với kế hoạch`,
        categories: series.map((p) => `${p.month.slice(5, 7)}/${p.month.slice(0, 4)}`),
        actual: series.map((p) => p.connected_rate),
        // before the first milestone there is no target: no plan line
        plan: series.map((p) => (hasPlan && p.plan > 0 ? p.plan : null)),
        actualName: en ? 'Actual' : 'Thực tế',
        planName: en ? 'Plan' : 'Kế hoạch',
        locale: t.locale,
        phone: asksForPhoneCharts(request),
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
      head: en ? ['Month', 'Connected', 'Agencies', 'Rate', 'Plan'] : ['Tháng', 'Đã kết nối', 'Số cơ quan', 'Tỷ lệ', 'Kế hoạch'],
      rows: series.map((p) => [
        `${en ? '' : 'Tháng '}${p.month.slice(5, 7)}/${p.month.slice(0, 4)}`,
        t.int(p.connected),
        t.int(p.agencies),
        t.pct(p.connected_rate),
        hasPlan && p.plan > 0 ? t.pct(p.plan) : '—',
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

function ConnectionTable({ level, rows, planNow, exportHref }: { level: 'province' | 'ministry'; rows: Row[]; planNow: number | null; exportHref: string }) {
  const t = useT()
  const en = t.lang === 'en'
  const anyAgency = rows.some((r) => r.agencies > 0)
  const below = planNow === null ? 0 : rows.filter((r) => r.agencies > 0 && (r.connected_rate ?? 0) < planNow).length
  const title = level === 'province' ? t.provinces : t.ministries
  return (
    <section className="card">
      <div className="card-head">
        <h2>{title}</h2>
        <Downloads href={exportHref} />
      </div>
      {rows.length > 0 && !anyAgency ? <p className="empty">{en ? 'No agencies of these units in the registry yet.' : 'Chưa có cơ quan nào của các đơn vị này trong danh mục.'}</p> : null}
      {planNow !== null && anyAgency ? (
        <p className="footnote">
          {en
            ? `${below === 0 ? 'Every unit has reached' : `${t.int(below)} units have not reached`} the plan of ${t.pct(planNow)} at the end of the period (red mark on the bar).`
            : `${below === 0 ? 'Tất cả đơn vị đã đạt' : `${t.int(below)} đơn vị chưa đạt`} kế hoạch ${t.pct(planNow)} tại thời điểm cuối kỳ (vạch đỏ trên thanh).`}
        </p>
      ) : null}
      <DataTable
        label={title}
        columns={[
          { key: 'name', head: t.levelName[level], rowHeader: true, className: 'wrap-name', cell: (r) => r.name },
          { key: 'rate', head: en ? 'Connected rate' : 'Tỷ lệ kết nối', num: true, cell: (r) => t.pct(r.connected_rate) },
          { key: 'bar', head: <span className="sr-only">{en ? 'Rate chart' : 'Biểu đồ tỷ lệ'}</span>, className: 'bar-col', narrowHide: true, cell: (r) => <RateBar rate={r.connected_rate} plan={planNow} label={`${t.pct(r.connected_rate)}`} /> },
          { key: 'connected', head: en ? 'Connected' : 'Đã kết nối', num: true, cell: (r) => t.int(r.connected) },
          { key: 'agencies', head: en ? 'Agencies' : 'Số cơ quan', num: true, narrowHide: true, cell: (r) => t.int(r.agencies) },
          { key: 'active', head: en ? 'Active' : 'Đang hoạt động', num: true, narrowHide: true, cell: (r) => t.int(r.active) },
        ]}
        rows={rows}
        rowKey={(r) => r.code}
        empty={t.emptyUnits}
      />
    </section>
  )
}

export default function Connections() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const en = t.lang === 'en'
  const q = periodQuery(d.f)
  const last = d.last
  const pq = `platform=${d.platform}&${q}`
  const names = PLATFORM_NAME[t.lang]
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>{en ? 'Connection progress' : 'Tiến độ kết nối'}</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f}>
        <label>
          {en ? 'Platform' : 'Hệ thống'}
          <select name="platform" defaultValue={d.platform}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {names[p]}
              </option>
            ))}
          </select>
        </label>
      </PeriodFilter>
      <h2 className="subtitle">{names[d.platform]}</h2>
      {last === null || last.agencies === 0 ? (
        <p className="empty">{en ? 'No agencies in the registry, or no connection data yet.' : 'Chưa có cơ quan nào trong danh mục, hoặc chưa có dữ liệu kết nối.'}</p>
      ) : (
        <section className="kpis" aria-label={en ? 'Nationally, at the end of the period' : 'Toàn quốc, tại thời điểm cuối kỳ'}>
          <Kpi label={en ? 'Agencies connected' : 'Cơ quan đã kết nối'} value={t.int(last.connected)} hint={en ? `of ${t.int(last.agencies)} agencies in the registry` : `trên ${t.int(last.agencies)} cơ quan trong danh mục`} />
          <Kpi label={en ? 'Connected rate' : 'Tỷ lệ kết nối'} value={t.pct(last.connected_rate)} hint={en ? 'nationally, end of period' : 'toàn quốc, cuối kỳ'} />
          <Kpi
            label={en ? 'Plan' : 'Kế hoạch'}
            value={d.planNow === null ? '—' : t.pct(d.planNow)}
            hint={
              d.planNow !== null
                ? en ? 'target at the end of the period' : 'mục tiêu tại thời điểm cuối kỳ'
                : d.milestones.length > 0
                  ? en ? `before the first milestone (${t.day(d.milestones[0].date)})` : `chưa đến mốc đầu tiên (${t.day(d.milestones[0].date)})`
                  : en ? 'no plan milestones' : 'chưa có mốc kế hoạch'
            }
            tone={d.planNow === null ? undefined : (last.connected_rate ?? 0) < d.planNow ? 'warn' : 'good'}
          />
        </section>
      )}
      <section className="card">
        <ChartFigure
          chart={d.chart}
          caption={
            en
              ? `Share of agencies connected nationally by month, against the plan (${t.day(d.seriesFrom)} – ${t.day(d.f.to)})`
              : `Tỷ lệ cơ quan đã kết nối toàn quốc theo tháng, so với kế hoạch (${t.day(d.seriesFrom)} – ${t.day(d.f.to)})`
          }
          empty={en ? 'No agency connected in these 12 months.' : 'Chưa có cơ quan nào kết nối trong 12 tháng này.'}
          table={d.table}
          note={
            d.milestones.length === 0
              ? en ? 'No plan milestones configured for this platform.' : 'Chưa cấu hình mốc kế hoạch cho hệ thống này.'
              : en
                ? `Each point is the rate at the end of the month (the last month: at the end of the period). Plan: ${d.milestones.map((m) => `${t.pct(m.target)} by ${t.day(m.date)}`).join('; ')}.`
                : `Mỗi điểm là tỷ lệ tại cuối tháng (tháng cuối: tại thời điểm cuối kỳ). Kế hoạch: ${d.milestones.map((m) => `${t.pct(m.target)} đến ${t.day(m.date)}`).join('; ')}.`
          }
        />
      </section>
      <ConnectionTable level="province" rows={d.provinces} planNow={d.planNow} exportHref={`/api/v1/connections?level=province&${pq}`} />
      <ConnectionTable level="ministry" rows={d.ministries} planNow={d.planNow} exportHref={`/api/v1/connections?level=ministry&${pq}`} />
      <p className="note">
        {en
          ? `Connection figures at the end of the period. Active: connected agencies with an event in the 30 days before (${d.platform === 'document_axis' ? 'sending or receiving a document on the axis' : 'a dossier synced to the portal'}).`
          : `Số liệu kết nối tính tại thời điểm cuối kỳ. Đang hoạt động: cơ quan đã kết nối và có sự kiện trong 30 ngày trước thời điểm đó (${d.platform === 'document_axis' ? 'gửi hoặc nhận văn bản trên Trục' : 'có hồ sơ đồng bộ lên Cổng'}).`}
      </p>
    </Shell>
  )
}
