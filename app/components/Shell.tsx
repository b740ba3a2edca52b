import { Form, NavLink } from '@remix-run/react'

export function Shell({ user, children }: { user: { name: string; role: string } | null; children: React.ReactNode }) {
  return (
    <>
      <header className="topbar">
        <a className="brand" href="/">
          <span className="brand-mark">egov-pulse</span>
          <span className="brand-sub">Theo dõi, điều hành Chính phủ điện tử</span>
        </a>
        <nav className="mainnav" aria-label="Trang">
          <NavLink to="/" end>
            Tổng quan
          </NavLink>
        </nav>
        {user ? (
          <Form method="post" action="/logout" className="user">
            <span title={user.role}>{user.name}</span>
            <button type="submit" className="link">
              Đăng xuất
            </button>
          </Form>
        ) : null}
      </header>
      <main className="page">{children}</main>
    </>
  )
}
