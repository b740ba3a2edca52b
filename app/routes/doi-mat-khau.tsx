// Change of password: forced at the first login with a one-time password, open to every user.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useLang } from '~/i18n/use'
import { verifyPassword } from '~/lib/auth.server'
import { accounts, recordAudit } from '~/data.server'
import { CsrfField } from '~/components/CsrfField'
import { clientIp, csrfBinding, requirePageUser } from '~/lib/auth.server'
import { checkCsrf } from '~/lib/csrf.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Đổi mật khẩu', 'Change password')

export async function loader({ request }: LoaderFunctionArgs) {
  const p = await requirePageUser(request, { allowMustChange: true })
  if (p.kind !== 'user') throw redirect('/')
  return { email: p.id, forced: !!p.mustChangePassword }
}

export async function action({ request }: ActionFunctionArgs) {
  const p = await requirePageUser(request, { allowMustChange: true })
  const form = await request.formData()
  checkCsrf(request, form, await csrfBinding(request))
  const current = String(form.get('current') ?? '')
  const next = String(form.get('password') ?? '')
  const again = String(form.get('again') ?? '')
  const u = await accounts.findUser(p.id)
  if (!u || !(await verifyPassword(current, u.password_hash))) return { error: 'Mật khẩu hiện tại không đúng.' }
  if (next.length < 10) return { error: 'Mật khẩu mới cần ít nhất 10 ký tự.' }
  if (next !== again) return { error: 'Hai lần nhập mật khẩu mới không khớp.' }
  if (next === current) return { error: 'Mật khẩu mới phải khác mật khẩu hiện tại.' }
  await accounts.changePassword(p.id, next)
  await recordAudit({ actor: p.id, action: 'password_changed', ip: clientIp(request) })
  throw redirect('/')
}

export default function ChangePassword() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const en = useLang() === 'en'
  return (
    <main className="login">
      <Form method="post" className="card login-card">
        <h1>{en ? 'Change password' : 'Đổi mật khẩu'}</h1>
        <p className="brand-sub">
          {d.forced ? (en ? 'You are using a one-time password. Set a new password to go on.' : 'Bạn đang dùng mật khẩu một lần. Hãy đặt mật khẩu mới để tiếp tục.') : `${en ? 'Account' : 'Tài khoản'} ${d.email}`}
        </p>
        <CsrfField />
        <label>
          {en ? 'Current password' : 'Mật khẩu hiện tại'}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {en ? 'New password (at least 10 characters)' : 'Mật khẩu mới (ít nhất 10 ký tự)'}
          <input name="password" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        <label>
          {en ? 'New password again' : 'Nhập lại mật khẩu mới'}
          <input name="again" type="password" autoComplete="new-password" minLength={10} required />
        </label>
        {a?.error ? (
          <p className="alert" role="alert">
            {a.error}
          </p>
        ) : null}
        <button type="submit">{en ? 'Save password' : 'Lưu mật khẩu'}</button>
      </Form>
    </main>
  )
}
