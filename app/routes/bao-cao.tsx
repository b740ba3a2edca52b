// Báo cáo họp: the meeting brief, print-ready A4, for the nation or one unit (level, unit), with
// the same filters as every page. National: figures with their change, the top and bottom five
// provinces and ministries, the map, the trend, the most overdue agencies. A unit: its figures,
// its agencies and its oldest overdue cases (for the unit itself and national users).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAgencyNames, getMostOverdueAgencies, getOverdue, getOverview, getSummaryView, getTrend, getUnit, getUnitTrend } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ChartFigure } from '~/components/ChartFigure'
import { DataTable } from '~/components/DataTable'
import { DossierKpis } from '~/components/Kpi'
import { PeriodFilter, periodQuery } from '~/components/PeriodFilter'
import { fmtDateTime, grainFor, When } from '~/components/Time'
import { unitColumns, unitHref, type UnitRow } from '~/components/UnitTable'
import { ErrorPage } from '~/components/ErrorPage'
import { dict } from '~/i18n'
import { useT } from '~/i18n/use'
import { mayReadCases } from '~/lib/access.server'
import { notFound } from '~/lib/http.server'
import { pageContext } from '~/lib/page.server'
import { levelParam, unitParam } from '~/lib/params.server'
import { drawWhenRead, mapView, trendView } from '~/lib/views.server'
import { chTime, isoVn } from '~/lib/domain'
import { titled } from '~/i18n/meta'

export const meta = titled('Báo cáo họp', 'Meeting brief')

const FIVE = 5
const TEN = 10

function topBottom<R extends { rank: number | null }>(units: R[]) {
  const ranked = units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!)
  return { top: ranked.slice(0, FIVE), bottom: ranked.slice(-FIVE).reverse(), ranked: ranked.length }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, url, lang, filters, f, phone } = await pageContext(request)
  const { period, structure, compare } = filters
  const t = dict(lang)
  const level = levelParam(url, ['national', 'province', 'ministry'], 'national')
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  const grain = grainFor(days)
  const made = fmtDateTime(isoVn(chTime(new Date()).slice(0, 26)))
  const base = { user: { name: user.name, role: user.role }, f, made }
  if (level === 'national') {
    // the trend first: its chart is drawn while the rest is read; the nation, provinces and ministries in one figure query
    const [trend, { national, provinces, ministries }, agencies] = await Promise.all([
      drawWhenRead(getTrend({ level, unit: '', structure, period, grain }), (points) =>
        trendView(points, grain, lang === 'en' ? 'the nation' : 'toàn quốc', t, period.to, phone),
      ),
      getOverview({ structure, period, compare }),
      getMostOverdueAgencies({ level: 'national', unit: '', structure, period, limit: TEN }),
    ])
    return {
      ...base,
      scope: { level: 'national' as const, code: '', name: lang === 'en' ? 'Viet Nam' : 'Toàn quốc' },
      figures: national,
      trend,
      map: mapView(provinces, structure, 'index', t, false), // printed: the wide drawing alone
      provinces: topBottom(provinces),
      ministries: topBottom(ministries),
      overdueAgencies: agencies,
      agencies: null,
      cases: null,
    }
  }
  const code = unitParam(url, level)
  const unit = await getUnit(level, structure, code)
  if (!unit) throw notFound(`unit: no ${level} unit ${code}`)
  const drill = mayReadCases(user, level, code, structure)
  const q = { level, unit: code, structure, period }
  const [{ trend, agencies }, figures, cases] = await Promise.all([
    drawWhenRead(getUnitTrend({ ...q, grain, agencies: drill }), ({ trend, agencies }) => ({ trend: trendView(trend, grain, unit.name, t, period.to, phone), agencies })),
    getSummaryView({ ...q, compare }),
    drill ? getOverdue({ ...q, limit: TEN, offset: 0 }) : Promise.resolve(null),
  ])
  // the cases' agencies are the unit's, read with their names just now
  const names = cases ? await getAgencyNames(cases.cases.map((c) => c.agency_code), agencies ?? []) : {}
  return {
    ...base,
    scope: { level, code, name: unit.name },
    figures,
    trend,
    map: null,
    provinces: null,
    ministries: null,
    overdueAgencies: null,
    agencies: agencies ? [...agencies].sort((a, b) => b.overdue - a.overdue || b.received - a.received || (a.code < b.code ? -1 : 1)).slice(0, TEN) : null,
    cases: cases ? { total: cases.total, rows: cases.cases.map((c) => ({ ...c, agency_name: names[c.agency_code] ?? null })) } : null,
  }
}

export default function Brief() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const en = t.lang === 'en'
  const q = periodQuery(d.f)
  const scopeQ = d.scope.level === 'national' ? '' : `level=${d.scope.level}&unit=${encodeURIComponent(d.scope.code)}&`
  const rankTable = (title: string, level: 'province' | 'ministry', rows: UnitRow[]) => (
    <div>
      <h3>{title}</h3>
      <DataTable
        label={title}
        columns={unitColumns<UnitRow>(t, { nameHead: t.levelName[level], link: (u) => unitHref(level, u.code, q), compare: d.f.compare !== null }).filter((c) =>
          ['rank', 'move', 'name', 'on_time_rate', 'overdue', 'index'].includes(c.key),
        )}
        rows={rows}
        rowKey={(u) => u.code}
        empty={en ? 'No unit ranked in the period.' : 'Chưa có đơn vị nào được xếp hạng trong kỳ.'}
      />
    </div>
  )
  return (
    <Shell user={d.user}>
      <article className="brief">
        <header className="brief-head">
          <h1>
            {t.briefTitle}: {d.scope.name}
          </h1>
          <p className="period">
            {t.period}: {t.day(d.f.from)} – {t.day(d.f.to)}
            {d.figures.previous ? ` (${t.comparedWith(t.day(d.figures.previous.from), t.day(d.figures.previous.to))})` : ''} · {t.briefMade(d.made)}
          </p>
        </header>
        <PeriodFilter f={d.f} hidden={d.scope.level === 'national' ? undefined : { level: d.scope.level, unit: d.scope.code }} />
        <p className="actions">
          <a href={`/bao-cao.pdf?${scopeQ}${q}`}>{t.pdf}</a>
          {d.scope.level !== 'national' ? (
            <>
              {' · '}
              <Link to={`${unitHref(d.scope.level, d.scope.code, q)}`}>{d.scope.name}</Link>
            </>
          ) : null}
        </p>
        <DossierKpis f={d.figures} prev={d.figures.previous ?? null} label={d.scope.name} />
        <p className="note">* {t.indexNote}</p>

        {d.provinces && d.ministries ? (
          <section className="card">
            <h2>{t.provinces}</h2>
            <div className="grid-2 even">
              {rankTable(t.top5, 'province', d.provinces.top)}
              {rankTable(t.bottom5, 'province', d.provinces.bottom)}
            </div>
            <h2>{t.ministries}</h2>
            <div className="grid-2 even">
              {rankTable(t.top5, 'ministry', d.ministries.top)}
              {rankTable(t.bottom5, 'ministry', d.ministries.bottom)}
            </div>
            <p className="footnote">{t.rankFootnote}</p>
          </section>
        ) : null}

        <div className={d.map ? "grid-2 brief-charts" : undefined}>
          <section className="card">
            <ChartFigure chart={d.trend.chart} caption={d.trend.caption} empty={t.noTrend} note={d.trend.chart ? t.grainNote : undefined} />
          </section>
          {d.map ? (
            <section className="card">
              <figure className="chart map">
                <figcaption>{d.map.label}</figcaption>
                <div className="map-svg" dangerouslySetInnerHTML={{ __html: d.map.svg }} />
                <ul className="legend">
                  {d.map.legend.map((l) => (
                    <li key={l.label}>
                      <span className="swatch" style={{ background: l.color }} aria-hidden="true" /> {l.label}
                    </li>
                  ))}
                </ul>
              </figure>
            </section>
          ) : null}
        </div>

        {d.overdueAgencies ? (
          <section className="card">
            <h2>{en ? 'Agencies with the most overdue dossiers' : 'Cơ quan có nhiều hồ sơ quá hạn nhất'}</h2>
            <DataTable
              label={en ? 'Agencies with the most overdue dossiers' : 'Cơ quan có nhiều hồ sơ quá hạn nhất'}
              columns={[
                { key: 'name', head: t.col.agency, rowHeader: true, className: 'wrap-name', cell: (a) => <>{a.name ?? a.code} <span className="code">{a.code}</span></> },
                { key: 'overdue', head: t.col.overdue, num: true, cell: (a) => t.int(a.overdue) },
              ]}
              rows={d.overdueAgencies}
              rowKey={(a) => a.code}
              empty={t.noOverdue}
            />
          </section>
        ) : null}

        {d.scope.level !== 'national' ? (
          d.agencies === null ? (
            <section className="card">
              <p className="empty">{t.casesHidden}</p>
            </section>
          ) : (
            <>
              <section className="card">
                <h2>{t.unitAgencies}</h2>
                <DataTable
                  label={t.unitAgencies}
                  columns={unitColumns<UnitRow>(t, { nameHead: t.col.agency, compare: false, code: true }).filter((c) => ['name', 'received', 'resolved', 'on_time_rate', 'pending', 'overdue', 'index'].includes(c.key))}
                  rows={d.agencies}
                  rowKey={(a) => a.code}
                  empty={t.emptyUnits}
                />
              </section>
              <section className="card">
                <h2>
                  {en ? 'Oldest overdue dossiers' : 'Hồ sơ quá hạn lâu nhất'} ({t.int(d.cases!.total)})
                </h2>
                <DataTable
                  label={en ? 'Oldest overdue dossiers' : 'Hồ sơ quá hạn lâu nhất'}
                  columns={[
                    { key: 'code', head: t.dossierCode, rowHeader: true, cell: (c) => <Link to={`/ho-so/${encodeURIComponent(c.dossier_code)}?${q}`}>{c.dossier_code}</Link> },
                    { key: 'days', head: t.daysOverdue, num: true, cell: (c) => t.nDays(c.days_overdue) },
                    { key: 'due', head: t.dueAt, narrowHide: true, cell: (c) => <When iso={c.due_at} /> },
                    { key: 'agency', head: t.col.agency, className: 'wrap-name', cell: (c) => c.agency_name ?? c.agency_code },
                    { key: 'procedure', head: t.col.procedure, narrowHide: true, cell: (c) => <code>{c.procedure_code}</code> },
                  ]}
                  rows={d.cases!.rows}
                  rowKey={(c) => c.dossier_code}
                  empty={t.noOverdue}
                />
              </section>
            </>
          )
        ) : null}
        <p className="note brief-foot">
          * {t.indexNote} {t.briefMade(d.made)}.
        </p>
      </article>
    </Shell>
  )
}

export function ErrorBoundary() {
  return <ErrorPage messages={{ 404: 'Không có đơn vị này trong danh mục với địa giới đã chọn.', 403: 'Bạn không có quyền xem báo cáo này.' }} />
}
