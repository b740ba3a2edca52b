// Quản trị (admin only): users, API tokens (with last use) and the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ROLES, type Role } from '~/lib/domain'
import { AccessError } from '~/lib/auth.server'
import { accounts, recentAudit, recordAudit } from '~/data.server'
import { isoVn } from '~/lib/domain'
import { CsrfField } from '~/components/CsrfField'
import { Shell } from '~/components/Shell'
import { requireAdmin } from '~/lib/access.server'
import { clientIp, csrfBinding, requirePageUser } from '~/lib/auth.server'
import { checkCsrf } from '~/lib/csrf.server'

export const meta: MetaFunction = () => [{ title: 'Quản trị · egov-pulse' }]

const ROLE_VI: Record<Role, string> = {
  admin: 'Quản trị',
  national: 'Trung ương (toàn quốc)',
  ministry: 'Bộ, ngành',
  province: 'Tỉnh, thành phố',
  source: 'Nguồn dữ liệu (API)',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const p = await requirePageUser(request)
  requireAdmin(p)
  const [users, tokens, log] = await Promise.all([accounts.listUsers(), accounts.listTokens(), recentAudit(100)])
  return {
    user: { name: p.name, role: p.role },
    users: users.map((u) => ({ ...u, created_at: isoVn(u.created_at) })),
    tokens: tokens.map((t) => ({ ...t, created_at: isoVn(t.created_at), last_used_at: t.last_used_at && !t.last_used_at.startsWith('1970') ? isoVn(t.last_used_at) : null })),
    log: log.map((l) => ({ ...l, at: isoVn(l.at) })),
  }
}

type ActionResult = { ok?: string; secret?: string; error?: string }

export async function action({ request }: ActionFunctionArgs): Promise<ActionResult> {
  const p = await requirePageUser(request)
  requireAdmin(p)
  const form = await request.formData()
  checkCsrf(request, form, await csrfBinding(request))
  const ip = clientIp(request)
  const intent = String(form.get('intent'))
  const role = String(form.get('role') ?? '') as Role
  const scope = String(form.get('scope') ?? '').trim()
  try {
    switch (intent) {
      case 'create-user': {
        const email = String(form.get('email') ?? '').trim().toLowerCase()
        if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { error: 'Email không hợp lệ.' }
        if (!ROLES.includes(role)) return { error: 'Vai trò không hợp lệ.' }
        const password = await accounts.createUser(email, role, scope || null)
        await recordAudit({ actor: p.id, action: 'user_created', detail: `${email} ${role} ${scope}`.trim(), ip })
        return { ok: `Đã tạo tài khoản ${email}. Mật khẩu một lần (chỉ hiện một lần):`, secret: password }
      }
      case 'disable-user':
      case 'enable-user': {
        const email = String(form.get('email'))
        if (email === p.id) return { error: 'Không thể tự khóa tài khoản của mình.' }
        await accounts.updateUser(email, { disabled: intent === 'disable-user' ? 1 : 0 })
        await recordAudit({ actor: p.id, action: intent === 'disable-user' ? 'user_disabled' : 'user_enabled', detail: email, ip })
        return { ok: `Đã ${intent === 'disable-user' ? 'khóa' : 'mở khóa'} tài khoản ${email}.` }
      }
      case 'create-token': {
        const name = String(form.get('name') ?? '').trim()
        if (!name) return { error: 'Cần đặt tên cho mã truy cập.' }
        if (!ROLES.includes(role)) return { error: 'Vai trò không hợp lệ.' }
        const t = await accounts.createToken(name, role, scope ? scope.split(/[\s,]+/).filter(Boolean) : [])
        await recordAudit({ actor: p.id, action: 'token_created', detail: `${t.id} ${name} ${role} ${scope}`.trim(), ip })
        return { ok: `Đã tạo mã truy cập "${name}". Mã (chỉ hiện một lần):`, secret: t.token }
      }
      case 'revoke-token': {
        const id = String(form.get('token_id'))
        if (!(await accounts.revokeToken(id))) return { error: 'Không tìm thấy mã truy cập.' }
        await recordAudit({ actor: p.id, action: 'token_revoked', detail: id, ip })
        return { ok: `Đã thu hồi mã truy cập ${id}.` }
      }
      default:
        return { error: 'Thao tác không hợp lệ.' }
    }
  } catch (e) {
    if (e instanceof AccessError) return { error: e.message }
    throw e
  }
}

function RoleSelect() {
  return (
    <select name="role" defaultValue="province" required>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_VI[r]}
        </option>
      ))}
    </select>
  )
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—')

export default function Admin() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  return (
    <Shell user={d.user}>
      <h1>Quản trị</h1>
      {a?.error ? <p className="alert">{a.error}</p> : null}
      {a?.ok ? (
        <p className="notice">
          {a.ok} {a.secret ? <code className="secret">{a.secret}</code> : null}
        </p>
      ) : null}
      <section className="card">
        <h2>Tài khoản người dùng</h2>
        <Form method="post" className="filters">
          <CsrfField />
          <input type="hidden" name="intent" value="create-user" />
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label>
            Vai trò <RoleSelect />
          </label>
          <label>
            Phạm vi (mã tỉnh hoặc mã bộ)
            <input name="scope" placeholder="79 hoặc 000.00.00.G01" />
          </label>
          <button type="submit">Tạo tài khoản</button>
        </Form>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Email</th>
                <th>Vai trò</th>
                <th>Phạm vi</th>
                <th>Trạng thái</th>
                <th>Tạo lúc</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {d.users.map((u) => (
                <tr key={u.email}>
                  <th scope="row">{u.email}</th>
                  <td>{ROLE_VI[u.role] ?? u.role}</td>
                  <td>{u.scope || '—'}</td>
                  <td>{Number(u.disabled) ? 'Đã khóa' : Number(u.must_change_password) ? 'Chờ đổi mật khẩu' : 'Hoạt động'}</td>
                  <td>{when(u.created_at)}</td>
                  <td>
                    <Form method="post">
                      <CsrfField />
                      <input type="hidden" name="email" value={u.email} />
                      <input type="hidden" name="intent" value={Number(u.disabled) ? 'enable-user' : 'disable-user'} />
                      <button type="submit" className="link">
                        {Number(u.disabled) ? 'Mở khóa' : 'Khóa'}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>Mã truy cập API</h2>
        <Form method="post" className="filters">
          <CsrfField />
          <input type="hidden" name="intent" value="create-token" />
          <label>
            Tên <input name="name" required placeholder="VD: Hệ thống một cửa TP.HCM" />
          </label>
          <label>
            Vai trò <RoleSelect />
          </label>
          <label>
            Phạm vi (mã đơn vị, cách nhau bởi dấu phẩy)
            <input name="scope" placeholder="79" />
          </label>
          <button type="submit">Tạo mã</button>
        </Form>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Mã</th>
                <th>Tên</th>
                <th>Vai trò</th>
                <th>Phạm vi</th>
                <th>Tạo lúc</th>
                <th>Dùng lần cuối</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {d.tokens.map((t) => (
                <tr key={t.token_id} className={Number(t.revoked) ? 'muted' : undefined}>
                  <td>
                    <code>{t.token_id}</code>
                  </td>
                  <th scope="row">{t.name}</th>
                  <td>{ROLE_VI[t.role] ?? t.role}</td>
                  <td>{t.scopes.join(', ') || '—'}</td>
                  <td>{when(t.created_at)}</td>
                  <td>{when(t.last_used_at)}</td>
                  <td>
                    {Number(t.revoked) ? (
                      'Đã thu hồi'
                    ) : (
                      <Form method="post">
                        <CsrfField />
                        <input type="hidden" name="intent" value="revoke-token" />
                        <input type="hidden" name="token_id" value={t.token_id} />
                        <button type="submit" className="link">
                          Thu hồi
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>Nhật ký hệ thống</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Thời điểm</th>
                <th>Người thực hiện</th>
                <th>Thao tác</th>
                <th>Chi tiết</th>
                <th>Địa chỉ</th>
              </tr>
            </thead>
            <tbody>
              {d.log.map((l, i) => (
                <tr key={i}>
                  <td>{when(l.at)}</td>
                  <td>{l.actor}</td>
                  <td>{l.action}</td>
                  <td>{l.detail}</td>
                  <td>{l.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Shell>
  )
}
