import type { LoaderFunctionArgs } from '@remix-run/node'
import { getConnectionUnits } from '~/data.server'
import { figureQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam, platformParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await figureQuery(request, ['province', 'ministry'], 'province', false)
    const platform = platformParam(q.url)
    const format = formatParam(q.url)
    const units = await getConnectionUnits({ level: q.level as 'province' | 'ministry', structure: q.structure, platform, period: q.period })
    if (format !== 'json') return exportTable(q.principal, request, format, units, { name: `connections-${platform}-${q.level}-${q.period.to}`, title: `Kết nối / Connections: ${platform}`, period: q.period })
    return jsonResponse({ level: q.level, platform, from: q.period.from, to: q.period.to, structure: q.structure, units })
  })
