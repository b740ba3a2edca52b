// Tổng quan: national figures, then provinces and ministries with index and rank, server-rendered.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { getSummary, getUnits, type UnitFigures } from '~/data.server'
import { Shell } from '~/components/Shell'
import { bandClass, fmtDay, fmtDec, fmtInt, fmtPct } from '~/components/format'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { HttpError } from '~/lib/http.server'
import { periodParam, structureParam } from '~/lib/params.server'
import { defaultPeriod, makePeriod } from '../../core/kpi/period'

export const meta: MetaFunction = () => [{ title: 'Tổng quan · egov-pulse' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const url = new URL(request.url)
  let problem: string | null = null
  let period, structure
  try {
    period = periodParam(url)
    structure = structureParam(url)
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    problem = e.message
    const d = defaultPeriod()
    period = makePeriod(d.from, d.to)
    structure = 'current' as const
  }
  const [national, provinces, ministries] = await Promise.all([
    getSummary({ level: 'national', unit: '', structure, period }),
    getUnits({ level: 'province', structure, period }),
    getUnits({ level: 'ministry', structure, period }),
  ])
  return {
    user: { name: user.name, role: user.role },
    problem,
    from: period.from,
    to: period.to,
    structure,
    national,
    provinces,
    ministries,
    note: PARTIAL_INDEX_NOTE,
  }
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="kpi">
      <div className="kpi-value">{value}</div>
      <div className="kpi-label">{label}</div>
      {hint ? <div className="kpi-hint">{hint}</div> : null}
    </div>
  )
}

function UnitTable({ caption, units, unitLabel, csvHref }: { caption: string; units: UnitFigures[]; unitLabel: string; csvHref: string }) {
  const sorted = [...units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.received - a.received || a.code.localeCompare(b.code))
  return (
    <section className="card">
      <div className="card-head">
        <h2>{caption}</h2>
        <a className="export" href={csvHref}>
          Tải CSV
        </a>
      </div>
      {units.length === 0 ? (
        <p className="empty">Chưa có đơn vị nào trong danh mục. Hãy nạp danh mục cơ quan.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Hạng</th>
                <th scope="col">{unitLabel}</th>
                <th scope="col" className="num">Tiếp nhận</th>
                <th scope="col" className="num">Đã giải quyết</th>
                <th scope="col" className="num">Đúng hạn</th>
                <th scope="col" className="num">Đang xử lý</th>
                <th scope="col" className="num">Quá hạn</th>
                <th scope="col" className="num">Trực tuyến</th>
                <th scope="col" className="num">TT trực tuyến</th>
                <th scope="col" className="num">Số hóa</th>
                <th scope="col" className="num">Chỉ số*</th>
                <th scope="col">Xếp loại</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((u) => (
                <tr key={u.code}>
                  <td>{u.rank ?? '—'}</td>
                  <th scope="row">{u.name}</th>
                  <td className="num">{fmtInt(u.received)}</td>
                  <td className="num">{fmtInt(u.resolved)}</td>
                  <td className="num">{fmtPct(u.on_time_rate)}</td>
                  <td className="num">{fmtInt(u.pending)}</td>
                  <td className="num">{fmtInt(u.overdue)}</td>
                  <td className="num">{fmtPct(u.online_rate)}</td>
                  <td className="num">{fmtPct(u.paid_online_rate)}</td>
                  <td className="num">{fmtPct(u.digitized_rate)}</td>
                  <td className="num">{u.resolved + u.received === 0 ? '—' : fmtDec(u.index)}</td>
                  <td>{u.resolved + u.received === 0 ? '—' : <span className={bandClass(u.band)}>{u.band}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="footnote">Hạng chỉ xét các đơn vị có từ 30 hồ sơ đã giải quyết trong kỳ.</p>
    </section>
  )
}

export default function Index() {
  const d = useLoaderData<typeof loader>()
  const nav = useNavigation()
  const q = `from=${d.from}&to=${d.to}&structure=${d.structure}`
  const n = d.national
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>Tình hình giải quyết thủ tục hành chính</h1>
        <p className="period">
          Kỳ báo cáo: {fmtDay(d.from)} – {fmtDay(d.to)}
        </p>
      </div>
      <Form method="get" className="filters" aria-label="Chọn kỳ báo cáo">
        <label>
          Từ ngày <input type="date" name="from" defaultValue={d.from} required />
        </label>
        <label>
          Đến ngày <input type="date" name="to" defaultValue={d.to} required />
        </label>
        <label>
          Địa giới
          <select name="structure" defaultValue={d.structure}>
            <option value="current">34 tỉnh, thành phố (từ 01/7/2025)</option>
            <option value="historical">63 tỉnh, thành phố (trước 01/7/2025)</option>
          </select>
        </label>
        <button type="submit">{nav.state === 'loading' ? 'Đang tải…' : 'Xem'}</button>
      </Form>
      {d.problem ? <p className="alert">Tham số không hợp lệ ({d.problem}); đang hiển thị tháng hiện tại.</p> : null}
      <section className="kpis" aria-label="Số liệu toàn quốc">
        <Kpi label="Hồ sơ tiếp nhận" value={fmtInt(n.received)} />
        <Kpi label="Đã giải quyết" value={fmtInt(n.resolved)} hint={`${fmtInt(n.late)} trễ hạn`} />
        <Kpi label="Tỷ lệ đúng hạn" value={fmtPct(n.on_time_rate)} />
        <Kpi label="Đang xử lý" value={fmtInt(n.pending)} hint={`${fmtInt(n.overdue)} quá hạn`} />
        <Kpi label="Nộp trực tuyến" value={fmtPct(n.online_rate)} />
        <Kpi label="Thanh toán trực tuyến" value={fmtPct(n.paid_online_rate)} />
        <Kpi label="Có thành phần số hóa" value={fmtPct(n.digitized_rate)} />
        <Kpi label="Thời gian giải quyết TB" value={n.avg_days === null ? '—' : `${fmtDec(n.avg_days)} ngày`} />
        <Kpi label="Chỉ số phục vụ (tạm tính)*" value={fmtDec(n.index)} />
      </section>
      <p className="note">* {d.note}</p>
      <UnitTable caption="Các tỉnh, thành phố" unitLabel="Tỉnh, thành phố" units={d.provinces} csvHref={`/api/v1/units?level=province&${q}&format=csv`} />
      <UnitTable caption="Các bộ, cơ quan ngang bộ" unitLabel="Bộ, ngành" units={d.ministries} csvHref={`/api/v1/units?level=ministry&${q}&format=csv`} />
    </Shell>
  )
}
