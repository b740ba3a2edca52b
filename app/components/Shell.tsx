import { Form, NavLink, useLocation, useNavigation, useRevalidator, useRouteLoaderData } from '@remix-run/react'
import { useEffect } from 'react'
import { CsrfField } from './CsrfField'
import { useT } from '~/i18n/use'
import { fmtDateTime } from './Time'

/** The filters the user chose, carried from page to page. */
function filterSearch(search: string): string {
  const here = new URLSearchParams(search)
  const keep = new URLSearchParams()
  for (const k of ['preset', 'from', 'to', 'structure', 'compare', 'lang']) {
    const v = here.get(k)
    if (v) keep.set(k, v)
  }
  const s = keep.toString()
  return s ? `?${s}` : ''
}

/** The same page in the other language. */
function otherLang(pathname: string, search: string, lang: 'vi' | 'en'): string {
  const q = new URLSearchParams(search)
  q.set('lang', lang)
  return `${pathname}?${q.toString()}`
}

const REFRESH_MS = 45_000

/** Open pages refresh their figures on their own (loaders re-run; filters stay in the URL, scroll stays). */
function useAutoRefresh() {
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible' && state === 'idle') revalidate()
    }, REFRESH_MS)
    return () => window.clearInterval(id)
  }, [revalidate, state])
}

interface Fresh {
  newest: string | null
  age_minutes: number | null
  silent: Array<{ source: string }>
}

export function Freshness() {
  const t = useT()
  const fresh = useRouteLoaderData<{ fresh: Fresh | null }>('root')?.fresh
  if (!fresh) return null
  return (
    <div className="fresh" aria-live="polite">
      {fresh.newest ? t.freshness(fmtDateTime(fresh.newest), t.ago(fresh.age_minutes ?? 0)) : t.noData}
      {fresh.silent.length > 0 ? (
        <span className="fresh-warn" title={fresh.silent.map((s) => s.source).join(', ')}>
          {' '}
          ⚠ {t.silent(fresh.silent.length)}
        </span>
      ) : null}
    </div>
  )
}

export function Shell({ user, children }: { user: { name: string; role: string } | null; children: React.ReactNode }) {
  const t = useT()
  const location = useLocation()
  const search = filterSearch(location.search)
  const busy = useNavigation().state === 'loading'
  useAutoRefresh()
  const pages = [
    { to: '/', text: t.nav.home, end: true },
    { to: '/van-ban', text: t.nav.documents, end: false },
    { to: '/ket-noi', text: t.nav.connections, end: false },
    { to: '/chat-luong', text: t.nav.quality, end: false },
    { to: '/bao-cao', text: t.nav.brief, end: false },
  ]
  return (
    <>
      <a className="skip" href="#noi-dung">
        {t.skip}
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          <span className="brand-mark">egov-pulse</span>
          <span className="brand-sub">{t.brandSub}</span>
        </a>
        <nav className="mainnav" aria-label={t.pagesLabel}>
          {pages.map((p) => (
            <NavLink key={p.to} to={{ pathname: p.to, search }} end={p.end}>
              {p.text}
            </NavLink>
          ))}
          {user?.role === 'admin' ? <NavLink to="/quan-tri">{t.nav.admin}</NavLink> : null}
        </nav>
        <a className="lang-switch" href={otherLang(location.pathname, location.search, t.lang === 'vi' ? 'en' : 'vi')} hrefLang={t.lang === 'vi' ? 'en' : 'vi'} lang={t.lang === 'vi' ? 'en' : 'vi'} aria-label={t.langSwitchLabel}>
          {t.langSwitch}
        </a>
        {user ? (
          <Form method="post" action="/logout" className="user">
            <CsrfField />
            <a href="/doi-mat-khau" title={t.changePassword}>
              {user.name}
            </a>
            <button type="submit" className="link">
              {t.logout}
            </button>
          </Form>
        ) : null}
        <Freshness />
      </header>
      <main className={busy ? 'page loading' : 'page'} id="noi-dung" aria-busy={busy}>
        {children}
      </main>
    </>
  )
}
