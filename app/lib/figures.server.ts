// What the figures endpoints and pages share: who asks, which level/unit/period, and the unit's existence.
import type { Principal } from '../../core/auth'
import { config } from '../../core/config'
import { band, indexGroups } from '../../core/kpi/scoring'
import type { Period } from '../../core/kpi/period'
import type { Level, Structure } from '../../core/kpi/units'
import { getUnit } from '../data.server'
import { requireAggregates, requireCases } from './access.server'
import { requireApiPrincipal } from './auth.server'
import { notFound } from './http.server'
import { levelParam, periodParam, structureParam, unitParam } from './params.server'

export const PARTIAL_INDEX_NOTE =
  'Chỉ số tạm tính (partial index) từ dữ liệu sự kiện: 4 nhóm (đúng hạn, trực tuyến, thanh toán trực tuyến, số hóa), quy về 100 điểm; không phải điểm chính thức theo Quyết định 766/QĐ-TTg.'

export interface FigureQuery {
  principal: Principal
  url: URL
  level: Level
  unit: string
  unitName: string | null
  structure: Structure
  period: Period
}

export async function figureQuery(request: Request, levels: readonly Level[], fallback: Level, withUnit: boolean): Promise<FigureQuery> {
  const principal = await requireApiPrincipal(request)
  requireAggregates(principal)
  const url = new URL(request.url)
  const level = levelParam(url, levels, fallback)
  const structure = structureParam(url)
  const period = periodParam(url)
  let unit = ''
  let unitName: string | null = null
  if (withUnit && level !== 'national') {
    unit = unitParam(url, level)
    const u = await getUnit(level, structure, unit)
    if (!u) throw notFound(`unit: no ${level} unit ${unit} (structure=${structure})`)
    unitName = u.name
  }
  return { principal, url, level, unit, unitName, structure, period }
}

/** The configured band (label) of a partial index, or null. */
export const bandLabel = (index: number | null) => band(index, config().bands)?.label ?? null

/** The four groups of a unit's partial index, with the configured thresholds and points. */
export const unitIndexGroups = (row: Parameters<typeof indexGroups>[0]) => indexGroups(row, config().index)

/** /agencies and /procedures: a province or ministry unit that exists, and the caller may drill into (scoped like cases). */
export async function breakdownQuery(request: Request): Promise<FigureQuery & { level: 'province' | 'ministry' }> {
  const q = await figureQuery(request, ['province', 'ministry'], 'province', true)
  requireCases(q.principal, q.level, q.unit, q.structure)
  return q as FigureQuery & { level: 'province' | 'ministry' }
}
