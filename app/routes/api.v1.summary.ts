import type { LoaderFunctionArgs } from '@remix-run/node'
import { getSummaryView } from '~/data.server'
import { figureQuery, PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { compareParam, formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    const format = formatParam(q.url)
    const compare = compareParam(q.url)
    const figures = await getSummaryView({ ...q, compare })
    const body = {
      level: q.level,
      unit: q.level === 'national' ? null : q.unit,
      name: q.unitName,
      from: q.period.from,
      to: q.period.to,
      structure: q.structure,
      ...figures,
      index_note: PARTIAL_INDEX_NOTE,
    }
    if (format === 'json') return jsonResponse(body)
    const { index_note: _note, ...row } = body
    return exportTable(q.principal, request, format, [row], {
      name: `summary-${q.level}-${q.unit || 'vn'}-${q.period.from}-${q.period.to}`,
      title: q.unitName ?? (q.level === 'national' ? 'Toàn quốc / National' : q.unit),
      period: q.period,
    })
  })
