// Monthly connected_rate of a unit (or the nation) against the rollout plan.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getConnectionSeries } from '~/data.server'
import { figureQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam, platformParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['national', 'province', 'ministry'], 'national', true)
    const platform = platformParam(q.url)
    const format = formatParam(q.url)
    const points = await getConnectionSeries({ level: q.level, unit: q.unit, structure: q.structure, platform, period: q.period })
    if (format !== 'json') return exportTable(q.principal, request, format, points, { name: `connections-series-${platform}-${q.level}-${q.unit || 'vn'}`, title: `Kết nối / Connections: ${platform}`, period: q.period })
    return jsonResponse({ level: q.level, unit: q.unit || null, platform, from: q.period.from, to: q.period.to, points })
  })
