// The app's one way to its data: routes and app/lib call these functions; none builds SQL or
// opens the store. Each binds a core function (which takes the store first) to this process's store.
import { store, StoreUnavailableError, type Store } from '../core/db'
import { storeUnavailable } from './lib/http.server'
import * as dossiers from '../core/kpi/dossiers'
import { dossierDetail } from '../core/kpi/dossier'
import { findUnit, listUnits } from '../core/kpi/units'
import { documentUnits } from '../core/kpi/documents'
import { connectionSeries, connectionUnits } from '../core/kpi/connections'
import { quality, silentAgencies } from '../core/kpi/quality'
import { overviewView, summaryView, unitsView } from '../core/kpi/compare'
import { agencyNames, agencyTable, mostOverdueAgencies, unitTrend, procedureTable } from '../core/kpi/breakdown'
import { freshness, type Freshness } from '../core/kpi/freshness'
import { unitView } from '../core/kpi/unit-view'
import { config } from '../core/config'
import * as auth from '../core/auth'
import * as audit from '../core/audit'
import * as sessions from '../core/sessions'
import { ingestHttp, type HttpIngestRequest } from '../ingest/http'
export { MAX_BYTES as MAX_INGEST_BYTES } from '../ingest/http'
import { sharedWriter } from '../ingest/writer'
import { ingestEdxmlHttp, ingestSyncHttp, type FormatRequest } from '../ingest/formats/http'

export type { DossierFigures, UnitFigures, OverdueCase } from '../core/kpi/dossiers'
export type { BreakdownRow } from '../core/kpi/breakdown'
export type { Compare } from '../core/kpi/compare'
export type { Level, UnitLevel, Structure, Unit } from '../core/kpi/units'

/**
 * fn(store, ...args) → (...args), on the process's store. A store that cannot be reached becomes
 * a thrown 503 answer (Retry-After): pages render it as their error page, the API as its JSON error.
 */
const bound =
  <A extends unknown[], R>(fn: (s: Store, ...a: A) => Promise<R>) =>
  async (...a: A): Promise<R> => {
    try {
      return await fn(await store(), ...a)
    } catch (e) {
      if (e instanceof StoreUnavailableError) throw storeUnavailable()
      throw e
    }
  }

// Figures (core/kpi)
export const getSummary = bound(dossiers.summary)
export const getUnits = bound(dossiers.unitsTable)
export const getTrend = bound(dossiers.trend)
export const getOverdue = bound(dossiers.overdueCases)
/** Pure: the totals line of a level's document figures. */
export { documentTotals } from '../core/kpi/document-totals'
export const getSummaryView = bound(summaryView)
export const getUnitsView = bound(unitsView)
export const getOverview = bound(overviewView)
export const getUnitView = bound(unitView)
export const getAgencies = bound(agencyTable)
/** A unit's trend, with its agencies when asked (one figure query). */
export const getUnitTrend = bound(unitTrend)
export const getProcedures = bound(procedureTable)
export const getAgencyNames = bound(agencyNames)
export const getMostOverdueAgencies = bound(mostOverdueAgencies)
export const getDossier = bound(dossierDetail)
export const getUnitList = bound(listUnits)
export const getUnit = bound(findUnit)
export const getDocumentUnits = bound(documentUnits)
export const getConnectionUnits = bound(connectionUnits)
export const getConnectionSeries = bound((s, q: Omit<Parameters<typeof connectionSeries>[1], 'milestones'>) => connectionSeries(s, { ...q, milestones: config().milestones }))
export const getQuality = bound(quality)
export const getSilentAgencies = bound(silentAgencies)
let fresh: { at: number; value: Promise<Freshness> } | undefined
/** The header's data freshness, computed at most every 30 s (every page shows it). */
export const getFreshness = (): Promise<Freshness> => {
  if (!fresh || Date.now() - fresh.at > 30_000) {
    const value = store().then((s) => freshness(s))
    fresh = { at: Date.now(), value }
    value.catch(() => (fresh = undefined))
  }
  return fresh.value
}
export const getMilestones = () => config().milestones
export const storeAnswers = async () => (await store()).ping()

// Accounts, sessions and the audit log (core/auth, core/sessions, core/audit)
export const accounts = {
  login: bound(auth.login),
  findUser: bound(auth.findUser),
  createUser: bound(auth.createUser),
  updateUser: bound(auth.updateUser),
  changePassword: bound(auth.changePassword),
  listUsers: bound(auth.listUsers),
  createToken: bound(auth.createToken),
  revokeToken: bound(auth.revokeToken),
  listTokens: bound(auth.listTokens),
  principalFromToken: bound(auth.principalFromToken),
}
export const sessionStore = {
  create: bound(sessions.createSession),
  read: bound(sessions.readSession),
  update: bound(sessions.updateSession),
  end: bound(sessions.endSession),
}
export const recordAudit = bound(audit.audit)
export const recentAudit = bound(audit.recentAudit)

/** HTTP ingest: one delivery through the process's shared writer. */
export const ingestDelivery = async (req: HttpIngestRequest) => {
  const s = await store()
  return ingestHttp(req, s, sharedWriter(s))
}

/** HTTP ingest of the national formats (the portal's dossier sync, edXML), through the same writer. */
export const ingestSyncDelivery = async (req: FormatRequest) => {
  const s = await store()
  return ingestSyncHttp(req, s, sharedWriter(s))
}
export const ingestEdxmlDelivery = async (req: FormatRequest) => {
  const s = await store()
  return ingestEdxmlHttp(req, s, sharedWriter(s))
}
