import { Links, Meta, Outlet, Scripts, ScrollRestoration } from '@remix-run/react'
import { ErrorPage } from './components/ErrorPage'
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
  return <ErrorPage />
}
