import type { LoaderFunctionArgs } from '@remix-run/node'
import { getSummary } from '~/data.server'
import { bandLabel, figureQuery, PARTIAL_INDEX_NOTE } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportCsv } from '~/lib/export.server'
import { formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    const format = formatParam(q.url)
    const figures = await getSummary(q)
    const body = {
      level: q.level,
      unit: q.level === 'national' ? null : q.unit,
      name: q.unitName,
      from: q.period.from,
      to: q.period.to,
      structure: q.structure,
      ...figures,
      band: bandLabel(figures.index),
      index_note: PARTIAL_INDEX_NOTE,
    }
    return format === 'csv'
      ? await exportCsv(q.principal, request, [body], `summary-${q.level}-${q.unit || 'vn'}-${q.period.from}-${q.period.to}.csv`) : jsonResponse(body)
  })
