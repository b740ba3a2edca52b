// Văn bản điện tử: the document axis per unit (sent, received, accepted and refused rates, latency,
// unacknowledged), with the units that leave most documents unacknowledged as a chart.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getDocumentUnits } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure } from '~/components/ChartFigure'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery, Tabs } from '~/components/PeriodFilter'
import { fmtDurationIn } from '~/components/Time'
import { DataTable } from '~/components/DataTable'
import { Downloads } from '~/components/Downloads'
import { useT } from '~/i18n/use'
import { LEVEL_VI } from '~/components/UnitTable'
import { barChart, COLORS, shortName } from '~/components/charts.server'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { documentTotals } from '~/data.server'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { asksForPhoneCharts } from '~/lib/device.server'
import { HttpError } from '~/lib/http.server'
import { enumParam, pageFilters } from '~/lib/params.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Văn bản điện tử', 'Electronic documents')

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
  const en = pageLang(request) === 'en'
  const units = await getDocumentUnits({ level, structure, period })
  const sorted = [...units].sort((a, b) => b.unacknowledged - a.unacknowledged || b.received - a.received || a.code.localeCompare(b.code))
  const top = sorted.filter((u) => u.unacknowledged > 0).slice(0, TOP)
  const chart =
    top.length === 0
      ? null
      : barChart({
          label: en ? `The ${top.length} ${level === 'province' ? 'provinces' : 'ministries'} with the most unacknowledged documents` : `${top.length} ${LEVEL_VI[level].toLowerCase()} có nhiều văn bản chưa được xác nhận nhất`,
          name: en ? 'Unacknowledged documents' : 'Văn bản chưa xác nhận',
          categories: top.map((u) => shortName(u.name)),
          values: top.map((u) => u.unacknowledged),
          color: COLORS.average,
          locale: en ? 'en-GB' : 'vi-VN',
          phone: asksForPhoneCharts(request),
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
  const tr = useT()
  const en = tr.lang === 'en'
  const q = periodQuery(d.f)
  const t = d.totals
  const none = t.sent + t.received + t.unacknowledged === 0
  const levelName = en ? (d.level === 'province' ? 'provinces' : 'ministries') : LEVEL_VI[d.level].toLowerCase()
  const all = en ? `all ${levelName}` : `cộng các ${levelName}`
  const onReceived = en ? 'of documents received' : 'trên văn bản nhận'
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>{en ? 'Electronic documents on the national document axis' : 'Văn bản điện tử trên Trục liên thông'}</h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} hidden={{ level: d.level }} />
      <Tabs
        label={en ? 'Level' : 'Cấp đơn vị'}
        items={(['province', 'ministry'] as const).map((l) => ({
          href: `/van-ban?level=${l}&${q}`,
          text: l === 'province' ? tr.provinces : tr.ministries,
          current: l === d.level,
        }))}
      />
      {none ? <p className="empty">{en ? `No documents of the ${levelName} in this period.` : `Không có văn bản nào của các ${levelName} trong kỳ báo cáo này.`}</p> : null}
      <section className="kpis" aria-label={all}>
        <Kpi label={en ? 'Documents sent' : 'Văn bản gửi đi'} value={tr.int(t.sent)} hint={all} />
        <Kpi label={en ? 'Documents received' : 'Văn bản nhận'} value={tr.int(t.received)} hint={all} />
        <Kpi label={en ? 'Accepted rate' : 'Tỷ lệ chấp nhận'} value={tr.pct(t.accepted_rate)} hint={onReceived} />
        <Kpi label={en ? 'Refused rate' : 'Tỷ lệ từ chối'} value={tr.pct(t.refused_rate)} hint={onReceived} />
        <Kpi
          label={en ? 'Unacknowledged after 24 hours' : 'Chưa xác nhận quá 24 giờ'}
          value={tr.int(t.unacknowledged)}
          hint={en ? 'at the end of the period' : 'tại thời điểm cuối kỳ'}
          tone={t.unacknowledged > 0 ? 'warn' : undefined}
        />
      </section>
      <p className="note">
        {en
          ? `A document sent to several recipients counts once per recipient. Totals cover the agencies in the registry of the ${levelName} only.`
          : `Một văn bản gửi cho nhiều nơi được tính một lần cho mỗi nơi nhận. Số cộng chỉ gồm các cơ quan có trong danh mục của ${levelName}.`}
      </p>

      <section className="card">
        <ChartFigure
          chart={d.chart}
          caption={en ? `The ${levelName} with the most incoming documents unacknowledged (over 24 hours, at the end of the period)` : `Các ${levelName} có nhiều văn bản đến chưa được xác nhận nhất (quá 24 giờ, tại thời điểm cuối kỳ)`}
          empty={en ? `No ${levelName} have incoming documents unacknowledged for over 24 hours.` : `Không có ${levelName} nào còn văn bản đến chưa được xác nhận quá 24 giờ.`}
        />
      </section>

      <section className="card">
        <div className="card-head">
          <h2>{en ? `By ${d.level}` : `Theo ${levelName}`}</h2>
          <Downloads href={`/api/v1/documents/units?level=${d.level}&${q}`} />
        </div>
        <DataTable
          label={en ? `Documents by ${d.level}` : `Văn bản theo ${levelName}`}
          columns={[
            { key: 'name', head: tr.levelName[d.level], rowHeader: true, className: 'wrap-name', cell: (u) => u.name },
            { key: 'sent', head: en ? 'Sent' : 'Gửi đi', num: true, cell: (u) => tr.int(u.sent) },
            { key: 'received', head: en ? 'Received' : 'Nhận', num: true, cell: (u) => tr.int(u.received) },
            { key: 'accepted', head: en ? 'Accepted' : 'Chấp nhận', num: true, narrowHide: true, cell: (u) => tr.pct(u.accepted_rate) },
            { key: 'refused', head: en ? 'Refused' : 'Từ chối', num: true, narrowHide: true, cell: (u) => tr.pct(u.refused_rate) },
            { key: 'p50', head: en ? 'Median time to accept' : 'Thời gian chấp nhận trung vị', num: true, narrowHide: true, cell: (u) => fmtDurationIn(u.latency_p50_s, tr.lang) },
            { key: 'p95', head: en ? 'Time to accept, 95%' : 'Thời gian chấp nhận 95% văn bản', num: true, narrowHide: true, cell: (u) => fmtDurationIn(u.latency_p95_s, tr.lang) },
            { key: 'unack', head: en ? 'Unacknowledged' : 'Chưa xác nhận', num: true, className: 'unack', cell: (u) => <span className={u.unacknowledged > 0 ? 'warn' : undefined}>{tr.int(u.unacknowledged)}</span> },
          ]}
          rows={d.units}
          rowKey={(u) => u.code}
          empty={tr.emptyUnits}
        />
        <p className="footnote">
          {en
            ? 'Accepted, refused: shares of the documents received in the period. Time to accept: from sending to the recipient accepting; half the documents are accepted within the median, 95% within the next column. Unacknowledged: incoming documents sent over 24 hours ago that the recipient has neither acknowledged nor refused.'
            : 'Chấp nhận, từ chối: tỷ lệ trên số văn bản nhận trong kỳ. Thời gian chấp nhận: từ lúc gửi đến lúc nơi nhận chấp nhận văn bản; một nửa số văn bản được chấp nhận trong thời gian trung vị, 95% trong thời gian ở cột kế tiếp. Chưa xác nhận: văn bản đến đã gửi quá 24 giờ mà nơi nhận chưa báo đã nhận hoặc từ chối.'}
        </p>
      </section>
    </Shell>
  )
}
