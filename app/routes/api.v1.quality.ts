import type { LoaderFunctionArgs } from '@remix-run/node'
import { getQuality } from '~/data.server'
import { requireAggregates } from '~/lib/access.server'
import { requireApiPrincipal } from '~/lib/auth.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { enumParam, formatParam } from '~/lib/params.server'

const TABLES = ['unmapped', 'rejects', 'duplicates', 'late_arrivals', 'sources', 'last_seen', 'totals'] as const

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const p = await requireApiPrincipal(request)
    requireAggregates(p)
    const url = new URL(request.url)
    const format = formatParam(url)
    const q = await getQuality()
    if (format !== 'json') {
      const table = enumParam(url, 'table', TABLES, 'unmapped')
      return exportTable(p, request, format, q[table], { name: `quality-${table}`, title: `Chất lượng dữ liệu / Data quality: ${table}` })
    }
    return jsonResponse(q)
  })
