// Văn bản điện tử: the document axis per unit (sent, received, accepted and refused rates, latency,
// unacknowledged), with the units that leave most documents unacknowledged as a chart.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDocumentUnits } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure } from '~/components/ChartFigure'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery, Tabs } from '~/components/PeriodFilter'
import { fmtDuration } from '~/components/Time'
import { LEVEL_VI } from '~/components/UnitTable'
import { fmtInt, fmtPct } from '~/components/format'
import { barChart, COLORS, shortName } from '~/components/charts.server'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { documentTotals } from '~/data.server'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { HttpError } from '~/lib/http.server'
import { enumParam, pageFilters } from '~/lib/params.server'

export const meta: MetaFunction = () => [{ title: 'Văn bản điện tử · egov-pulse' }]

const TOP = 10
type UnitLevel = 'province' | 'ministry'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const url = new URL(request.url)
  const pf = pageFilters(url)
  const { period, structure, problem } = pf
  let level: UnitLevel = 'province'
  let levelProblem: string | null = null
  try {
    level = enumParam(url, 'level', ['province', 'ministry'] as const, 'province')
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    levelProblem = e.message
  }
  const units = await getDocumentUnits({ level, structure, period })
  const sorted = [...units].sort((a, b) => b.unacknowledged - a.unacknowledged || b.received - a.received || a.code.localeCompare(b.code))
  const top = sorted.filter((u) => u.unacknowledged > 0).slice(0, TOP)
  const chart =
    top.length === 0
      ? null
      : barChart({
          label: `${top.length} ${LEVEL_VI[level].toLowerCase()} có nhiều văn bản chưa được xác nhận nhất`,
          name: 'Văn bản chưa xác nhận',
          categories: top.map((u) => shortName(u.name)),
          values: top.map((u) => u.unacknowledged),
          color: COLORS.average,
        })
  return {
    user: { name: user.name, role: user.role },
    f: { ...filtersView(pf, pageLang(request)), problem: problem ?? levelProblem },
    level,
    units: sorted,
    chart,
    totals: documentTotals(units),
  }
}

export default function Documents() {
  const d = useLoaderData<typeof loader>()
  const q = periodQuery(d.f)
  const t = d.totals
  const none = t.sent + t.received + t.unacknowledged === 0
  const levelName = LEVEL_VI[d.level].toLowerCase()
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>Văn bản điện tử trên Trục liên thông</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} hidden={{ level: d.level }} />
      <Tabs
        label="Cấp đơn vị"
        items={(['province', 'ministry'] as const).map((l) => ({
          href: `/van-ban?level=${l}&${q}`,
          text: l === 'province' ? 'Các tỉnh, thành phố' : 'Các bộ, cơ quan ngang bộ',
          current: l === d.level,
        }))}
      />
      {none ? <p className="empty">Không có văn bản nào của các {levelName} trong kỳ báo cáo này.</p> : null}
      <section className="kpis" aria-label={`Cộng các ${levelName}`}>
        <Kpi label="Văn bản gửi đi" value={fmtInt(t.sent)} hint={`cộng các ${levelName}`} />
        <Kpi label="Văn bản nhận" value={fmtInt(t.received)} hint={`cộng các ${levelName}`} />
        <Kpi label="Tỷ lệ chấp nhận" value={fmtPct(t.accepted_rate)} hint="trên văn bản nhận" />
        <Kpi label="Tỷ lệ từ chối" value={fmtPct(t.refused_rate)} hint="trên văn bản nhận" />
        <Kpi label="Chưa xác nhận quá 24 giờ" value={fmtInt(t.unacknowledged)} hint="tại thời điểm cuối kỳ" tone={t.unacknowledged > 0 ? 'warn' : undefined} />
      </section>
      <p className="note">
        Một văn bản gửi cho nhiều nơi được tính một lần cho mỗi nơi nhận. Số cộng chỉ gồm các cơ quan có trong danh mục của {levelName}.
      </p>

      <section className="card">
        <ChartFigure
          chart={d.chart}
          caption={<>Các {levelName} có nhiều văn bản đến chưa được xác nhận nhất (quá 24 giờ, tại thời điểm cuối kỳ)</>}
          empty={`Không có ${levelName} nào còn văn bản đến chưa được xác nhận quá 24 giờ.`}
        />
      </section>

      <section className="card">
        <div className="card-head">
          <h2>Theo {levelName}</h2>
          <a className="export" href={`/api/v1/documents/units?level=${d.level}&${q}&format=csv`}>
            Tải CSV
          </a>
        </div>
        {d.units.length === 0 ? (
          <p className="empty">Chưa có đơn vị nào trong danh mục. Hãy nạp danh mục cơ quan.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{LEVEL_VI[d.level]}</th>
                  <th scope="col" className="num">Gửi đi</th>
                  <th scope="col" className="num">Nhận</th>
                  <th scope="col" className="num">Chấp nhận</th>
                  <th scope="col" className="num">Từ chối</th>
                  <th scope="col" className="num">
                    Thời gian chấp nhận
                    <br />
                    trung vị
                  </th>
                  <th scope="col" className="num">
                    Thời gian chấp nhận
                    <br />
                    95% văn bản
                  </th>
                  <th scope="col" className="num">Chưa xác nhận</th>
                </tr>
              </thead>
              <tbody>
                {d.units.map((u) => (
                  <tr key={u.code}>
                    <th scope="row">{u.name}</th>
                    <td className="num">{fmtInt(u.sent)}</td>
                    <td className="num">{fmtInt(u.received)}</td>
                    <td className="num">{fmtPct(u.accepted_rate)}</td>
                    <td className="num">{fmtPct(u.refused_rate)}</td>
                    <td className="num">{fmtDuration(u.latency_p50_s)}</td>
                    <td className="num">{fmtDuration(u.latency_p95_s)}</td>
                    <td className={u.unacknowledged > 0 ? 'num warn' : 'num'}>{fmtInt(u.unacknowledged)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="footnote">
          Chấp nhận, từ chối: tỷ lệ trên số văn bản nhận trong kỳ. Thời gian chấp nhận: từ lúc gửi đến lúc nơi nhận chấp nhận văn bản; một nửa số văn bản được chấp
          nhận trong thời gian trung vị, 95% trong thời gian ở cột kế tiếp. Chưa xác nhận: văn bản đến đã gửi quá 24 giờ mà nơi nhận chưa báo đã nhận hoặc từ chối.
        </p>
      </section>
    </Shell>
  )
}
