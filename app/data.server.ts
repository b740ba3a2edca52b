// The dashboard's one way to its data: every route calls these functions, none builds SQL.
// They take already-validated parameters and return plain objects (figures of kpi.md).
import { store } from '../core/db'
import * as dossiers from '../core/kpi/dossiers'
import { dossierDetail } from '../core/kpi/dossier'
import { findUnit, listUnits } from '../core/kpi/units'
import { documentUnits } from '../core/kpi/documents'
import { connectionSeries, connectionUnits } from '../core/kpi/connections'
import { quality } from '../core/kpi/quality'
import { config } from '../core/config'

export type { DossierFigures, UnitFigures, OverdueCase } from '../core/kpi/dossiers'
export type { Level, UnitLevel, Structure, Unit } from '../core/kpi/units'

type Args<F> = F extends (s: never, q: infer Q) => unknown ? Q : never

export const getSummary = async (q: Args<typeof dossiers.summary>) => dossiers.summary(await store(), q)
export const getUnits = async (q: Args<typeof dossiers.unitsTable>) => dossiers.unitsTable(await store(), q)
export const getTrend = async (q: Args<typeof dossiers.trend>) => dossiers.trend(await store(), q)
export const getOverdue = async (q: Args<typeof dossiers.overdueCases>) => dossiers.overdueCases(await store(), q)
export const getDossier = async (code: string) => dossierDetail(await store(), code)
export const getUnitList = async (level: 'province' | 'ministry', structure: 'current' | 'historical') => listUnits(await store(), level, structure)
export const getUnit = async (level: 'province' | 'ministry', structure: 'current' | 'historical', code: string) =>
  findUnit(await store(), level, structure, code)
export const storeAnswers = async () => (await store()).ping()
export const getDocumentUnits = async (q: Args<typeof documentUnits>) => documentUnits(await store(), q)
export const getConnectionUnits = async (q: Args<typeof connectionUnits>) => connectionUnits(await store(), q)
export const getConnectionSeries = async (q: Omit<Args<typeof connectionSeries>, 'milestones'>) =>
  connectionSeries(await store(), { ...q, milestones: config().milestones })
export const getQuality = async () => quality(await store())
export const getMilestones = () => config().milestones
