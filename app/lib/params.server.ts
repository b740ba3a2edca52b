// Query parameters of the figures API (interfaces.md), validated; a bad one is a 400 that names it.
import { defaultPeriod, makePeriod, dayStart, today, type Grain, type Period } from '../../core/kpi/period'
import { DEFAULT_PRESET, parseDay, presetOf, presetRange, PRESETS, type Preset } from './presets'
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
export const compareParam = (url: URL): Compare | null => {
  const v = url.searchParams.get('compare') ? enumParam(url, 'compare', [...COMPARES, 'none'] as const) : null
  return v === 'none' ? null : v
}

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

/** What a page's filter holds (interfaces.md, "Pages"): the period (a preset or from/to, typed as
 * YYYY-MM-DD or dd/mm/yyyy), the structure and the comparison; last month and compare=previous by
 * default. A bad parameter falls back to the default period and is reported, not a 400 page. */
export interface PageFilters {
  period: Period
  structure: Structure
  compare: Compare | null
  preset: Preset
  problem: string | null
}

const PAGE_COMPARES = ['previous', 'year', 'none'] as const

export function pageFilters(url: URL, now = new Date()): PageFilters {
  const todayVn = today(now)
  const fallback = () => {
    const d = presetRange(DEFAULT_PRESET, todayVn)!
    return makePeriod(d.from, d.to, now)
  }
  let problem: string | null = null
  let structure: Structure = 'current'
  let compare: Compare | null = 'previous'
  try {
    structure = structureParam(url)
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    problem = e.message
  }
  try {
    const c = enumParam(url, 'compare', PAGE_COMPARES, 'previous')
    compare = c === 'none' ? null : c
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    problem = e.message
  }
  let period: Period
  let preset: Preset = 'custom'
  try {
    const p = one(url, 'preset')
    if (p && p !== 'custom') {
      preset = enumParam(url, 'preset', PRESETS)
      const r = presetRange(preset, todayVn)!
      period = makePeriod(r.from, r.to, now)
    } else if (one(url, 'from') || one(url, 'to')) {
      const norm = new URL(url)
      for (const k of ['from', 'to']) {
        const v = one(url, k)
        if (v) norm.searchParams.set(k, parseDay(v) ?? v)
      }
      period = periodParam(norm, now)
      preset = presetOf(period.from, period.to, todayVn)
    } else {
      period = fallback()
      preset = DEFAULT_PRESET
    }
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    problem = e.message
    period = fallback()
    preset = DEFAULT_PRESET
  }
  return { period, structure, compare, preset, problem }
}
