// Quản trị (admin only): users, API tokens (with last use) and the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ROLES, type Role } from '~/lib/domain'
import { AccessError } from '~/lib/auth.server'
import { accounts, recentAudit, recordAudit } from '~/data.server'
import { isoVn } from '~/lib/domain'
import { CsrfField } from '~/components/CsrfField'
import { Shell } from '~/components/Shell'
import { DataTable } from '~/components/DataTable'
import { useT } from '~/i18n/use'
import { requireAdmin } from '~/lib/access.server'
import { clientIp, csrfBinding, requirePageUser } from '~/lib/auth.server'
import { checkCsrf } from '~/lib/csrf.server'
import { titled } from '~/i18n/meta'

export const meta = titled('Quản trị', 'Administration')

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

const ROLE_EN: Record<string, string> = { admin: 'Administrator', national: 'National', ministry: 'Ministry', province: 'Province', source: 'Data source' }

const WORDS = {
  vi: {
    title: 'Quản trị', users: 'Tài khoản người dùng', role: 'Vai trò', scope: 'Phạm vi (mã tỉnh hoặc mã bộ)', scopeHint: '79 hoặc 000.00.00.G01',
    createUser: 'Tạo tài khoản', scopeCol: 'Phạm vi', state: 'Trạng thái', created: 'Tạo lúc', locked: 'Đã khóa', mustChange: 'Chờ đổi mật khẩu',
    active: 'Hoạt động', unlock: 'Mở khóa', lock: 'Khóa', tokens: 'Mã truy cập API', name: 'Tên', nameHint: 'VD: Hệ thống một cửa TP.HCM',
    tokenScope: 'Phạm vi (mã đơn vị, cách nhau bởi dấu phẩy)', createToken: 'Tạo mã', id: 'Mã', lastUsed: 'Dùng lần cuối', revoked: 'Đã thu hồi',
    revoke: 'Thu hồi', log: 'Nhật ký hệ thống', at: 'Thời điểm', actor: 'Người thực hiện', action: 'Thao tác', detail: 'Chi tiết', ip: 'Địa chỉ', act: 'Thao tác',
  },
  en: {
    title: 'Administration', users: 'User accounts', role: 'Role', scope: 'Scope (a province code or a ministry code)', scopeHint: '79 or 000.00.00.G01',
    createUser: 'Create account', scopeCol: 'Scope', state: 'State', created: 'Created', locked: 'Locked', mustChange: 'Must change password',
    active: 'Active', unlock: 'Unlock', lock: 'Lock', tokens: 'API tokens', name: 'Name', nameHint: 'e.g. HCMC one-stop system',
    tokenScope: 'Scope (unit codes, separated by commas)', createToken: 'Create token', id: 'Id', lastUsed: 'Last used', revoked: 'Revoked',
    revoke: 'Revoke', log: 'Audit log', at: 'Time', actor: 'Actor', action: 'Action', detail: 'Detail', ip: 'Address', act: 'Action',
  },
}

export default function Admin() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const t = useT()
  const w = WORDS[t.lang]
  const roleName = (r: string) => (t.lang === 'en' ? ROLE_EN[r] : (ROLE_VI as Record<string, string>)[r]) ?? r
  return (
    <Shell user={d.user}>
      <h1>{w.title}</h1>
      {a?.error ? <p className="alert">{a.error}</p> : null}
      {a?.ok ? (
        <p className="notice">
          {a.ok} {a.secret ? <code className="secret">{a.secret}</code> : null}
        </p>
      ) : null}
      <section className="card">
        <h2>{w.users}</h2>
        <Form method="post" className="filters">
          <CsrfField />
          <input type="hidden" name="intent" value="create-user" />
          <label>
            Email <input name="email" type="email" required />
          </label>
          <label>
            {w.role} <RoleSelect />
          </label>
          <label>
            {w.scope}
            <input name="scope" placeholder={w.scopeHint} />
          </label>
          <button type="submit">{w.createUser}</button>
        </Form>
        <DataTable
          label={w.users}
          columns={[
            { key: 'email', head: 'Email', rowHeader: true, className: 'wrap-name', cell: (u) => u.email },
            { key: 'role', head: w.role, cell: (u) => roleName(u.role) },
            { key: 'scope', head: w.scopeCol, narrowHide: true, cell: (u) => u.scope || '—' },
            { key: 'state', head: w.state, narrowHide: true, cell: (u) => (Number(u.disabled) ? w.locked : Number(u.must_change_password) ? w.mustChange : w.active) },
            { key: 'created', head: w.created, narrowHide: true, cell: (u) => when(u.created_at) },
            {
              key: 'act',
              head: <span className="sr-only">{w.act}</span>,
              cell: (u) => (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="email" value={u.email} />
                  <input type="hidden" name="intent" value={Number(u.disabled) ? 'enable-user' : 'disable-user'} />
                  <button type="submit" className="link">
                    {Number(u.disabled) ? w.unlock : w.lock}
                  </button>
                </Form>
              ),
            },
          ]}
          rows={d.users}
          rowKey={(u) => u.email}
        />
      </section>
      <section className="card">
        <h2>{w.tokens}</h2>
        <Form method="post" className="filters">
          <CsrfField />
          <input type="hidden" name="intent" value="create-token" />
          <label>
            {w.name} <input name="name" required placeholder={w.nameHint} />
          </label>
          <label>
            {w.role} <RoleSelect />
          </label>
          <label>
            {w.tokenScope}
            <input name="scope" placeholder="79" />
          </label>
          <button type="submit">{w.createToken}</button>
        </Form>
        <DataTable
          label={w.tokens}
          rowClass={(x) => (Number(x.revoked) ? 'muted' : undefined)}
          columns={[
            { key: 'id', head: w.id, narrowHide: true, cell: (x) => <code>{x.token_id}</code> },
            { key: 'name', head: w.name, rowHeader: true, className: 'wrap-name', cell: (x) => x.name },
            { key: 'role', head: w.role, cell: (x) => roleName(x.role) },
            { key: 'scope', head: w.scopeCol, narrowHide: true, cell: (x) => x.scopes.join(', ') || '—' },
            { key: 'created', head: w.created, narrowHide: true, cell: (x) => when(x.created_at) },
            { key: 'used', head: w.lastUsed, narrowHide: true, cell: (x) => when(x.last_used_at) },
            {
              key: 'act',
              head: <span className="sr-only">{w.act}</span>,
              cell: (x) =>
                Number(x.revoked) ? (
                  w.revoked
                ) : (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="intent" value="revoke-token" />
                    <input type="hidden" name="token_id" value={x.token_id} />
                    <button type="submit" className="link">
                      {w.revoke}
                    </button>
                  </Form>
                ),
            },
          ]}
          rows={d.tokens}
          rowKey={(x) => x.token_id}
        />
      </section>
      <section className="card">
        <h2>{w.log}</h2>
        <DataTable
          label={w.log}
          columns={[
            { key: 'at', head: w.at, cell: (l) => when(l.at) },
            { key: 'actor', head: w.actor, rowHeader: true, className: 'wrap-name', cell: (l) => l.actor },
            { key: 'action', head: w.action, cell: (l) => l.action },
            { key: 'detail', head: w.detail, narrowHide: true, className: 'wrap', cell: (l) => l.detail },
            { key: 'ip', head: w.ip, narrowHide: true, cell: (l) => l.ip },
          ]}
          rows={d.log}
          rowKey={(_l, i) => String(i)}
        />
      </section>
    </Shell>
  )
}
