import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import styles from './styles.css?url'
import { csrfBinding } from './lib/auth.server'
import { csrfToken } from './lib/csrf.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return { csrf: csrfToken(await csrfBinding(request)) }
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const text =
    status === 404 ? 'Không tìm thấy trang.' : status === 403 ? 'Bạn không có quyền xem nội dung này.' : 'Đã có lỗi khi tải số liệu. Vui lòng thử lại sau.'
  return (
    <main className="page error-page">
      <h1>{status}</h1>
      <p>{text}</p>
      <p>
        <a href="/">Về trang tổng quan</a>
      </p>
    </main>
  )
}
