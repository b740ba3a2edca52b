// Chất lượng dữ liệu: what the figures could not use or used with a caveat: events of agencies not
// in the registry, rejected records, duplicate deliveries, late arrivals, and agencies gone silent.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getQuality, getUnitList } from '~/data.server'
import { Shell } from '~/components/Shell'
import { Kpi } from '~/components/Kpi'
import { PeriodFilter } from '~/components/PeriodFilter'
import { fmtDateTime, fmtDaysAgo, fmtDuration, When } from '~/components/Time'
import { fmtInt } from '~/components/format'
import { requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { filtersView } from '~/lib/page.server'
import { pageLang } from '~/lib/lang.server'
import { pageFilters } from '~/lib/params.server'

export const meta: MetaFunction = () => [{ title: 'Chất lượng dữ liệu · egov-pulse' }]

const KIND_VI: Record<string, string> = { dossier: 'Hồ sơ', document: 'Văn bản', connection: 'Kết nối', agency: 'Danh mục cơ quan' }
const KINDS = ['dossier', 'document', 'connection'] as const
const DATA_KINDS = ['dossier', 'document'] as const
const kindName = (k: string) => KIND_VI[k] ?? k

/** Agencies with no event for at least this many days are counted as silent. */
const SILENT_DAYS = 7
const SILENT_SHOWN = 50
const DAY_MS = 86_400_000

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const pf = pageFilters(new URL(request.url))
  const { period, structure, problem } = pf
  const [qy, provinces] = await Promise.all([getQuality(), getUnitList('province', 'current')])
  const now = Date.now()
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

  // Silence: per agency, the latest dossier or document event it sent, oldest first. Connection
  // events are left out: they say that an agency was (dis)connected, not that it sends data.
  const seenBy = new Map<string, { agency_code: string; kinds: string[]; events: number; last_occurred_at: string | null; last_ingested_at: string | null }>()
  const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b)
  for (const s of qy.last_seen) {
    if (s.kind !== 'dossier' && s.kind !== 'document') continue
    const r = seenBy.get(s.agency_code) ?? { agency_code: s.agency_code, kinds: [], events: 0, last_occurred_at: null, last_ingested_at: null }
    r.kinds.push(s.kind)
    r.events += s.events
    r.last_occurred_at = later(r.last_occurred_at, s.last_occurred_at)
    r.last_ingested_at = later(r.last_ingested_at, s.last_ingested_at)
    seenBy.set(s.agency_code, r)
  }
  const daysSince = (iso: string | null) => (iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS)) : null)
  const seen = [...seenBy.values()]
    .map((r) => ({ ...r, kinds: DATA_KINDS.filter((k) => r.kinds.includes(k)), days: daysSince(r.last_occurred_at), days_ingested: daysSince(r.last_ingested_at) }))
    .sort((a, b) => (b.days ?? 0) - (a.days ?? 0) || a.agency_code.localeCompare(b.agency_code))
  const silent = seen.filter((r) => (r.days ?? 0) >= SILENT_DAYS)

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
    silentCount: silent.length,
    agenciesSeen: seen.length,
    silent: silent.slice(0, SILENT_SHOWN),
  }
}

function Csv({ table }: { table: string }) {
  return (
    <a className="export" href={`/api/v1/quality?format=csv&table=${table}`}>
      Tải CSV
    </a>
  )
}

export default function Quality() {
  const d = useLoaderData<typeof loader>()
  const stored = d.totals.reduce((s, t) => s + t.events, 0)
  const timed = d.totals.find((t) => t.kind === 'dossier')?.timed_by_arrival ?? 0
  return (
    <Shell user={d.user}>
      <div className="title-row">
        <h1>Chất lượng dữ liệu</h1>
        <p className="period">Trên toàn bộ dữ liệu đã lưu</p>
      </div>
      <PeriodFilter f={d.f} />
      <p className="note">Các bảng của trang này tính trên toàn bộ sự kiện đã lưu, không theo kỳ báo cáo; kỳ đã chọn được giữ khi chuyển sang trang khác.</p>
      {stored === 0 ? <p className="empty">Chưa có sự kiện nào được lưu.</p> : null}
      <section className="kpis" aria-label="Tổng quát">
        {d.totals.map((t) => (
          <Kpi key={t.kind} label={`Sự kiện ${kindName(t.kind).toLowerCase()} đã lưu`} value={fmtInt(t.events)} />
        ))}
        <Kpi label="Sự kiện của cơ quan ngoài danh mục" value={fmtInt(d.unmappedEvents)} hint={`${fmtInt(d.unmapped.length)} mã cơ quan`} tone={d.unmappedEvents > 0 ? 'warn' : undefined} />
        <Kpi label="Bản ghi bị từ chối" value={fmtInt(d.rejectedRecords)} tone={d.rejectedRecords > 0 ? 'warn' : undefined} />
        <Kpi label="Bản ghi gửi trùng" value={fmtInt(d.duplicateCount)} hint="đã nhận, chỉ lưu một lần" />
        <Kpi label="Sự kiện đến muộn quá 24 giờ" value={fmtInt(d.lateEvents)} />
        <Kpi label="Cơ quan im lặng" value={fmtInt(d.silentCount)} hint={`không có sự kiện từ ${SILENT_DAYS} ngày trở lên`} tone={d.silentCount > 0 ? 'warn' : undefined} />
      </section>
      {timed > 0 ? (
        <p className="note">{fmtInt(timed)} sự kiện hồ sơ không có ngày trạng thái từ hệ thống đồng bộ; thời điểm của chúng được lấy theo lúc nhận.</p>
      ) : null}

      <section className="card" aria-labelledby="ngoai-danh-muc">
        <div className="card-head">
          <h2 id="ngoai-danh-muc">Cơ quan chưa có trong danh mục</h2>
          <Csv table="unmapped" />
        </div>
        {d.unmapped.length === 0 ? (
          <p className="empty">Mọi sự kiện đều thuộc cơ quan có trong danh mục.</p>
        ) : (
          <>
            <p className="footnote">Sự kiện của các mã này được tính vào số liệu toàn quốc nhưng không tính cho đơn vị nào, cho đến khi danh mục có mã.</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Mã cơ quan</th>
                    {KINDS.map((k) => (
                      <th key={k} scope="col" className="num">
                        {kindName(k)}
                      </th>
                    ))}
                    <th scope="col" className="num">Cộng</th>
                    <th scope="col">Sự kiện gần nhất</th>
                  </tr>
                </thead>
                <tbody>
                  {d.unmapped.map((u) => (
                    <tr key={u.agency_code}>
                      <th scope="row">
                        <code>{u.agency_code}</code>
                      </th>
                      {KINDS.map((k) => (
                        <td key={k} className="num">
                          {u.counts[k] ? fmtInt(u.counts[k]) : '—'}
                        </td>
                      ))}
                      <td className="num">{fmtInt(u.total)}</td>
                      <td>
                        <When iso={u.last} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="tu-choi">
        <div className="card-head">
          <h2 id="tu-choi">Bản ghi bị từ chối</h2>
          <Csv table="rejects" />
        </div>
        {d.rejects.length === 0 ? (
          <p className="empty">Không có bản ghi nào bị từ chối.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Loại</th>
                  <th scope="col">Trường</th>
                  <th scope="col">Lý do</th>
                  <th scope="col" className="num">Số bản ghi</th>
                  <th scope="col">Lần gần nhất</th>
                  <th scope="col">Nguồn, dòng</th>
                </tr>
              </thead>
              <tbody>
                {d.rejects.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{kindName(r.kind)}</th>
                    <td>
                      <code>{r.field}</code>
                    </td>
                    <td className="wrap">{r.reason}</td>
                    <td className="num">{fmtInt(r.records)}</td>
                    <td>
                      <When iso={r.last_at} />
                    </td>
                    <td className="muted">
                      {r.last_source}
                      {r.last_line ? `, dòng ${fmtInt(r.last_line)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="trung-lap">
        <div className="card-head">
          <h2 id="trung-lap">Bản ghi gửi trùng</h2>
          <Csv table="duplicates" />
        </div>
        {d.duplicates.length === 0 ? (
          <p className="empty">Không có bản ghi nào bị gửi trùng.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Loại</th>
                  <th scope="col">Nguồn</th>
                  <th scope="col" className="num">Số bản ghi trùng</th>
                  <th scope="col">Lần gần nhất</th>
                </tr>
              </thead>
              <tbody>
                {d.duplicates.map((r, i) => (
                  <tr key={i}>
                    <th scope="row">{kindName(r.kind)}</th>
                    <td>{r.source}</td>
                    <td className="num">{fmtInt(r.duplicates)}</td>
                    <td>
                      <When iso={r.last_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="footnote">Bản ghi trùng mã sự kiện được xác nhận cho nguồn gửi nhưng chỉ lưu một lần, không làm sai số liệu.</p>
      </section>

      <section className="card" aria-labelledby="den-muon">
        <div className="card-head">
          <h2 id="den-muon">Sự kiện đến muộn theo đơn vị</h2>
          <Csv table="late_arrivals" />
        </div>
        {d.late.length === 0 ? (
          <p className="empty">Không có sự kiện nào đến muộn quá 24 giờ.</p>
        ) : (
          <>
            <p className="footnote">Sự kiện được lưu sau thời điểm xảy ra hơn 24 giờ; theo tỉnh, thành phố (34 đơn vị từ 01/7/2025).</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Đơn vị</th>
                    {KINDS.map((k) => (
                      <th key={k} scope="col" className="num">
                        {kindName(k)}
                      </th>
                    ))}
                    <th scope="col" className="num">Cộng</th>
                    <th scope="col" className="num">Chậm nhất</th>
                  </tr>
                </thead>
                <tbody>
                  {d.late.map((r) => (
                    <tr key={r.unit}>
                      <th scope="row">{r.name}</th>
                      {KINDS.map((k) => (
                        <td key={k} className="num">
                          {r.counts[k] ? fmtInt(r.counts[k]) : '—'}
                        </td>
                      ))}
                      <td className="num">{fmtInt(r.total)}</td>
                      <td className="num">{fmtDuration(r.max_delay_s)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="im-lang">
        <div className="card-head">
          <h2 id="im-lang">Cơ quan không còn gửi dữ liệu</h2>
          <Csv table="last_seen" />
        </div>
        {d.silent.length === 0 ? (
          <p className="empty">
            {d.agenciesSeen === 0 ? 'Chưa có cơ quan nào gửi sự kiện.' : `Mọi cơ quan đều có sự kiện trong ${SILENT_DAYS} ngày qua.`}
          </p>
        ) : (
          <>
            <p className="footnote">
              {fmtInt(d.silentCount)} trên {fmtInt(d.agenciesSeen)} cơ quan đã từng gửi dữ liệu không có sự kiện nào từ {SILENT_DAYS} ngày trở lên, lâu nhất trước
              {d.silentCount > d.silent.length ? ` (hiển thị ${fmtInt(d.silent.length)} cơ quan; tải CSV để xem đủ)` : ''}. Chỉ xét sự kiện hồ sơ và văn bản gửi đi; sự kiện kết nối không tính.
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Mã cơ quan</th>
                    <th scope="col">Loại dữ liệu</th>
                    <th scope="col">Sự kiện gần nhất</th>
                    <th scope="col" className="num">Cách đây</th>
                    <th scope="col">Nhận gần nhất</th>
                    <th scope="col" className="num">Tổng sự kiện</th>
                  </tr>
                </thead>
                <tbody>
                  {d.silent.map((r) => (
                    <tr key={r.agency_code}>
                      <th scope="row">
                        <code>{r.agency_code}</code>
                      </th>
                      <td>{r.kinds.map(kindName).join(', ')}</td>
                      <td>{fmtDateTime(r.last_occurred_at)}</td>
                      <td className="num warn">{fmtDaysAgo(r.days)}</td>
                      <td>{fmtDateTime(r.last_ingested_at)}</td>
                      <td className="num">{fmtInt(r.events)}</td>
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
