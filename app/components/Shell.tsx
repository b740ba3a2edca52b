import { Form, NavLink, useLocation } from '@remix-run/react'
import { CsrfField } from './CsrfField'

const PAGES = [
  { to: '/', text: 'Tổng quan', end: true },
  { to: '/van-ban', text: 'Văn bản điện tử', end: false },
  { to: '/ket-noi', text: 'Kết nối', end: false },
  { to: '/chat-luong', text: 'Chất lượng dữ liệu', end: false },
]

/** The period the user chose (from, to, structure), carried from page to page. */
function periodSearch(search: string): string {
  const here = new URLSearchParams(search)
  const keep = new URLSearchParams()
  for (const k of ['from', 'to', 'structure']) {
    const v = here.get(k)
    if (v) keep.set(k, v)
  }
  const s = keep.toString()
  return s ? `?${s}` : ''
}

export function Shell({ user, children }: { user: { name: string; role: string } | null; children: React.ReactNode }) {
  const location = useLocation()
  const search = periodSearch(location.search)
  return (
    <>
      <a className="skip" href="#noi-dung">
        Bỏ qua thanh điều hướng
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          <span className="brand-mark">egov-pulse</span>
          <span className="brand-sub">Theo dõi, điều hành Chính phủ điện tử</span>
        </a>
        <nav className="mainnav" aria-label="Trang">
          {PAGES.map((p) => (
            <NavLink key={p.to} to={{ pathname: p.to, search }} end={p.end}>
              {p.text}
            </NavLink>
          ))}
          {user?.role === 'admin' ? <NavLink to="/quan-tri">Quản trị</NavLink> : null}
        </nav>
        {user ? (
          <Form method="post" action="/logout" className="user">
            <CsrfField />
            <a href="/doi-mat-khau" title="Đổi mật khẩu">
              {user.name}
            </a>
            <button type="submit" className="link">
              Đăng xuất
            </button>
          </Form>
        ) : null}
      </header>
      <main className="page" id="noi-dung">
        {children}
      </main>
    </>
  )
}
