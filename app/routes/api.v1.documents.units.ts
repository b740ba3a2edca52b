import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDocumentUnits } from '~/data.server'
import { figureQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['province', 'ministry'], 'province', false)
    const format = formatParam(q.url)
    const units = await getDocumentUnits({ level: q.level as 'province' | 'ministry', structure: q.structure, period: q.period })
    if (format !== 'json') return exportTable(q.principal, request, format, units, { name: `documents-${q.level}-${q.period.from}-${q.period.to}`, title: 'Văn bản điện tử / Electronic documents', period: q.period })
    return jsonResponse({ level: q.level, from: q.period.from, to: q.period.to, structure: q.structure, units })
  })
