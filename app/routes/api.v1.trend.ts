import type { LoaderFunctionArgs } from '@remix-run/node'
import { getTrend } from '~/data.server'
import { figureQuery, PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam, grainParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    const grain = grainParam(q.url)
    const format = formatParam(q.url)
    const points = await getTrend({ ...q, grain })
    if (format !== 'json')
      return exportTable(q.principal, request, format, points, { name: `trend-${q.level}-${q.unit || 'vn'}-${grain}-${q.period.from}-${q.period.to}`, title: q.unitName ?? (q.level === 'national' ? 'Toàn quốc / National' : q.unit), period: q.period })
    return jsonResponse({ level: q.level, unit: q.unit || null, grain, from: q.period.from, to: q.period.to, structure: q.structure, index_note: PARTIAL_INDEX_NOTE, points })
  })
