import { useRouteLoaderData } from '@remix-run/react'

/** The hidden CSRF field every form that posts carries (the token comes from the root loader). */
export function CsrfField() {
  const root = useRouteLoaderData<{ csrf: string }>('root')
  // suppressHydrationWarning: Chromium's autofill may mark form inputs (a style attribute) before hydration
  return <input type="hidden" name="csrf" value={root?.csrf ?? ''} suppressHydrationWarning />
}
