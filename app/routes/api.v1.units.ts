import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUnitsView } from '~/data.server'
import { figureQuery, PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { compareParam, formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['province', 'ministry'], 'province', false)
    const format = formatParam(q.url)
    const compare = compareParam(q.url)
    const units = await getUnitsView({ level: q.level as 'province' | 'ministry', structure: q.structure, period: q.period, compare })
    if (format !== 'json')
      return exportTable(q.principal, request, format, units, {
        name: `units-${q.level}-${q.period.from}-${q.period.to}`,
        title: q.level === 'province' ? 'Tỉnh, thành phố / Provinces' : 'Bộ, ngành / Ministries',
        period: q.period,
      })
    return jsonResponse({ level: q.level, from: q.period.from, to: q.period.to, structure: q.structure, index_note: PARTIAL_INDEX_NOTE, units })
  })
