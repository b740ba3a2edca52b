import { useEffect } from 'react'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { ErrorPage } from './components/ErrorPage'
import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import styles from './styles.css?url'
import { csrfBinding, getPrincipal } from './lib/auth.server'
import { getFreshness } from './data.server'
import { csrfToken } from './lib/csrf.server'
import { pageLang } from './lib/lang.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = (await getPrincipal(request)) !== null
  const fresh = signedIn ? await getFreshness().catch(() => null) : null
  return { csrf: csrfToken(await csrfBinding(request)), lang: pageLang(request), fresh }
}

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: 'data:,' }, // no favicon request (and no 404 in the console)
]

export function Layout({ children }: { children: React.ReactNode }) {
  const lang = useRouteLoaderData<typeof loader>('root')?.lang ?? 'vi'
  return (
    <html lang={lang}>
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
  // marks the page as hydrated (browser tests wait for it before they look)
  useEffect(() => {
    document.documentElement.dataset.hydrated = '1'
  }, [])
  return <Outlet />
}

export function ErrorBoundary() {
  return <ErrorPage />
}
