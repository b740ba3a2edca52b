// Một đơn vị (tỉnh, thành phố hoặc bộ, ngành): its figures, its partial index with the four groups,
// its trend, and its overdue cases, which only the unit itself and national users may see.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getOverdue, getTrend, getUnit, getUnits } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ErrorPage } from '~/components/ErrorPage'
import { ChartFigure, RateBar } from '~/components/ChartFigure'
import { DossierKpis } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { GRAIN_VI, grainFor, periodLabel, periodLabelLong, When } from '~/components/Time'
import { LEVEL_VI } from '~/components/UnitTable'
import { bandClass, fmtDec, fmtInt, fmtPct } from '~/components/format'
import { dossierTrendChart } from '~/components/charts.server'
import { mayReadCases, requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { PARTIAL_INDEX_NOTE, unitIndexGroups } from '~/lib/figures.server'
import { HttpError } from '~/lib/http.server'
import { pageFilters } from '~/lib/params.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? 'Đơn vị'} · egov-pulse` }]

const CASES_SHOWN = 100

const GROUP_VI: Record<string, string> = {
  timeliness: 'Giải quyết đúng hạn',
  online: 'Nộp hồ sơ trực tuyến',
  payment: 'Thanh toán trực tuyến',
  digitisation: 'Số hóa hồ sơ',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const level = params.level
  const code = params.code ?? ''
  if (level !== 'province' && level !== 'ministry') throw new HttpError(404, 'no such level')
  const { period, structure, problem } = pageFilters(new URL(request.url))
  const unit = await getUnit(level, structure, code)
  if (!unit) throw new HttpError(404, `no ${level} unit ${code}`)
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  const grain = grainFor(days)
  const cases = mayReadCases(user, level, code, structure)
  const [units, trend, overdue] = await Promise.all([
    getUnits({ level, structure, period }),
    getTrend({ level, unit: code, structure, period, grain }),
    cases ? getOverdue({ level, unit: code, structure, period, limit: CASES_SHOWN, offset: 0 }) : Promise.resolve(null),
  ])
  const row = units.find((u) => u.code === code)
  if (!row) throw new HttpError(404, `no ${level} unit ${code}`)
  const groups = unitIndexGroups(row)
  const t = dossierTrendChart(trend, grain, `Hồ sơ tiếp nhận, đã giải quyết và tỷ lệ đúng hạn của ${unit.name} ${GRAIN_VI[grain]}`, {
    short: (d) => periodLabel(d, grain),
    long: (d) => periodLabelLong(d, grain),
  })
  return {
    user: { name: user.name, role: user.role },
    f: { from: period.from, to: period.to, structure, problem },
    T: period.T.toISOString(),
    level: level as 'province' | 'ministry',
    unit,
    row,
    ranked: units.filter((u) => u.rank !== null).length,
    unitsOfLevel: units.length,
    groups: groups.map((g) => ({ key: g.key, name: GROUP_VI[g.key] ?? g.key, rate: g.rate, threshold: g.threshold, points: g.points, score: g.score })),
    available: groups.reduce((s, g) => s + g.points, 0),
    grain,
    trend: t,
    overdue,
    note: PARTIAL_INDEX_NOTE,
  }
}

const pts = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const pct0 = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 0 })

export default function Unit() {
  const d = useLoaderData<typeof loader>()
  const q = periodQuery(d.f)
  const r = d.row
  const noData = r.received + r.resolved + r.pending === 0
  const unitQ = `level=${d.level}&unit=${encodeURIComponent(d.unit.code)}&${q}`
  return (
    <Shell user={d.user}>
      <nav className="crumbs" aria-label="Vị trí">
        <Link to={`/?${q}`}>Tổng quan</Link> › <span>{LEVEL_VI[d.level]}</span>
      </nav>
      <div className="title-row">
        <h1>
          {d.unit.name} <span className="code">({d.unit.code})</span>
        </h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} />
      {noData ? <p className="empty">Không có hồ sơ nào của {d.unit.name} trong kỳ báo cáo này.</p> : null}
      <DossierKpis f={r} label={`Số liệu của ${d.unit.name}`} showIndex={false} />
      <p className="footnote">
        {fmtInt(r.closed_unresolved)} hồ sơ kết thúc không có kết quả (không được tiếp nhận, rút hồ sơ, dừng xử lý) trong kỳ. Hồ sơ đang xử lý và quá hạn tính tại
        thời điểm cuối kỳ.
      </p>

      <section className="card index-card" aria-labelledby="chi-so">
        <div className="card-head">
          <h2 id="chi-so">Chỉ số phục vụ (tạm tính)*</h2>
          <a className="export" href={`/api/v1/summary?${unitQ}&format=csv`}>
            Tải CSV
          </a>
        </div>
        {noData ? (
          <p className="empty">Chưa tính được chỉ số: không có hồ sơ nào trong kỳ.</p>
        ) : (
          <div className="index-head">
            <div className="index-value">{fmtDec(r.index)}</div>
            <div>
              {r.band ? <span className={bandClass(r.band)}>{r.band}</span> : null}
              <p className="index-rank">
                {r.rank !== null
                  ? `Hạng ${r.rank} trong ${fmtInt(d.ranked)} đơn vị được xếp hạng (${LEVEL_VI[d.level].toLowerCase()})`
                  : `Chưa xếp hạng: dưới 30 hồ sơ đã giải quyết trong kỳ (${fmtInt(r.resolved)}).`}
              </p>
            </div>
          </div>
        )}
        {noData ? null : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Các nhóm của chỉ số tạm tính</caption>
            <thead>
              <tr>
                <th scope="col">Nhóm</th>
                <th scope="col" className="num">Tỷ lệ</th>
                <th scope="col" className="num">Điểm</th>
                <th scope="col">Mức đạt</th>
                <th scope="col" className="num">Ngưỡng đạt điểm tối đa</th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">{g.name}</th>
                  <td className="num">{fmtPct(g.rate)}</td>
                  <td className="num">
                    {pts.format(g.score)} / {fmtInt(g.points)}
                  </td>
                  <td>
                    <RateBar rate={g.points === 0 ? null : g.score / g.points} label={`${pts.format(g.score)} trên ${g.points} điểm`} />
                  </td>
                  <td className="num">{pct0.format(g.threshold)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Cộng</th>
                <td />
                <td className="num">
                  {pts.format(d.groups.reduce((s, g) => s + g.score, 0))} / {fmtInt(d.available)}
                </td>
                <td colSpan={2}>
                  chỉ số = 100 × {pts.format(d.groups.reduce((s, g) => s + g.score, 0))} ÷ {fmtInt(d.available)} = {noData ? '—' : fmtDec(r.index)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        )}
        <p className="note">* {d.note}</p>
      </section>

      <section className="card">
        <ChartFigure
          chart={d.trend.chart}
          caption={
            <>
              Hồ sơ của {d.unit.name} {GRAIN_VI[d.grain]}: tiếp nhận, đã giải quyết và tỷ lệ giải quyết đúng hạn
            </>
          }
          empty={`Không có hồ sơ nào của ${d.unit.name} trong kỳ báo cáo để vẽ biểu đồ.`}
          table={d.trend.table}
          note={d.trend.chart ? 'Mỗi điểm là một ngày (kỳ đến 31 ngày), một tuần từ thứ Hai (kỳ đến 120 ngày) hoặc một tháng.' : undefined}
        />
      </section>

      <section className="card" aria-labelledby="qua-han">
        <div className="card-head">
          <h2 id="qua-han">Hồ sơ quá hạn{d.overdue ? ` (${fmtInt(d.overdue.total)})` : ''}</h2>
          {d.overdue && d.overdue.total > 0 ? (
            <a className="export" href={`/api/v1/overdue?${unitQ}&format=csv`}>
              Tải CSV ({fmtInt(d.overdue.total)} hồ sơ)
            </a>
          ) : null}
        </div>
        {d.overdue === null ? (
          <p className="empty">Danh sách hồ sơ chỉ hiển thị cho chính đơn vị này và người dùng cấp quốc gia.</p>
        ) : d.overdue.total === 0 ? (
          <p className="empty">Không có hồ sơ quá hạn tại thời điểm cuối kỳ.</p>
        ) : (
          <>
            <p className="footnote">
              Hồ sơ đang xử lý đã quá hạn tại thời điểm cuối kỳ, hạn sớm nhất trước.
              {d.overdue.total > d.overdue.cases.length ? ` Hiển thị ${fmtInt(d.overdue.cases.length)} trên ${fmtInt(d.overdue.total)} hồ sơ; tải CSV để xem đủ.` : ''}
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Mã hồ sơ</th>
                    <th scope="col" className="num">Quá hạn</th>
                    <th scope="col">Hạn xử lý</th>
                    <th scope="col">Tiếp nhận</th>
                    <th scope="col">Cơ quan</th>
                    <th scope="col">Thủ tục</th>
                  </tr>
                </thead>
                <tbody>
                  {d.overdue.cases.map((c) => (
                    <tr key={c.dossier_code}>
                      <th scope="row">
                        <Link to={`/ho-so/${encodeURIComponent(c.dossier_code)}?${q}`}>{c.dossier_code}</Link>
                      </th>
                      <td className="num overdue-days">{fmtInt(c.days_overdue)} ngày</td>
                      <td>
                        <When iso={c.due_at} />
                      </td>
                      <td>
                        <When iso={c.received_at} />
                      </td>
                      <td>
                        <code>{c.agency_code}</code>
                      </td>
                      <td>
                        <code>{c.procedure_code}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Shell>
  )
}

export function ErrorBoundary() {
  return (
    <ErrorPage
      messages={{
        404: 'Không có đơn vị này trong danh mục với địa giới đã chọn. Đơn vị của 63 tỉnh cũ chỉ có khi chọn địa giới "63 tỉnh, thành phố".',
        403: 'Bạn không có quyền xem số liệu này.',
      }}
    />
  )
}
