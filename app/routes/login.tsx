import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { login } from '../../core/auth'
import { store } from '../../core/db'
import { getPrincipal, startSession } from '~/lib/auth.server'
import { redirect } from '@remix-run/node'

export const meta: MetaFunction = () => [{ title: 'Đăng nhập · egov-pulse' }]

function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getPrincipal(request)) throw redirect('/')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = String(form.get('email') ?? '').trim()
  const password = String(form.get('password') ?? '')
  const p = email && password ? await login(await store(), email, password) : null
  if (!p) return { error: 'Email hoặc mật khẩu không đúng.' }
  return startSession(p.id, safeNext(form.get('next')))
}

export default function Login() {
  const data = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <main className="login">
      <Form method="post" className="card login-card">
        <h1>egov-pulse</h1>
        <p className="brand-sub">Hệ thống theo dõi, điều hành Chính phủ điện tử</p>
        <input type="hidden" name="next" value={params.get('next') ?? '/'} />
        <label>
          Email
          <input name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {data?.error ? <p className="alert" role="alert">{data.error}</p> : null}
        <button type="submit">Đăng nhập</button>
      </Form>
    </main>
  )
}
