// Một hồ sơ: its derived state and its events in order, each marked counted or not ("không tính"
// for events after the end). Only the owner agency's unit and national users may open it.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getAgencyNames, getDossier, getUnit } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ErrorPage } from '~/components/ErrorPage'
import { periodQuery } from '~/components/PeriodFilter'
import { fmtDateTime, When } from '~/components/Time'
import { unitHref } from '~/components/UnitTable'
import { DataTable } from '~/components/DataTable'
import { useT } from '~/i18n/use'
import { mayReadDossier, requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { HttpError } from '~/lib/http.server'
import { periodParam, structureParam } from '~/lib/params.server'
import { metaLang } from '~/i18n/meta'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${metaLang(matches) === 'en' ? 'Dossier' : 'Hồ sơ'} ${data?.code ?? ''} · egov-pulse` }]

/** reference/dossier-status.csv */
const STATUS_VI: Record<number, string> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
}
/** reference/channels.csv */
const CHANNEL_VI: Record<number, string> = { 1: 'Trực tiếp', 2: 'Trực tuyến', 3: 'Bưu chính công ích' }

const STATUS_EN: Record<number, string> = {
  1: 'Submitted', 2: 'Received', 3: 'Not accepted', 4: 'Processing', 5: 'Supplement requested', 6: 'Financial obligation requested',
  7: 'Withdrawn by applicant', 8: 'Processing stopped', 9: 'Resolved', 10: 'Result returned',
}
const CHANNEL_EN: Record<number, string> = { 1: 'In person', 2: 'Online', 3: 'Public postal service' }

type Lang = 'vi' | 'en'
const statusName = (s: number, lang: Lang) => (lang === 'en' ? (STATUS_EN[s] ?? `Status ${s}`) : (STATUS_VI[s] ?? `Trạng thái ${s}`))
const channelName = (c: number, lang: Lang) => (lang === 'en' ? CHANNEL_EN[c] : CHANNEL_VI[c]) ?? String(c)

const WORDS = {
  vi: {
    done: 'Đã giải quyết, đúng hạn', doneLate: 'Đã giải quyết, trễ hạn', closed: 'Kết thúc không có kết quả', notReceived: 'Chưa được tiếp nhận',
    overdue: 'Đang xử lý, đã quá hạn', pending: 'Đang xử lý, trong hạn', yes: 'Có', no: 'Không', where: 'Vị trí', home: 'Tổng quan', dossier: 'Hồ sơ',
    state: 'Tình trạng (tính từ các sự kiện được tính)', noState: 'Chưa xác định được tình trạng của hồ sơ này.', agency: 'Cơ quan xử lý',
    unregistered: 'chưa có trong danh mục', procedure: 'Thủ tục', received: 'Tiếp nhận', notYet: 'Chưa tiếp nhận', due: 'Hạn xử lý', end: 'Kết thúc',
    withResult: 'Có kết quả lúc', withoutResult: 'Không có kết quả lúc', notEnded: 'Chưa kết thúc', onTime: 'Đúng hạn', late: 'Trễ hạn',
    channel: 'Kênh nộp', paid: 'Thanh toán trực tuyến', digitized: 'Có thành phần số hóa', events: 'Các sự kiện',
    order: (n: string) => `Theo thứ tự thời điểm xảy ra. ${n} sự kiện được tính; sự kiện sau khi hồ sơ kết thúc vẫn được lưu nhưng`,
    notCounted: 'không tính', intoFigures: 'vào số liệu.', at: 'Thời điểm', status: 'Trạng thái', finished: 'Hoàn thành', ch: 'Kênh',
    paidShort: 'TT trực tuyến', dig: 'Số hóa', counted: 'Tính', ingested: 'Nhận lúc', source: 'Nguồn',
  },
  en: {
    done: 'Resolved, on time', doneLate: 'Resolved, late', closed: 'Closed without result', notReceived: 'Not received',
    overdue: 'Pending, overdue', pending: 'Pending, within its due date', yes: 'Yes', no: 'No', where: 'Location', home: 'Overview', dossier: 'Dossier',
    state: 'State (from the counted events)', noState: 'The state of this dossier could not be derived.', agency: 'Handling agency',
    unregistered: 'not in the registry', procedure: 'Procedure', received: 'Received', notYet: 'Not received', due: 'Due', end: 'Ended',
    withResult: 'With a result at', withoutResult: 'Without result at', notEnded: 'Not ended', onTime: 'On time', late: 'Late',
    channel: 'Channel', paid: 'Paid online', digitized: 'With digitised components', events: 'Events',
    order: (n: string) => `In the order they happened. ${n} events are counted; events after the dossier ended are stored but`,
    notCounted: 'not counted', intoFigures: 'in the figures.', at: 'Time', status: 'Status', finished: 'Finished', ch: 'Channel',
    paidShort: 'Paid online', dig: 'Digitised', counted: 'Counted', ingested: 'Stored at', source: 'Source',
  },
}
type Words = (typeof WORDS)['vi']

interface EventRow {
  event_id: string
  status: number
  occurred_at: string | null
  agency_code: string
  received_at: string | null
  due_at: string | null
  finished_at: string | null
  channel: number | null
  paid_online: boolean | null
  digitized: boolean | null
  source: string | null
  ingested_at: string | null
  counted: boolean
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const code = (params.code ?? '').normalize('NFC')
  if (code.length < 1 || [...code].length > 64) throw new HttpError(404, 'no such dossier')
  const d = await getDossier(code)
  if (!d) throw new HttpError(404, `no dossier ${code}`)
  const units = d.state?.units ?? { ministry: null, province: null, province_historical: null }
  if (!mayReadDossier(user, { ministry: units.ministry ?? null, province: units.province ?? null })) throw new HttpError(403, 'outside your scope')
  // The period the user came from, only to carry it back into the links (never to filter the dossier).
  const url = new URL(request.url)
  let back: { from: string; to: string; structure: 'current' | 'historical' } | null = null
  try {
    if (url.searchParams.get('from')) {
      const p = periodParam(url)
      back = { from: p.from, to: p.to, structure: structureParam(url) }
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
  }
  const [province, ministry, names] = await Promise.all([
    units.province ? getUnit('province', 'current', units.province) : Promise.resolve(null),
    units.ministry ? getUnit('ministry', 'current', units.ministry) : Promise.resolve(null),
    d.state ? getAgencyNames([d.state.owner_agency]) : Promise.resolve({} as Record<string, string>),
  ])
  return {
    user: { name: user.name, role: user.role },
    code,
    back,
    now: new Date().toISOString(),
    state: d.state,
    province,
    ministry,
    agencyName: d.state ? (names[d.state.owner_agency] ?? null) : null,
    events: (d.events as unknown as EventRow[]).map((e) => ({
      event_id: String(e.event_id),
      status: Number(e.status),
      occurred_at: e.occurred_at,
      agency_code: e.agency_code,
      received_at: e.received_at,
      due_at: e.due_at,
      finished_at: e.finished_at,
      channel: e.channel === null || e.channel === undefined ? null : Number(e.channel),
      paid_online: e.paid_online,
      digitized: e.digitized,
      source: e.source,
      ingested_at: e.ingested_at,
      counted: e.counted,
    })),
  }
}

type State = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['state']>

/** The derived state in words, and its tone. */
function stateText(s: State, nowIso: string, w: Words, lang: Lang): { text: string; tone: 'good' | 'warn' | 'bad' | 'muted' | 'info' } {
  if (s.finished) return s.on_time ? { text: w.done, tone: 'good' } : { text: w.doneLate, tone: 'warn' }
  if (s.ended_at) return { text: `${w.closed}: ${s.end_status ? statusName(s.end_status, lang) : ''}`.trim(), tone: 'muted' }
  if (!s.received) return { text: w.notReceived, tone: 'info' }
  if (s.due_at && Date.parse(s.due_at) < Date.parse(nowIso)) return { text: w.overdue, tone: 'bad' }
  return { text: w.pending, tone: 'info' }
}

export default function Dossier() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const w = WORDS[t.lang]
  const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? w.yes : w.no)
  const q = d.back ? periodQuery(d.back) : ''
  const s = d.state
  const st = s ? stateText(s, d.now, w, t.lang) : null
  const counted = d.events.filter((e) => e.counted).length
  return (
    <Shell user={d.user}>
      <nav className="crumbs" aria-label={w.where}>
        <Link to={q ? `/?${q}` : '/'}>{w.home}</Link>
        {d.province ? (
          <>
            {' › '}
            <Link to={unitHref('province', d.province.code, q)}>{d.province.name}</Link>
          </>
        ) : null}
        {d.ministry ? (
          <>
            {' › '}
            <Link to={unitHref('ministry', d.ministry.code, q)}>{d.ministry.name}</Link>
          </>
        ) : null}
        {' › '}
        <span>{w.dossier}</span>
      </nav>
      <div className="title-row">
        <h1>
          {w.dossier} <span className="mono">{d.code}</span>
        </h1>
        {st ? <span className={`state state-${st.tone}`}>{st.text}</span> : null}
      </div>

      <section className="card" aria-labelledby="tinh-trang">
        <h2 id="tinh-trang">{w.state}</h2>
        {s === null ? (
          <p className="empty">{w.noState}</p>
        ) : (
          <dl className="facts">
            <div>
              <dt>{w.agency}</dt>
              <dd>
                {d.agencyName ? `${d.agencyName} ` : null}
                <code>{s.owner_agency}</code>
                {d.province ? ` · ${d.province.name}` : d.ministry ? ` · ${d.ministry.name}` : ` · ${w.unregistered}`}
              </dd>
            </div>
            <div>
              <dt>{w.procedure}</dt>
              <dd>
                <code>{s.procedure_code}</code>
              </dd>
            </div>
            <div>
              <dt>{w.received}</dt>
              <dd>{s.received ? <When iso={s.received_at} /> : w.notYet}</dd>
            </div>
            <div>
              <dt>{w.due}</dt>
              <dd>
                <When iso={s.due_at} />
              </dd>
            </div>
            <div>
              <dt>{w.end}</dt>
              <dd>
                {s.finished ? (
                  <>
                    {w.withResult} <When iso={s.finished_at} />
                  </>
                ) : s.closed_at ? (
                  <>
                    {w.withoutResult} <When iso={s.closed_at} />
                  </>
                ) : (
                  w.notEnded
                )}
              </dd>
            </div>
            <div>
              <dt>{w.onTime}</dt>
              <dd>{s.on_time === null ? '—' : s.on_time ? w.onTime : w.late}</dd>
            </div>
            <div>
              <dt>{w.channel}</dt>
              <dd>{s.channel === null ? '—' : channelName(s.channel, t.lang)}</dd>
            </div>
            <div>
              <dt>{w.paid}</dt>
              <dd>{yesNo(s.paid_online)}</dd>
            </div>
            <div>
              <dt>{w.digitized}</dt>
              <dd>{yesNo(s.digitized)}</dd>
            </div>
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="su-kien">
        <div className="card-head">
          <h2 id="su-kien">
            {w.events} ({t.int(d.events.length)})
          </h2>
        </div>
        <p className="footnote">
          {w.order(t.int(counted))} <span className="not-counted-tag">{w.notCounted}</span> {w.intoFigures}
        </p>
        <DataTable
          label={w.events}
          rowClass={(e) => (e.counted ? undefined : 'not-counted')}
          columns={[
            { key: 'n', head: '#', num: true, cell: (_e, i) => i + 1 },
            { key: 'at', head: w.at, cell: (e) => <When iso={e.occurred_at} /> },
            { key: 'status', head: w.status, rowHeader: true, className: 'wrap-name', cell: (e) => <><span className="status-code">{e.status}</span> {statusName(e.status, t.lang)}</> },
            { key: 'agency', head: w.agency, narrowHide: true, cell: (e) => <code>{e.agency_code}</code> },
            { key: 'received', head: w.received, narrowHide: true, cell: (e) => (e.received_at ? fmtDateTime(e.received_at) : '') },
            { key: 'due', head: w.due, narrowHide: true, cell: (e) => (e.due_at ? fmtDateTime(e.due_at) : '') },
            { key: 'finished', head: w.finished, narrowHide: true, cell: (e) => (e.finished_at ? fmtDateTime(e.finished_at) : '') },
            { key: 'channel', head: w.ch, narrowHide: true, cell: (e) => (e.channel === null ? '' : channelName(e.channel, t.lang)) },
            { key: 'paid', head: w.paidShort, narrowHide: true, cell: (e) => (e.paid_online === null ? '' : yesNo(e.paid_online)) },
            { key: 'dig', head: w.dig, narrowHide: true, cell: (e) => (e.digitized === null ? '' : yesNo(e.digitized)) },
            { key: 'counted', head: w.counted, cell: (e) => (e.counted ? w.counted : <span className="not-counted-tag">{w.notCounted}</span>) },
            { key: 'ingested', head: w.ingested, narrowHide: true, className: 'muted', cell: (e) => <span title={e.source ? `${w.source}: ${e.source}` : undefined}>{e.ingested_at ? fmtDateTime(e.ingested_at) : ''}</span> },
          ]}
          rows={d.events}
          rowKey={(e) => e.event_id}
        />
      </section>
    </Shell>
  )
}

export function ErrorBoundary() {
  return (
    <ErrorPage
      messages={{
        404: 'Không tìm thấy hồ sơ có mã này.',
        403: 'Hồ sơ chỉ hiển thị cho đơn vị xử lý hồ sơ và người dùng cấp quốc gia.',
        other: 'Đã có lỗi khi tải hồ sơ. Vui lòng thử lại sau.',
      }}
    />
  )
}
