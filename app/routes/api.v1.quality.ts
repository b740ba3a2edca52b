import type { LoaderFunctionArgs } from '@remix-run/node'
import { getQuality } from '~/data.server'
import { requireAggregates } from '~/lib/access.server'
import { requireApiPrincipal } from '~/lib/auth.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportCsv } from '~/lib/export.server'
import { enumParam, formatParam } from '~/lib/params.server'

const TABLES = ['unmapped', 'rejects', 'duplicates', 'late_arrivals', 'sources', 'last_seen', 'totals'] as const

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const p = await requireApiPrincipal(request)
    requireAggregates(p)
    const url = new URL(request.url)
    const format = formatParam(url)
    const q = await getQuality()
    if (format === 'csv') {
      const table = enumParam(url, 'table', TABLES, 'unmapped')
      return await exportCsv(p, request, q[table], `quality-${table}.csv`)
    }
    return jsonResponse(q)
  })
