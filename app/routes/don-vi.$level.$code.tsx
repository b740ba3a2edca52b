// Một đơn vị (tỉnh, thành phố hoặc bộ, ngành): its figures with their change, its partial index with
// the four groups, its trend, and — for the unit itself and national users — its agencies, its
// procedures (most overdue, lowest on-time rate) and its overdue cases with agency names.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAgencyNames, getProcedures, getUnit, getUnitTrend, getUnitView } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ErrorPage } from '~/components/ErrorPage'
import { ChartFigure, RateBar } from '~/components/ChartFigure'
import { DataTable } from '~/components/DataTable'
import { Downloads } from '~/components/Downloads'
import { DossierKpis } from '~/components/Kpi'
import { PeriodFilter, PeriodText, periodQuery } from '~/components/PeriodFilter'
import { grainFor, When } from '~/components/Time'
import { RankMove, unitColumns, type UnitRow } from '~/components/UnitTable'
import { bandClass } from '~/components/format'
import { dict } from '~/i18n'
import { useT } from '~/i18n/use'
import { mayReadCases } from '~/lib/access.server'
import { HttpError } from '~/lib/http.server'
import { pageContext } from '~/lib/page.server'
import { drawWhenRead, trendView } from '~/lib/views.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? 'Đơn vị'} · egov-pulse` }]

const CASES_SHOWN = 100
const TOP = 10
/** Agencies shown at first, those with the most overdue dossiers; `?agencies=all` shows every one (ADR 011, session 18). */
const AGENCIES_SHOWN = 20

const GROUP: Record<'vi' | 'en', Record<string, string>> = {
  vi: { timeliness: 'Giải quyết đúng hạn', online: 'Nộp hồ sơ trực tuyến', payment: 'Thanh toán trực tuyến', digitisation: 'Số hóa hồ sơ' },
  en: { timeliness: 'Resolved on time', online: 'Submitted online', payment: 'Paid online', digitisation: 'Digitised' },
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, url, lang, filters, f, phone } = await pageContext(request)
  const { period, structure, compare } = filters
  const level = params.level
  const code = params.code ?? ''
  if (level !== 'province' && level !== 'ministry') throw new HttpError(404, 'no such level')
  const unit = await getUnit(level, structure, code)
  if (!unit) throw new HttpError(404, `no ${level} unit ${code}`)
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  const grain = grainFor(days)
  const drill = mayReadCases(user, level, code, structure)
  const q = { level: level as 'province' | 'ministry', unit: code, structure, period }
  const t = dict(lang)
  // the trend first: its chart is drawn while the other reads run
  const [{ trend, agencies }, view, procedures] = await Promise.all([
    drawWhenRead(getUnitTrend({ ...q, grain, agencies: drill }), ({ trend, agencies }) => ({ trend: trendView(trend, grain, unit.name, t, period.to, phone), agencies })),
    getUnitView({ ...q, compare, cases: drill ? { limit: CASES_SHOWN } : undefined }),
    drill ? getProcedures(q) : Promise.resolve(null),
  ])
  if (!view.row) throw new HttpError(404, `no ${level} unit ${code}`)
  const { overdue, ...figures } = view
  // the cases' agencies are the unit's, read with their names just now
  const names = overdue ? await getAgencyNames(overdue.cases.map((c) => c.agency_code), agencies ?? []) : {}
  const byOverdue = procedures ? [...procedures].filter((p) => p.overdue > 0).sort((a, b) => b.overdue - a.overdue || (a.code < b.code ? -1 : 1)).slice(0, TOP) : null
  const byOnTime = procedures
    ? [...procedures].filter((p) => p.on_time_rate !== null).sort((a, b) => a.on_time_rate! - b.on_time_rate! || b.resolved - a.resolved || (a.code < b.code ? -1 : 1)).slice(0, TOP)
    : null
  // the agencies needing attention first: most overdue, then most received
  const allAgencies = url.searchParams.get('agencies') === 'all'
  const byAttention = agencies ? [...agencies].sort((a, b) => b.overdue - a.overdue || b.received - a.received || (a.code < b.code ? -1 : 1)) : null
  return {
    user: { name: user.name, role: user.role },
    f,
    level: level as 'province' | 'ministry',
    unit,
    view: { ...figures, groups: figures.groups.map((g) => ({ ...g, name: GROUP[lang][g.key] ?? g.key })) },
    trend,
    overdue: overdue ? { ...overdue, cases: overdue.cases.map((c) => ({ ...c, agency_name: names[c.agency_code] ?? null })) } : null,
    agencies: byAttention ? { total: byAttention.length, rows: allAgencies ? byAttention : byAttention.slice(0, AGENCIES_SHOWN) } : null,
    procedures: procedures ? { total: procedures.length, byOverdue: byOverdue!, byOnTime: byOnTime! } : null,
  }
}

export default function Unit() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const q = periodQuery(d.f)
  const r = d.view.row!
  const noData = r.received + r.resolved + r.pending === 0
  const unitQ = `level=${d.level}&unit=${encodeURIComponent(d.unit.code)}&${q}`
  const compare = d.f.compare !== null
  const en = t.lang === 'en'
  const pts = (n: number) => t.dec1(n)
  return (
    <Shell user={d.user}>
      <nav className="crumbs" aria-label={en ? 'Location' : 'Vị trí'}>
        <Link to={`/?${q}`}>{t.nav.home}</Link> › <span>{t.levelName[d.level]}</span>
      </nav>
      <div className="title-row">
        <h1>
          {d.unit.name} <span className="code">({d.unit.code})</span>
        </h1>
        <PeriodText f={d.f} />
      </div>
      <PeriodFilter f={d.f} />
      <p className="actions">
        <Link to={`/bao-cao?${unitQ}`}>{t.brief}</Link>
      </p>
      {noData ? <p className="empty">{t.emptyPeriod}</p> : null}
      <DossierKpis f={r} prev={r.previous ?? null} label={d.unit.name} showIndex={false} />
      <p className="footnote">
        {t.int(r.closed_unresolved)} {en ? 'dossiers closed without result in the period. Pending and overdue are read at the end of the period.' : 'hồ sơ kết thúc không có kết quả (không được tiếp nhận, rút hồ sơ, dừng xử lý) trong kỳ. Hồ sơ đang xử lý và quá hạn tính tại thời điểm cuối kỳ.'}
      </p>

      <section className="card index-card" aria-labelledby="chi-so">
        <div className="card-head">
          <h2 id="chi-so">{t.fig.index}</h2>
          <Downloads href={`/api/v1/summary?${unitQ}`} />
        </div>
        {noData ? (
          <p className="empty">{en ? 'No index: no dossiers in the period.' : 'Chưa tính được chỉ số: không có hồ sơ nào trong kỳ.'}</p>
        ) : (
          <>
            <div className="index-head">
              <div className="index-value">{t.dec(r.index)}</div>
              <div>
                {r.band ? <span className={bandClass(r.band)}>{t.bands[r.band] ?? r.band}</span> : null}
                <p className="index-rank">
                  {r.rank !== null
                    ? en
                      ? `Rank ${r.rank} of ${t.int(d.view.ranked)} ranked units`
                      : `Hạng ${r.rank} trong ${t.int(d.view.ranked)} đơn vị được xếp hạng (${t.levelName[d.level].toLowerCase()})`
                    : en
                      ? `Not ranked: fewer than 30 dossiers resolved in the period (${t.int(r.resolved)}).`
                      : `Chưa xếp hạng: dưới 30 hồ sơ đã giải quyết trong kỳ (${t.int(r.resolved)}).`}{' '}
                  {compare ? <RankMove rank={r.rank} before={r.rank_previous} /> : null}
                </p>
              </div>
            </div>
            <DataTable
              label={en ? 'Groups of the partial index' : 'Các nhóm của chỉ số tạm tính'}
              columns={[
                { key: 'name', head: en ? 'Group' : 'Nhóm', rowHeader: true, cell: (g) => g.name },
                { key: 'rate', head: en ? 'Rate' : 'Tỷ lệ', num: true, cell: (g) => t.pct(g.rate) },
                { key: 'score', head: en ? 'Points' : 'Điểm', num: true, cell: (g) => `${pts(g.score)} / ${t.int(g.points)}` },
                { key: 'bar', head: en ? 'Attained' : 'Mức đạt', narrowHide: true, cell: (g) => <RateBar rate={g.points === 0 ? null : g.score / g.points} label={`${pts(g.score)} / ${g.points}`} /> },
                { key: 'threshold', head: en ? 'Full points from' : 'Ngưỡng đạt điểm tối đa', num: true, narrowHide: true, cell: (g) => t.pct(g.threshold) },
              ]}
              rows={d.view.groups}
              rowKey={(g) => g.key}
              foot={
                <tr>
                  <th scope="row">{en ? 'Total' : 'Cộng'}</th>
                  <td className="num" />
                  <td className="num">
                    {pts(d.view.scored)} / {t.int(d.view.available)}
                  </td>
                  <td colSpan={2} className="narrow-hide">
                    {en ? 'index' : 'chỉ số'} = 100 × {pts(d.view.scored)} ÷ {t.int(d.view.available)} = {t.dec(r.index)}
                  </td>
                </tr>
              }
            />
          </>
        )}
        <p className="note">* {t.indexNote}</p>
      </section>

      <section className="card">
        <ChartFigure chart={d.trend.chart} caption={d.trend.caption} empty={t.noTrend} table={d.trend.table} note={d.trend.chart ? t.grainNote : undefined} />
      </section>

      {d.agencies === null ? (
        <section className="card">
          <p className="empty">{t.casesHidden}</p>
        </section>
      ) : (
        <>
          <section className="card" aria-labelledby="co-quan">
            <div className="card-head">
              <h2 id="co-quan">
                {t.unitAgencies} ({t.int(d.agencies.total)})
              </h2>
              <Downloads href={`/api/v1/agencies?${unitQ}`} />
            </div>
            <DataTable
              label={t.unitAgencies}
              columns={unitColumns<UnitRow>(t, { nameHead: t.col.agency, compare: false, code: true })}
              rows={d.agencies.rows}
              rowKey={(a) => a.code}
              empty={t.emptyUnits}
            />
            {d.agencies.total > d.agencies.rows.length ? (
              <p className="footnote">
                {t.agenciesShown(t.int(d.agencies.rows.length), t.int(d.agencies.total))}{' '}
                <Link to={`?${q}&agencies=all#co-quan`}>{t.agenciesAll(t.int(d.agencies.total))}</Link>
              </p>
            ) : null}
          </section>
          <section className="card" aria-labelledby="thu-tuc">
            <div className="card-head">
              <h2 id="thu-tuc">
                {t.unitProcedures} ({t.int(d.procedures!.total)})
              </h2>
              <Downloads href={`/api/v1/procedures?${unitQ}`} />
            </div>
            <div className="grid-2">
              {[
                { title: t.mostOverdue, rows: d.procedures!.byOverdue },
                { title: t.lowestOnTime, rows: d.procedures!.byOnTime },
              ].map((list) => (
                <div key={list.title}>
                  <h3>{list.title}</h3>
                  <DataTable
                    label={`${t.unitProcedures}: ${list.title}`}
                    columns={[
                      { key: 'code', head: t.col.procedure, rowHeader: true, cell: (p) => (p.name ? `${p.name} (${p.code})` : <code>{p.code}</code>) },
                      { key: 'overdue', head: t.col.overdue, num: true, cell: (p) => t.int(p.overdue) },
                      { key: 'resolved', head: t.col.resolved, num: true, cell: (p) => t.int(p.resolved) },
                      { key: 'on_time_rate', head: t.col.on_time_rate, num: true, cell: (p) => t.pct(p.on_time_rate) },
                    ]}
                    rows={list.rows}
                    rowKey={(p) => p.code}
                    empty={t.emptyPeriod}
                  />
                </div>
              ))}
            </div>
            <p className="footnote">{t.procedureNoName}</p>
          </section>
        </>
      )}

      <section className="card" aria-labelledby="qua-han">
        <div className="card-head">
          <h2 id="qua-han">
            {t.overdueCases}
            {d.overdue ? ` (${t.int(d.overdue.total)})` : ''}
          </h2>
          {d.overdue && d.overdue.total > 0 ? <Downloads href={`/api/v1/overdue?${unitQ}`} note={`(${t.int(d.overdue.total)})`} /> : null}
        </div>
        {d.overdue === null ? (
          <p className="empty">{t.casesHidden}</p>
        ) : (
          <DataTable
            label={t.overdueCases}
            columns={[
              { key: 'code', head: t.dossierCode, rowHeader: true, cell: (c) => <Link to={`/ho-so/${encodeURIComponent(c.dossier_code)}?${q}`}>{c.dossier_code}</Link> },
              { key: 'days', head: t.daysOverdue, num: true, className: 'overdue-days', cell: (c) => t.nDays(c.days_overdue) },
              { key: 'due', head: t.dueAt, narrowHide: true, cell: (c) => <When iso={c.due_at} /> },
              { key: 'received', head: t.receivedAt, narrowHide: true, cell: (c) => <When iso={c.received_at} /> },
              { key: 'agency', head: t.col.agency, className: 'wrap-name', cell: (c) => (c.agency_name ? <>{c.agency_name} <span className="code">{c.agency_code}</span></> : <code>{c.agency_code}</code>) },
              { key: 'procedure', head: t.col.procedure, narrowHide: true, cell: (c) => <code>{c.procedure_code}</code> },
            ]}
            rows={d.overdue.cases}
            rowKey={(c) => c.dossier_code}
            empty={t.noOverdue}
          />
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
