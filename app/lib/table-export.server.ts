// A table endpoint's download: format=csv or format=xlsx, headers in the asked language, the
// previous period's figures flattened beside the current ones, and an audit entry for each.
import type { Principal } from '../../core/auth'
import { fieldLabel } from '~/i18n/fields'
import { dict } from '~/i18n'
import { recordAudit } from '../data.server'
import { clientIp } from './auth.server'
import { exportCsv } from './export.server'
import { exportLang } from './lang.server'
import { xlsxBytes, xlsxResponse } from './xlsx.server'

export type ExportFormat = 'csv' | 'xlsx'

/** {…, previous: {from, to, received…}} → {…, previous_from, previous_to, previous_received…}. */
export function flatten(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(row)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) out[`${k}_${k2}`] = v2
    else out[k] = v
  }
  return out
}

export async function exportTable(
  p: Principal,
  request: Request,
  format: ExportFormat,
  rows: readonly object[],
  opts: { name: string; title: string; period?: { from: string; to: string }; columns?: string[] },
): Promise<Response> {
  const flat = rows.map(flatten)
  const columns = opts.columns ?? Object.keys(flat[0] ?? {})
  const lang = exportLang(request)
  const header = (c: string) => (lang ? fieldLabel(c, lang) : c)
  if (format === 'csv') {
    if (!lang) return exportCsv(p, request, flat, `${opts.name}.csv`, columns)
    // labelled headers: the same rows keyed by their labels (the CSV writer stays as it is)
    const labels = columns.map(header)
    const labelled = flat.map((r) => Object.fromEntries(columns.map((c, i) => [labels[i], r[c]])))
    return exportCsv(p, request, labelled, `${opts.name}.csv`, labels)
  }
  const t = dict(lang ?? 'vi')
  const period = opts.period ? ` · ${t.period}: ${t.day(opts.period.from)} – ${t.day(opts.period.to)}` : ''
  const bytes = await xlsxBytes({
    sheet: opts.name,
    title: `${opts.title}${period}. ${t.indexNote}`,
    columns: columns.map((c) => ({ key: c, header: header(c) })),
    rows: flat,
  })
  const url = new URL(request.url)
  await recordAudit({ actor: p.kind === 'token' ? `token:${p.id}` : p.id, action: 'export', detail: `${url.pathname}${url.search} (${rows.length} rows)`, ip: clientIp(request) })
  return xlsxResponse(bytes, `${opts.name}.xlsx`)
}
