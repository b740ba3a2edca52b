// The agencies of a unit with their dossier figures (kpi.md, "Agencies and procedures of a unit"); scoped like cases.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAgencies } from '~/data.server'
import { breakdownQuery } from '~/lib/figures.server'
import { api, jsonResponse } from '~/lib/http.server'
import { exportTable } from '~/lib/table-export.server'
import { formatParam } from '~/lib/params.server'

export const loader = ({ request }: LoaderFunctionArgs) =>
  api(async () => {
    const q = await breakdownQuery(request)
    const format = formatParam(q.url)
    const units = await getAgencies(q)
    if (format !== 'json')
      return exportTable(q.principal, request, format, units, { name: `agencies-${q.level}-${q.unit}-${q.period.from}-${q.period.to}`, title: `${q.unitName}`, period: q.period })
    return jsonResponse({ level: q.level, unit: q.unit, name: q.unitName, from: q.period.from, to: q.period.to, structure: q.structure, units })
  })
