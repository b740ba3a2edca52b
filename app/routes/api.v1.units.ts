import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUnits } from '~/data.server'
import { figureQuery, PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportCsv } from '~/lib/export.server'
import { formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['province', 'ministry'], 'province', false)
    const format = formatParam(q.url)
    const units = await getUnits({ level: q.level as 'province' | 'ministry', structure: q.structure, period: q.period })
    if (format === 'csv') return await exportCsv(q.principal, request, units, `units-${q.level}-${q.period.from}-${q.period.to}.csv`)
    return jsonResponse({ level: q.level, from: q.period.from, to: q.period.to, structure: q.structure, index_note: PARTIAL_INDEX_NOTE, units })
  })
