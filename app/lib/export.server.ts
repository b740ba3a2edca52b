// Every CSV export goes through here, so each one is in the audit log.
import type { Principal } from '../../core/auth'
import { recordAudit } from '../data.server'
import { clientIp } from './auth.server'
import { csvResponse } from './http.server'

export async function exportCsv(p: Principal, request: Request, rows: readonly object[], filename: string, columns?: string[]): Promise<Response> {
  const url = new URL(request.url)
  await recordAudit({ actor: p.kind === 'token' ? `token:${p.id}` : p.id, action: 'export', detail: `${url.pathname}${url.search} (${rows.length} rows)`, ip: clientIp(request) })
  return csvResponse(rows, filename, columns)
}
