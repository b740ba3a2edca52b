// Chất lượng dữ liệu: what the figures could not use or used with a caveat: events of agencies not
// in the registry, rejected records, duplicate deliveries, late arrivals, and agencies gone silent.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getQuality, getSilentAgencies, getUnitList } from '~/data.server'
import { Shell } from '~/components/Shell'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter } from '~/components/PeriodFilter'
import { fmtDateTime, fmtDaysAgo, fmtDurationIn, When } from '~/components/Time'
import { DataTable } from '~/components/DataTable'
import { Downloads } from '~/components/Downloads'
import { useT } from '~/i18n/use'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { pageFilters } from '~/lib/params.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Chất lượng dữ liệu', 'Data quality')

const KIND_VI: Record<string, string> = { dossier: 'Hồ sơ', document: 'Văn bản', connection: 'Kết nối', agency: 'Danh mục cơ quan' }
const KINDS = ['dossier', 'document', 'connection'] as const
const DATA_KINDS = ['dossier', 'document'] as const
const kindName = (k: string) => KIND_VI[k] ?? k

/** Agencies with no event for at least this many days are counted as silent. */
const SILENT_DAYS = 7
const SILENT_SHOWN = 50

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const pf = pageFilters(new URL(request.url))
  const { problem } = pf
  const [qy, silence, provinces] = await Promise.all([
    getQuality({ lastSeen: false }),
    getSilentAgencies({ now: new Date(), days: SILENT_DAYS, shown: SILENT_SHOWN }),
    getUnitList('province', 'current'),
  ])
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]))

  // Unmapped agencies: one row per agency, events per kind.
  const unmappedBy = new Map<string, { agency_code: string; counts: Record<string, number>; total: number; last: string | null }>()
  for (const u of qy.unmapped) {
    const r = unmappedBy.get(u.agency_code) ?? { agency_code: u.agency_code, counts: {}, total: 0, last: null }
    r.counts[u.kind] = (r.counts[u.kind] ?? 0) + u.events
    r.total += u.events
    if (u.last_occurred_at && (!r.last || Date.parse(u.last_occurred_at) > Date.parse(r.last))) r.last = u.last_occurred_at
    unmappedBy.set(u.agency_code, r)
  }
  const unmapped = [...unmappedBy.values()].sort((a, b) => b.total - a.total || a.agency_code.localeCompare(b.agency_code))

  // Late arrivals: one row per province unit ('' = outside any province: central or unmapped).
  const lateBy = new Map<string, { unit: string; name: string; counts: Record<string, number>; total: number; max_delay_s: number }>()
  for (const l of qy.late_arrivals) {
    const key = l.unit ?? ''
    const r = lateBy.get(key) ?? { unit: key, name: key ? (provinceName.get(key) ?? key) : 'Cơ quan trung ương hoặc chưa có trong danh mục', counts: {}, total: 0, max_delay_s: 0 }
    r.counts[l.kind] = (r.counts[l.kind] ?? 0) + l.events
    r.total += l.events
    r.max_delay_s = Math.max(r.max_delay_s, l.max_delay_s)
    lateBy.set(key, r)
  }
  const late = [...lateBy.values()].sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit))


  const totals = Object.fromEntries(qy.totals.map((t) => [t.kind, t]))
  return {
    user: { name: user.name, role: user.role },
    f: { ...filtersView(pf, pageLang(request)), problem },
    totals: KINDS.map((k) => ({ kind: k, events: totals[k]?.events ?? 0, timed_by_arrival: totals[k]?.timed_by_arrival ?? 0 })),
    unmapped,
    unmappedEvents: unmapped.reduce((s, u) => s + u.total, 0),
    rejects: qy.rejects,
    rejectedRecords: qy.rejects.reduce((s, r) => s + r.records, 0),
    duplicates: qy.duplicates,
    duplicateCount: qy.duplicates.reduce((s, r) => s + r.duplicates, 0),
    late,
    lateEvents: late.reduce((s, r) => s + r.total, 0),
    silentCount: silence.silent,
    agenciesSeen: silence.agencies,
    silent: silence.longest.map((r) => ({ ...r, kinds: DATA_KINDS.filter((k) => r.kinds.includes(k)) })),
  }
}

const KIND_EN: Record<string, string> = { dossier: 'Dossiers', document: 'Documents', connection: 'Connections', agency: 'Agency registry' }

const WORDS = {
  vi: {
    title: 'Chất lượng dữ liệu', scope: 'Trên toàn bộ dữ liệu đã lưu',
    scopeNote: 'Các bảng của trang này tính trên toàn bộ sự kiện đã lưu, không theo kỳ báo cáo; kỳ đã chọn được giữ khi chuyển sang trang khác.',
    none: 'Chưa có sự kiện nào được lưu.', overall: 'Tổng quát', stored: (k: string) => `Sự kiện ${k.toLowerCase()} đã lưu`,
    unmappedEvents: 'Sự kiện của cơ quan ngoài danh mục', codes: (n: string) => `${n} mã cơ quan`, rejected: 'Bản ghi bị từ chối',
    dups: 'Bản ghi gửi trùng', dupsHint: 'đã nhận, chỉ lưu một lần', late: 'Sự kiện đến muộn quá 24 giờ', silent: 'Cơ quan im lặng',
    silentHint: (d: number) => `không có sự kiện từ ${d} ngày trở lên`,
    timedCard: 'Sự kiện hồ sơ lấy thời điểm theo lúc nhận', timedHint: 'đồng bộ không kèm ngày của trạng thái',
    timed: (n: string) => `${n} sự kiện hồ sơ không có ngày trạng thái từ hệ thống đồng bộ; thời điểm của chúng được lấy theo lúc nhận.`,
    unmapped: 'Cơ quan chưa có trong danh mục', unmappedNone: 'Mọi sự kiện đều thuộc cơ quan có trong danh mục.',
    unmappedNote: 'Sự kiện của các mã này được tính vào số liệu toàn quốc nhưng không tính cho đơn vị nào, cho đến khi danh mục có mã.',
    agencyCode: 'Mã cơ quan', total: 'Cộng', lastEvent: 'Sự kiện gần nhất', rejectsNone: 'Không có bản ghi nào bị từ chối.',
    kind: 'Loại', field: 'Trường', reason: 'Lý do', records: 'Số bản ghi', lastAt: 'Lần gần nhất', sourceLine: 'Nguồn, dòng', line: 'dòng',
    dupsNone: 'Không có bản ghi nào bị gửi trùng.', source: 'Nguồn', dupCount: 'Số bản ghi trùng',
    dupsNote: 'Bản ghi trùng mã sự kiện được xác nhận cho nguồn gửi nhưng chỉ lưu một lần, không làm sai số liệu.',
    lateTitle: 'Sự kiện đến muộn theo đơn vị', lateNone: 'Không có sự kiện nào đến muộn quá 24 giờ.',
    lateNote: 'Sự kiện được lưu sau thời điểm xảy ra hơn 24 giờ; theo tỉnh, thành phố (34 đơn vị từ 01/7/2025).', unit: 'Đơn vị', slowest: 'Chậm nhất',
    silentTitle: 'Cơ quan không còn gửi dữ liệu', noAgency: 'Chưa có cơ quan nào gửi sự kiện.', allRecent: (d: number) => `Mọi cơ quan đều có sự kiện trong ${d} ngày qua.`,
    silentNote: (n: string, of: string, d: number, shown: string | null) =>
      `${n} trên ${of} cơ quan đã từng gửi dữ liệu không có sự kiện nào từ ${d} ngày trở lên, lâu nhất trước${shown ? ` (hiển thị ${shown} cơ quan; tải CSV để xem đủ)` : ''}. Chỉ xét sự kiện hồ sơ và văn bản gửi đi; sự kiện kết nối không tính.`,
    dataKind: 'Loại dữ liệu', ago: 'Cách đây', lastIngested: 'Nhận gần nhất', events: 'Tổng sự kiện', outside: 'Cơ quan trung ương hoặc chưa có trong danh mục',
  },
  en: {
    title: 'Data quality', scope: 'Over all stored data',
    scopeNote: 'The tables of this page cover every stored event, not the reporting period; the period chosen is kept for the other pages.',
    none: 'No events stored yet.', overall: 'Overall', stored: (k: string) => `${k} events stored`,
    unmappedEvents: 'Events of agencies not in the registry', codes: (n: string) => `${n} agency codes`, rejected: 'Records rejected',
    dups: 'Duplicate records', dupsHint: 'acknowledged, stored once', late: 'Events arriving over 24 hours late', silent: 'Silent agencies',
    silentHint: (d: number) => `no event for ${d} days or more`,
    timedCard: 'Dossier events timed by arrival', timedHint: 'synced without the date of their status',
    timed: (n: string) => `${n} dossier events had no status date from the syncing system; they are timed by their arrival.`,
    unmapped: 'Agencies not in the registry', unmappedNone: 'Every event belongs to an agency in the registry.',
    unmappedNote: 'Events of these codes count in national figures but in no unit, until the registry has the code.',
    agencyCode: 'Agency code', total: 'Total', lastEvent: 'Last event', rejectsNone: 'No record was rejected.',
    kind: 'Kind', field: 'Field', reason: 'Reason', records: 'Records', lastAt: 'Last at', sourceLine: 'Source, line', line: 'line',
    dupsNone: 'No record was sent twice.', source: 'Source', dupCount: 'Duplicate records',
    dupsNote: 'Records with an event_id already stored are acknowledged to the sender but stored once; figures are not affected.',
    lateTitle: 'Late events by unit', lateNone: 'No event arrived more than 24 hours late.',
    lateNote: 'Events stored more than 24 hours after they happened; by province (the 34 units from 01/07/2025).', unit: 'Unit', slowest: 'Slowest',
    silentTitle: 'Agencies no longer sending data', noAgency: 'No agency has sent events yet.', allRecent: (d: number) => `Every agency has events in the last ${d} days.`,
    silentNote: (n: string, of: string, d: number, shown: string | null) =>
      `${n} of ${of} agencies that have sent data have had no event for ${d} days or more, longest first${shown ? ` (showing ${shown}; download the CSV for all)` : ''}. Only dossier events and documents sent count; connection events do not.`,
    dataKind: 'Data', ago: 'Since', lastIngested: 'Last received', events: 'Events', outside: 'Central agencies or not in the registry',
  },
}

export default function Quality() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const w = WORDS[t.lang]
  const kn = (k: string) => (t.lang === 'en' ? (KIND_EN[k] ?? k) : kindName(k))
  const stored = d.totals.reduce((s, x) => s + x.events, 0)
  const timed = d.totals.find((x) => x.kind === 'dossier')?.timed_by_arrival ?? 0
  const dl = (table: string) => <Downloads href={`/api/v1/quality?table=${table}`} />
  const kindCols = <R extends { counts: Record<string, number> }>() =>
    KINDS.map((k) => ({ key: k, head: kn(k), num: true, narrowHide: k === 'connection', cell: (r: R) => (r.counts[k] ? t.int(r.counts[k]) : '—') }))
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>{w.title}</h1>
        <p className="period">{w.scope}</p>
      </div>
      <PeriodFilter f={d.f} />
      <p className="note">{w.scopeNote}</p>
      {stored === 0 ? <p className="empty">{w.none}</p> : null}
      <section className="kpis" aria-label={w.overall}>
        {d.totals.map((x) => (
          <Kpi key={x.kind} label={w.stored(kn(x.kind))} value={t.int(x.events)} />
        ))}
        <Kpi label={w.unmappedEvents} value={t.int(d.unmappedEvents)} hint={w.codes(t.int(d.unmapped.length))} tone={d.unmappedEvents > 0 ? 'warn' : undefined} />
        <Kpi label={w.rejected} value={t.int(d.rejectedRecords)} tone={d.rejectedRecords > 0 ? 'warn' : undefined} />
        <Kpi label={w.dups} value={t.int(d.duplicateCount)} hint={w.dupsHint} />
        <Kpi label={w.late} value={t.int(d.lateEvents)} />
        <Kpi label={w.timedCard} value={t.int(timed)} hint={w.timedHint} tone={timed > 0 ? 'warn' : undefined} />
        <Kpi label={w.silent} value={t.int(d.silentCount)} hint={w.silentHint(SILENT_DAYS)} tone={d.silentCount > 0 ? 'warn' : undefined} />
      </section>
      {timed > 0 ? <p className="note">{w.timed(t.int(timed))}</p> : null}

      <section className="card" aria-labelledby="ngoai-danh-muc">
        <div className="card-head">
          <h2 id="ngoai-danh-muc">{w.unmapped}</h2>
          {dl('unmapped')}
        </div>
        {d.unmapped.length > 0 ? <p className="footnote">{w.unmappedNote}</p> : null}
        <DataTable
          label={w.unmapped}
          columns={[
            { key: 'code', head: w.agencyCode, rowHeader: true, cell: (u) => <code>{u.agency_code}</code> },
            ...kindCols<(typeof d.unmapped)[number]>(),
            { key: 'total', head: w.total, num: true, cell: (u) => t.int(u.total) },
            { key: 'last', head: w.lastEvent, narrowHide: true, cell: (u) => <When iso={u.last} /> },
          ]}
          rows={d.unmapped}
          rowKey={(u) => u.agency_code}
          empty={w.unmappedNone}
        />
      </section>

      <section className="card" aria-labelledby="tu-choi">
        <div className="card-head">
          <h2 id="tu-choi">{w.rejected}</h2>
          {dl('rejects')}
        </div>
        <DataTable
          label={w.rejected}
          columns={[
            { key: 'kind', head: w.kind, rowHeader: true, cell: (r) => kn(r.kind) },
            { key: 'field', head: w.field, cell: (r) => <code>{r.field}</code> },
            { key: 'reason', head: w.reason, className: 'wrap', cell: (r) => r.reason },
            { key: 'records', head: w.records, num: true, cell: (r) => t.int(r.records) },
            { key: 'last', head: w.lastAt, narrowHide: true, cell: (r) => <When iso={r.last_at} /> },
            { key: 'src', head: w.sourceLine, narrowHide: true, className: 'muted', cell: (r) => `${r.last_source}${r.last_line ? `, ${w.line} ${t.int(r.last_line)}` : ''}` },
          ]}
          rows={d.rejects}
          rowKey={(_r, i) => String(i)}
          empty={w.rejectsNone}
        />
      </section>

      <section className="card" aria-labelledby="trung-lap">
        <div className="card-head">
          <h2 id="trung-lap">{w.dups}</h2>
          {dl('duplicates')}
        </div>
        <DataTable
          label={w.dups}
          columns={[
            { key: 'kind', head: w.kind, rowHeader: true, cell: (r) => kn(r.kind) },
            { key: 'source', head: w.source, className: 'wrap-name', cell: (r) => r.source },
            { key: 'n', head: w.dupCount, num: true, cell: (r) => t.int(r.duplicates) },
            { key: 'last', head: w.lastAt, narrowHide: true, cell: (r) => <When iso={r.last_at} /> },
          ]}
          rows={d.duplicates}
          rowKey={(_r, i) => String(i)}
          empty={w.dupsNone}
        />
        <p className="footnote">{w.dupsNote}</p>
      </section>

      <section className="card" aria-labelledby="den-muon">
        <div className="card-head">
          <h2 id="den-muon">{w.lateTitle}</h2>
          {dl('late_arrivals')}
        </div>
        {d.late.length > 0 ? <p className="footnote">{w.lateNote}</p> : null}
        <DataTable
          label={w.lateTitle}
          columns={[
            { key: 'unit', head: w.unit, rowHeader: true, className: 'wrap-name', cell: (r) => (r.unit ? r.name : w.outside) },
            ...kindCols<(typeof d.late)[number]>(),
            { key: 'total', head: w.total, num: true, cell: (r) => t.int(r.total) },
            { key: 'max', head: w.slowest, num: true, narrowHide: true, cell: (r) => fmtDurationIn(r.max_delay_s, t.lang) },
          ]}
          rows={d.late}
          rowKey={(r) => r.unit}
          empty={w.lateNone}
        />
      </section>

      <section className="card" aria-labelledby="im-lang">
        <div className="card-head">
          <h2 id="im-lang">{w.silentTitle}</h2>
          {dl('last_seen')}
        </div>
        {d.silent.length > 0 ? (
          <p className="footnote">{w.silentNote(t.int(d.silentCount), t.int(d.agenciesSeen), SILENT_DAYS, d.silentCount > d.silent.length ? t.int(d.silent.length) : null)}</p>
        ) : null}
        <DataTable
          label={w.silentTitle}
          columns={[
            { key: 'code', head: w.agencyCode, rowHeader: true, cell: (r) => <code>{r.agency_code}</code> },
            { key: 'kinds', head: w.dataKind, narrowHide: true, cell: (r) => r.kinds.map(kn).join(', ') },
            { key: 'last', head: w.lastEvent, narrowHide: true, cell: (r) => fmtDateTime(r.last_occurred_at) },
            { key: 'ago', head: w.ago, num: true, className: 'warn', cell: (r) => (t.lang === 'en' ? (r.days === null ? '—' : `${t.int(r.days)} days`) : fmtDaysAgo(r.days)) },
            { key: 'ingested', head: w.lastIngested, narrowHide: true, cell: (r) => fmtDateTime(r.last_ingested_at) },
            { key: 'events', head: w.events, num: true, cell: (r) => t.int(r.events) },
          ]}
          rows={d.silent}
          rowKey={(r) => r.agency_code}
          empty={d.agenciesSeen === 0 ? w.noAgency : w.allRecent(SILENT_DAYS)}
        />
      </section>
    </Shell>
  )
}
