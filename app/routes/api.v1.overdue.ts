import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOverdue } from '~/data.server'
import { requireCases } from '~/lib/access.server'
import { figureQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportCsv } from '~/lib/export.server'
import { formatParam, intParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    requireCases(q.principal, q.level, q.unit, q.structure)
    const format = formatParam(q.url)
    const limit = intParam(q.url, 'limit', format === 'csv' ? 100_000 : 100, 1, format === 'csv' ? 100_000 : 1000)
    const offset = intParam(q.url, 'offset', 0, 0, 100_000_000)
    const r = await getOverdue({ ...q, limit, offset })
    if (format === 'csv')
      return await exportCsv(q.principal, request, r.cases, `overdue-${q.level}-${q.unit || 'vn'}-${q.period.to}.csv`, ['dossier_code', 'agency_code', 'procedure_code', 'received_at', 'due_at', 'days_overdue'])
    return jsonResponse({ total: r.total, limit, offset, cases: r.cases })
  })
