import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { useLang } from '~/i18n/use'
import { accounts, recordAudit } from '~/data.server'
import { CsrfField } from '~/components/CsrfField'
import { clientIp, csrfBinding, getPrincipal, startSession } from '~/lib/auth.server'
import { checkCsrf } from '~/lib/csrf.server'
import { loginFailed, loginSucceeded, loginWait } from '~/lib/login-backoff.server'
import { safeRedirect } from '~/lib/redirect.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Đăng nhập', 'Sign in')

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getPrincipal(request)) throw redirect('/')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  checkCsrf(request, form, await csrfBinding(request))
  const email = String(form.get('email') ?? '').trim().toLowerCase()
  const password = String(form.get('password') ?? '')
  const ip = clientIp(request)
  const wait = loginWait(email, ip)
  if (wait > 0) return Response.json({ error: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 1000)} giây.` }, { status: 429 })
  const p = email && password ? await accounts.login(email, password) : null
  if (!p) {
    loginFailed(email, ip)
    await recordAudit({ actor: email || '(trống)', action: 'login_failed', ip })
    return Response.json({ error: 'Email hoặc mật khẩu không đúng.' }, { status: 401 })
  }
  loginSucceeded(email, ip)
  await recordAudit({ actor: p.id, action: 'login', ip })
  return startSession(p.id, safeRedirect(form.get('next')))
}

export default function Login() {
  const data = useActionData<{ error?: string }>()
  const [params] = useSearchParams()
  const en = useLang() === 'en'
  return (
    <main className="login">
      <Form method="post" className="card login-card">
        <h1>egov-pulse</h1>
        <p className="brand-sub">{en ? 'E-government monitoring and operations' : 'Hệ thống theo dõi, điều hành Chính phủ điện tử'}</p>
        <CsrfField />
        <input type="hidden" name="next" value={params.get('next') ?? '/'} />
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          {en ? 'Password' : 'Mật khẩu'}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {data?.error ? (
          <p className="alert" role="alert">
            {data.error}
          </p>
        ) : null}
        <button type="submit">{en ? 'Sign in' : 'Đăng nhập'}</button>
        <a className="lang-switch" href={`/login?lang=${en ? 'vi' : 'en'}`}>{en ? 'Tiếng Việt' : 'English'}</a>
      </Form>
    </main>
  )
}
