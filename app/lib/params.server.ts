// Query parameters of the figures API (interfaces.md), validated; a bad one is a 400 that names it.
import { defaultPeriod, makePeriod, dayStart, type Grain, type Period } from '../../core/kpi/period'
import { COMPARES, type Compare } from '../../core/kpi/compare'
import { LEVELS, STRUCTURES, type Level, type Structure } from '../../core/kpi/units'
import { badRequest, HttpError } from './http.server'

const MAX_DAYS = 3660

function one(url: URL, name: string): string | null {
  const all = url.searchParams.getAll(name)
  if (all.length > 1) throw badRequest(`${name}: given more than once`)
  return all[0] ?? null
}

export function enumParam<T extends string>(url: URL, name: string, allowed: readonly T[], fallback?: T): T {
  const v = one(url, name)
  if (v === null || v === '') {
    if (fallback !== undefined) return fallback
    throw badRequest(`${name}: required (one of ${allowed.join(', ')})`)
  }
  if (!(allowed as readonly string[]).includes(v)) throw badRequest(`${name}: must be one of ${allowed.join(', ')}`)
  return v as T
}

export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const v = one(url, name)
  if (v === null || v === '') return fallback
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw badRequest(`${name}: must be a whole number from ${min} to ${max}`)
  return Number(v)
}

export function periodParam(url: URL, now = new Date()): Period {
  const d = defaultPeriod(now)
  const from = one(url, 'from') || d.from
  const to = one(url, 'to') || d.to
  if (!dayStart(from)) throw badRequest('from: must be a real day YYYY-MM-DD')
  if (!dayStart(to)) throw badRequest('to: must be a real day YYYY-MM-DD')
  if (from > to) throw badRequest('to: must not be before from')
  const p = makePeriod(from, to, now)
  if ((p.end.getTime() - p.start.getTime()) / 86_400_000 > MAX_DAYS) throw badRequest(`to: a period is at most ${MAX_DAYS} days`)
  return p
}

export const structureParam = (url: URL): Structure => enumParam(url, 'structure', STRUCTURES, 'current')
export const levelParam = (url: URL, allowed: readonly Level[] = LEVELS, fallback?: Level): Level => enumParam(url, 'level', allowed, fallback)
export const grainParam = (url: URL): Grain => enumParam(url, 'grain', ['day', 'week', 'month'] as const, 'month')
export const formatParam = (url: URL): 'json' | 'csv' | 'xlsx' => enumParam(url, 'format', ['json', 'csv', 'xlsx'] as const, 'json')
/** compare=previous|year (kpi.md, "Comparison with an earlier period"); null when absent. */
export const compareParam = (url: URL): Compare | null => (url.searchParams.get('compare') ? enumParam(url, 'compare', COMPARES) : null)

/** The unit code for a level: none for national; required, and of the right shape, otherwise. */
export function unitParam(url: URL, level: Level): string {
  if (level === 'national') return '' // the nation has no unit code: a unit given with it is ignored
  const v = one(url, 'unit')
  if (!v) throw badRequest(`unit: required with level=${level}`)
  if (level === 'province' && !/^\d{2}$/.test(v)) throw badRequest('unit: a province unit is a two-digit code')
  if (level === 'ministry' && !/^[0-9A-Za-z.]{1,35}$/.test(v)) throw badRequest("unit: a ministry unit is the ministry's agency code")
  return v
}

export const PLATFORMS = ['document_axis', 'service_portal'] as const
export const platformParam = (url: URL) => enumParam(url, 'platform', PLATFORMS, 'document_axis')

/** A page's period filter: a bad parameter falls back to the current month and is reported, not a 400 page. */
export function pageFilters(url: URL, now = new Date()): { period: Period; structure: Structure; problem: string | null } {
  try {
    return { period: periodParam(url, now), structure: structureParam(url), problem: null }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    const d = defaultPeriod(now)
    return { period: makePeriod(d.from, d.to, now), structure: 'current', problem: e.message }
  }
}
