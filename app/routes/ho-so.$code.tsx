// Một hồ sơ: its derived state and its events in order, each marked counted or not ("không tính"
// for events after the end). Only the owner agency's unit and national users may open it.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getDossier, getUnit } from '~/data.server'
import { Shell } from '~/components/Shell'
import { ErrorPage } from '~/components/ErrorPage'
import { periodQuery } from '~/components/PeriodFilter'
import { fmtDateTime, When } from '~/components/Time'
import { unitHref } from '~/components/UnitTable'
import { fmtInt } from '~/components/format'
import { mayReadDossier, requireAggregates } from '~/lib/access.server'
import { requirePageUser } from '~/lib/auth.server'
import { HttpError } from '~/lib/http.server'
import { periodParam, structureParam } from '~/lib/params.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Hồ sơ ${data?.code ?? ''} · egov-pulse` }]

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

const statusName = (s: number) => STATUS_VI[s] ?? `Trạng thái ${s}`

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
  const [province, ministry] = await Promise.all([
    units.province ? getUnit('province', 'current', units.province) : Promise.resolve(null),
    units.ministry ? getUnit('ministry', 'current', units.ministry) : Promise.resolve(null),
  ])
  return {
    user: { name: user.name, role: user.role },
    code,
    back,
    now: new Date().toISOString(),
    state: d.state,
    province,
    ministry,
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
function stateText(s: State, nowIso: string): { text: string; tone: 'good' | 'warn' | 'bad' | 'muted' | 'info' } {
  if (s.finished) return s.on_time ? { text: 'Đã giải quyết, đúng hạn', tone: 'good' } : { text: 'Đã giải quyết, trễ hạn', tone: 'warn' }
  if (s.ended_at) return { text: `Kết thúc không có kết quả: ${s.end_status ? statusName(s.end_status) : ''}`.trim(), tone: 'muted' }
  if (!s.received) return { text: 'Chưa được tiếp nhận', tone: 'info' }
  if (s.due_at && Date.parse(s.due_at) < Date.parse(nowIso)) return { text: 'Đang xử lý, đã quá hạn', tone: 'bad' }
  return { text: 'Đang xử lý, trong hạn', tone: 'info' }
}

const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? '—' : v ? 'Có' : 'Không')

export default function Dossier() {
  const d = useLoaderData<typeof loader>()
  const q = d.back ? periodQuery(d.back) : ''
  const s = d.state
  const st = s ? stateText(s, d.now) : null
  const counted = d.events.filter((e) => e.counted).length
  return (
    <Shell user={d.user}>
      <nav className="crumbs" aria-label="Vị trí">
        <Link to={q ? `/?${q}` : '/'}>Tổng quan</Link>
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
        <span>Hồ sơ</span>
      </nav>
      <div className="title-row">
        <h1>
          Hồ sơ <span className="mono">{d.code}</span>
        </h1>
        {st ? <span className={`state state-${st.tone}`}>{st.text}</span> : null}
      </div>

      <section className="card" aria-labelledby="tinh-trang">
        <h2 id="tinh-trang">Tình trạng (tính từ các sự kiện được tính)</h2>
        {s === null ? (
          <p className="empty">Chưa xác định được tình trạng của hồ sơ này.</p>
        ) : (
          <dl className="facts">
            <div>
              <dt>Cơ quan xử lý</dt>
              <dd>
                <code>{s.owner_agency}</code>
                {d.province ? ` · ${d.province.name}` : d.ministry ? ` · ${d.ministry.name}` : ' · chưa có trong danh mục'}
              </dd>
            </div>
            <div>
              <dt>Thủ tục</dt>
              <dd>
                <code>{s.procedure_code}</code>
              </dd>
            </div>
            <div>
              <dt>Tiếp nhận</dt>
              <dd>{s.received ? <When iso={s.received_at} /> : 'Chưa tiếp nhận'}</dd>
            </div>
            <div>
              <dt>Hạn xử lý</dt>
              <dd>
                <When iso={s.due_at} />
              </dd>
            </div>
            <div>
              <dt>Kết thúc</dt>
              <dd>
                {s.finished ? (
                  <>
                    Có kết quả lúc <When iso={s.finished_at} />
                  </>
                ) : s.closed_at ? (
                  <>
                    Không có kết quả lúc <When iso={s.closed_at} />
                  </>
                ) : (
                  'Chưa kết thúc'
                )}
              </dd>
            </div>
            <div>
              <dt>Đúng hạn</dt>
              <dd>{s.on_time === null ? '—' : s.on_time ? 'Đúng hạn' : 'Trễ hạn'}</dd>
            </div>
            <div>
              <dt>Kênh nộp</dt>
              <dd>{s.channel === null ? '—' : (CHANNEL_VI[s.channel] ?? `Kênh ${s.channel}`)}</dd>
            </div>
            <div>
              <dt>Thanh toán trực tuyến</dt>
              <dd>{yesNo(s.paid_online)}</dd>
            </div>
            <div>
              <dt>Có thành phần số hóa</dt>
              <dd>{yesNo(s.digitized)}</dd>
            </div>
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="su-kien">
        <div className="card-head">
          <h2 id="su-kien">Các sự kiện ({fmtInt(d.events.length)})</h2>
        </div>
        <p className="footnote">
          Theo thứ tự thời điểm xảy ra. {fmtInt(counted)} sự kiện được tính; sự kiện sau khi hồ sơ kết thúc vẫn được lưu nhưng{' '}
          <span className="not-counted-tag">không tính</span> vào số liệu.
        </p>
        <div className="table-wrap">
          <table className="events">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">Thời điểm</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Tiếp nhận</th>
                <th scope="col">Hạn xử lý</th>
                <th scope="col">Hoàn thành</th>
                <th scope="col">Kênh</th>
                <th scope="col">TT trực tuyến</th>
                <th scope="col">Số hóa</th>
                <th scope="col">Tính</th>
                <th scope="col">Nhận lúc</th>
              </tr>
            </thead>
            <tbody>
              {d.events.map((e, i) => (
                <tr key={e.event_id} className={e.counted ? undefined : 'not-counted'}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <When iso={e.occurred_at} />
                  </td>
                  <th scope="row">
                    <span className="status-code">{e.status}</span> {statusName(e.status)}
                  </th>
                  <td>
                    <code>{e.agency_code}</code>
                  </td>
                  <td>{e.received_at ? fmtDateTime(e.received_at) : ''}</td>
                  <td>{e.due_at ? fmtDateTime(e.due_at) : ''}</td>
                  <td>{e.finished_at ? fmtDateTime(e.finished_at) : ''}</td>
                  <td>{e.channel === null ? '' : (CHANNEL_VI[e.channel] ?? String(e.channel))}</td>
                  <td>{e.paid_online === null ? '' : yesNo(e.paid_online)}</td>
                  <td>{e.digitized === null ? '' : yesNo(e.digitized)}</td>
                  <td>{e.counted ? 'Tính' : <span className="not-counted-tag">không tính</span>}</td>
                  <td className="muted" title={e.source ? `Nguồn: ${e.source}` : undefined}>
                    {e.ingested_at ? fmtDateTime(e.ingested_at) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
