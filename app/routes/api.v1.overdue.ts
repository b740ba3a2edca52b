import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOverdue } from '~/data.server'
import { requireCases } from '~/lib/access.server'
import { figureQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam, intParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    requireCases(q.principal, q.level, q.unit, q.structure)
    const format = formatParam(q.url)
    const limit = intParam(q.url, 'limit', format !== 'json' ? 100_000 : 100, 1, format !== 'json' ? 100_000 : 1000)
    const offset = intParam(q.url, 'offset', 0, 0, 100_000_000)
    const r = await getOverdue({ ...q, limit, offset })
    if (format !== 'json')
      return exportTable(q.principal, request, format, r.cases, {
        name: `overdue-${q.level}-${q.unit || 'vn'}-${q.period.to}`,
        title: q.unitName ?? (q.level === 'national' ? 'Toàn quốc / National' : q.unit),
        period: q.period,
        columns: ['dossier_code', 'agency_code', 'procedure_code', 'received_at', 'due_at', 'days_overdue'],
      })
    return jsonResponse({ total: r.total, limit, offset, cases: r.cases })
  })
