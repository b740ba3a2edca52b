// The ranking table of one level's units (dossier figures, partial index, band), each unit
// linking to its drill-down page for the same period.
import { Link } from '@remix-run/react'
import { bandClass, fmtDec, fmtInt, fmtPct } from './format'

export interface UnitRow {
  code: string
  name: string
  received: number
  resolved: number
  on_time_rate: number | null
  pending: number
  overdue: number
  online_rate: number | null
  paid_online_rate: number | null
  digitized_rate: number | null
  index: number
  rank: number | null
  band: string | null
}

export const LEVEL_VI = { province: 'Tỉnh, thành phố', ministry: 'Bộ, ngành' } as const

export const unitHref = (level: 'province' | 'ministry', code: string, q: string) => `/don-vi/${level}/${encodeURIComponent(code)}?${q}`

export function UnitTable({
  caption,
  units,
  level,
  q,
  csvHref,
}: {
  caption: string
  units: UnitRow[]
  level: 'province' | 'ministry'
  /** The period's query string, carried into the drill-down links. */
  q: string
  csvHref: string
}) {
  const sorted = [...units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.received - a.received || a.code.localeCompare(b.code))
  const withData = units.filter((u) => u.received + u.resolved + u.pending > 0).length
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
        <>
          {withData === 0 ? <p className="empty">Không có hồ sơ nào của các đơn vị này trong kỳ báo cáo.</p> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">Hạng</th>
                  <th scope="col">{LEVEL_VI[level]}</th>
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
                {sorted.map((u) => {
                  const none = u.resolved + u.received === 0
                  return (
                    <tr key={u.code}>
                      <td className="num">{u.rank ?? '—'}</td>
                      <th scope="row">
                        <Link to={unitHref(level, u.code, q)}>{u.name}</Link>
                      </th>
                      <td className="num">{fmtInt(u.received)}</td>
                      <td className="num">{fmtInt(u.resolved)}</td>
                      <td className="num">{fmtPct(u.on_time_rate)}</td>
                      <td className="num">{fmtInt(u.pending)}</td>
                      <td className="num">{fmtInt(u.overdue)}</td>
                      <td className="num">{fmtPct(u.online_rate)}</td>
                      <td className="num">{fmtPct(u.paid_online_rate)}</td>
                      <td className="num">{fmtPct(u.digitized_rate)}</td>
                      <td className="num">{none ? '—' : fmtDec(u.index)}</td>
                      <td>{none || !u.band ? '—' : <span className={bandClass(u.band)}>{u.band}</span>}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="footnote">Hạng chỉ xét các đơn vị có từ 30 hồ sơ đã giải quyết trong kỳ. Chọn tên đơn vị để xem chi tiết.</p>
    </section>
  )
}
