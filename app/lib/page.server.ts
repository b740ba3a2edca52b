// What every figures page's loader starts with: the signed-in user (may read aggregates), the
// language, the filters of the URL, with the view of them the filter form shows, and whether a
// phone asks (its charts are drawn narrow too).
import { today } from '../../core/kpi/period'
import type { Filters } from '~/components/PeriodFilter'
import type { Lang } from '~/i18n'
import { requireAggregates } from './access.server'
import { requirePageUser } from './auth.server'
import { asksForPhoneCharts } from './device.server'
import { pageLang } from './lang.server'
import { pageFilters, type PageFilters } from './params.server'

export function filtersView(p: PageFilters, lang: Lang): Filters {
  return { from: p.period.from, to: p.period.to, structure: p.structure, compare: p.compare, preset: p.preset, today: today(), lang, problem: p.problem }
}

export async function pageContext(request: Request) {
  const user = await requirePageUser(request)
  requireAggregates(user)
  const url = new URL(request.url)
  const lang = pageLang(request)
  const filters = pageFilters(url)
  return { user, url, lang, filters, f: filtersView(filters, lang), phone: asksForPhoneCharts(request) }
}
