// The pre-aggregated dossier and document figures (ADR 011) against independent brute forces
// (sql/queries/brute-dossier-figures.sql over the raw events, brute-document-figures.sql over the
// per-exchange state; the bench's checks): random dossiers and exchanges delivered in random
// batches, out of order, with duplicates and events after the end, read at period ends and at a
// "now" inside a day; and the repair after a crash at every step of a batch.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { splitStatements } from '../core/migrate'
import { projectRoot } from '../core/paths'
import { procedureTable } from '../core/kpi/breakdown'
import { documentUnits, type DocumentFigures } from '../core/kpi/documents'
import { caseListReading, figureSets, figuresByAgency, figuresByProcedure, figuresByUnit, overdueCaseList, overdueCases, proceduresOfUnit, trendAndAgencies, type DossierFigures } from '../core/kpi/dossiers'
import { chTime, makePeriod, points, vnDayLabel, type Grain, type Period } from '../core/kpi/period'
import { rate } from '../core/kpi/scoring'
import type { Level, Structure, UnitLevel } from '../core/kpi/units'
import { reference } from '../core/reference'
import { alignUnitSums } from '../ingest/unit-sums'
import { validateRecord } from '../ingest/validate'
import { bruteFigures, buildBruteStates } from '../scripts/brute-force'
import { testEngine, type TestEngine } from './helpers/engine'

let e: TestEngine
beforeAll(async () => {
  e = await testEngine()
})
afterAll(async () => {
  await e.close()
})
beforeEach(async () => {
  await e.reset()
  bruteInputs = null
})

const REGISTRY = [
  { agency_code: 'P01', name: 'UBND TP Hà Nội', level: 'province', province_code: '01' },
  { agency_code: 'C01', name: 'UBND phường Ba Đình', level: 'commune', province_code: '01' },
  { agency_code: 'P74', name: 'UBND tỉnh Bình Dương (cũ)', level: 'province', province_code: '74' },
  { agency_code: 'P79', name: 'UBND TP Hồ Chí Minh', level: 'province', province_code: '79' },
  { agency_code: 'G01', name: 'Bộ Công an', level: 'central', ministry: 'G01' },
  { agency_code: 'G01.X', name: 'Cục Cảnh sát QLHC', level: 'central', ministry: 'G01' },
]
const AGENCIES = ['P01', 'C01', 'P74', 'P79', 'G01', 'G01.X', 'UNMAPPED.1']

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const BASE = Date.parse('2025-09-20T00:00:00+07:00')
const HOUR = 3_600_000
/** An instant within ~70 days of BASE; a third fall on a Vietnamese midnight (boundary cases). */
function instant(r: () => number): string {
  const h = Math.floor(r() * 70 * 24)
  const ms = r() < 0.33 ? BASE + Math.floor(h / 24) * 24 * HOUR : BASE + h * HOUR + Math.floor(r() * 60) * 60_000
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

function randomDossiers(seed: number, n: number): Array<Record<string, unknown>> {
  const r = rng(seed)
  const out: Array<Record<string, unknown>> = []
  for (let d = 0; d < n; d++) {
    const code = `HS-${seed}-${d}`
    const k = 1 + Math.floor(r() * 5)
    for (let i = 0; i < k; i++) {
      const status = [1, 2, 2, 2, 4, 5, 9, 10, 3, 7][Math.floor(r() * 10)]
      const ev: Record<string, unknown> = {
        event_id: `${code}:${i}`,
        dossier_code: code,
        status,
        occurred_at: instant(r),
        agency_code: AGENCIES[Math.floor(r() * AGENCIES.length)],
        procedure_code: `1.00${Math.floor(r() * 3)}`,
      }
      if (r() < 0.5) ev.received_at = instant(r)
      if (r() < 0.6) ev.due_at = instant(r)
      if (status >= 9 && r() < 0.6) ev.finished_at = instant(r)
      if (r() < 0.7) ev.channel = 1 + Math.floor(r() * 3)
      if (r() < 0.5) ev.paid_online = r() < 0.5
      if (r() < 0.5) ev.digitized = r() < 0.5
      out.push(ev)
    }
  }
  return out
}

function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

/** Delivers the events in random order, in random batches, some twice. */
async function deliver(events: Array<Record<string, unknown>>, seed: number): Promise<void> {
  const r = rng(seed)
  const order = shuffle([...events, ...events.filter(() => r() < 0.1)], r)
  for (let i = 0; i < order.length; ) {
    const size = 1 + Math.floor(r() * 40)
    const res = await e.load('dossier', order.slice(i, i + size))
    expect(res.rejects).toEqual([])
    i += size
  }
}

/** A table's (or table function's) rows as their count and the sum of their hashes. */
const rowsPrint = async (from: string, params: Record<string, string> = {}) =>
  (await e.store.rows<{ p: string }>(`SELECT toString((count(), sum(cityHash64(*)))) AS p FROM ${from}`, params))[0].p

/**
 * What the brute force last read, null after a reset: the number of raw events and registry rows
 * (both tables only grow within a test), and prints of the states built from those events and of
 * the unit mapping of each level and structure.
 */
let bruteInputs: { counts: string; states: string; units: Map<string, string> } | null = null
/**
 * The brute force's figure sets already computed, by the states and unit mapping they were computed
 * from and what was asked: many tests load the same events and ask the same figures.
 */
const bruteKept = new Map<string, Map<string, DossierFigures>>()

/**
 * The brute force's figures, from every dossier's state computed again from the raw events as they
 * are now: the states are built again whenever raw events or registry rows were added since the last build.
 */
async function brute(level: Level, structure: Structure, period: { start: Date; end: Date; T: Date }, by: 'unit' | 'agency' | 'procedure' = 'unit', unit = ''): Promise<Map<string, DossierFigures>> {
  const [{ counts }] = await e.store.rows<{ counts: string }>('SELECT toString(((SELECT count() FROM dossier_events), (SELECT count() FROM agencies))) AS counts')
  if (counts !== bruteInputs?.counts) {
    await buildBruteStates(e.store, 'test_dossier_states')
    bruteInputs = { counts, states: await rowsPrint('test_dossier_states'), units: new Map() }
  }
  const mapping = `${level} ${structure}`
  if (!bruteInputs.units.has(mapping)) bruteInputs.units.set(mapping, await rowsPrint('unit_of_agency(level = {level:String}, structure = {structure:String})', { level, structure }))
  const key = JSON.stringify([bruteInputs.states, bruteInputs.units.get(mapping), level, structure, period.start, period.end, period.T, by, unit])
  if (!bruteKept.has(key)) bruteKept.set(key, await bruteFigures(e.store, 'test_dossier_states', { level, structure, period, by, unit }))
  return new Map(bruteKept.get(key))
}

const EMPTY: DossierFigures = {
  received: 0, resolved: 0, on_time: 0, late: 0, on_time_rate: null, pending: 0, overdue: 0, closed_unresolved: 0,
  online_rate: null, paid_online_rate: null, digitized_rate: null, avg_days: null, index: 0,
}

const LEVELS: Array<[Level, Structure]> = [['national', 'current'], ['province', 'current'], ['province', 'historical'], ['ministry', 'current']]

/** Every unit's figures, at every point of the grain, equal the brute force's; returns how many were compared. */
const BEFORE = ['months', 'totals'] as const

async function expectExact(period: Period, grain: Grain | null): Promise<number> {
  let compared = 0
  for (const [level, structure] of LEVELS) {
    // both ways of reading the at-T changes before the period (the months before it, or the totals less the months since)
    const gots = await Promise.all(BEFORE.map((before) => figuresByUnit(e.store, { level, structure, period, grain, before })))
    const pts = points(period, grain, period.T)
    for (const [i, pt] of pts.entries()) {
      const want = await brute(level, structure, pt)
      for (const [b, got] of gots.entries()) {
        for (const u of new Set([...want.keys(), ...got.byUnit.keys()])) {
          const label = `${level}/${structure} ${u || 'national'} ${pt.label} T=${pt.T.toISOString()} before from ${BEFORE[b]}`
          expect({ label, ...(got.byUnit.get(u)?.[i] ?? EMPTY) }).toEqual({ label, ...(want.get(u) ?? EMPTY) })
          compared++
        }
      }
      for (const u of new Set([...want.keys(), ...gots[0].byUnit.keys()])) {
        const label = `${level}/${structure} ${u || 'national'} ${pt.label} T=${pt.T.toISOString()}`
        if (grain === null && (u !== '' || level === 'national')) {
          // the case list holds exactly the brute force's overdue count, in due_at, dossier_code order
          const list = await overdueCases(e.store, { level, unit: u, structure, period, limit: 1000, offset: 0 })
          const n = want.get(u)?.overdue ?? 0
          expect({ label, total: list.total, listed: list.cases.length }).toEqual({ label, total: n, listed: n })
          const keys = list.cases.map((c) => `${c.due_at}|${c.dossier_code}`)
          expect(keys).toEqual([...keys].sort())
          // the same dossiers as the brute force's, and a page of them is that slice of the list
          const wantCodes = (await e.store.named<{ dossier_code: string }>('brute-overdue-cases', { states: 'test_dossier_states', level, structure, unit: u, T: chTime(pt.T) })).map((r) => r.dossier_code)
          expect({ label, codes: list.cases.map((c) => c.dossier_code) }).toEqual({ label, codes: wantCodes })
          const page = await overdueCases(e.store, { level, unit: u, structure, period, limit: 3, offset: 2 })
          expect({ label, page: page.cases.map((c) => c.dossier_code) }).toEqual({ label, page: wantCodes.slice(2, 5) })
          // a unit's list read either way (in the list's order, or its own rows added up): the same dossiers
          if (u !== '') {
            for (const read of ['in_order', 'grouped'] as const) {
              const all = await overdueCaseList(e.store, { level, unit: u, structure, period, limit: 1000, offset: 0, read })
              expect({ label, read, codes: all.map((c) => c.dossier_code) }).toEqual({ label, read, codes: wantCodes })
              const slice = await overdueCaseList(e.store, { level, unit: u, structure, period, limit: 3, offset: 2, read })
              expect({ label, read, page: slice.map((c) => c.dossier_code) }).toEqual({ label, read, page: wantCodes.slice(2, 5) })
            }
          }
          expect(list.cases.every((c) => c.days_overdue >= 0)).toBe(true)
        }
      }
    }
  }
  return compared
}

/** Each procedure of each unit equals the brute force's (the at-T changes before the period read both ways), and the unit lists them all. */
async function expectProceduresExact(period: Period, units: Array<[UnitLevel, string]>): Promise<void> {
  for (const [level, unit] of units) {
    const want = await brute(level, 'current', period, 'procedure', unit)
    for (const before of BEFORE) {
      const got = (await figuresByUnit(e.store, { level, unit, structure: 'current', period, grain: null, by: 'procedure', before })).byUnit
      for (const code of new Set([...want.keys(), ...got.keys()])) expect({ unit, code, before, ...(got.get(code)?.[0] ?? EMPTY) }).toEqual({ unit, code, before, ...(want.get(code) ?? EMPTY) })
    }
    const listed = (await proceduresOfUnit(e.store, { level, unit, structure: 'current', period })).listed
    const ever = await e.store.rows<{ p: string }>(
      "SELECT DISTINCT procedure AS p FROM test_dossier_states WHERE egp_unit({level:String}, 'current', owner) = {unit:String}",
      { level, unit },
    )
    expect({ unit, listed: [...listed].sort() }).toEqual({ unit, listed: ever.map((r) => r.p).sort() })
  }
}

/** Each agency of provinces 01 and 79 equals the brute force's (the per-agency day, month and total tables: the at-T changes before the period read both ways). */
async function expectAgenciesExact(period: Period): Promise<void> {
  const want = await brute('province', 'current', period, 'agency')
  for (const unit of ['01', '79']) {
    const agencies = REGISTRY.filter((a) => a.province_code === unit || (unit === '79' && a.province_code === '74')).map((a) => a.agency_code)
    for (const before of BEFORE) {
      const got = (await figuresByUnit(e.store, { level: 'province', unit, structure: 'current', period, grain: null, by: 'agency', before })).byUnit
      for (const a of agencies) expect({ a, before, ...(got.get(a)?.[0] ?? EMPTY) }).toEqual({ a, before, ...(want.get(a) ?? EMPTY) })
    }
  }
}

/** Several levels and two periods read in one query (a page and its comparison) equal the brute force of each. */
async function expectExactTogether(period: Period, earlier: Period): Promise<number> {
  let compared = 0
  for (const [structure, levels] of [['current', ['national', 'province', 'ministry']], ['historical', ['province']]] as Array<[Structure, Level[]]>) {
    const setsBy = await Promise.all(BEFORE.map((before) => figureSets(e.store, { levels, structure, periods: [period, earlier], grain: null, before })))
    for (const [k, p] of [period, earlier].entries()) {
      const pt = points(p, null, p.T)[0]
      for (const level of levels) {
        const want = await brute(level, structure, pt)
        for (const [b, sets] of setsBy.entries()) {
          const got = sets[k].get(level)!.byUnit
          for (const u of new Set([...want.keys(), ...got.keys()])) {
            const label = `together: period ${k + 1} ${level}/${structure} ${u || 'national'} T=${pt.T.toISOString()} before from ${BEFORE[b]}`
            expect({ label, ...(got.get(u)?.[0] ?? EMPTY) }).toEqual({ label, ...(want.get(u) ?? EMPTY) })
            compared++
          }
        }
      }
    }
  }
  return compared
}

describe('aggregated dossier figures equal the brute force over raw events', () => {
  it('random dossiers in random batches, duplicates and events after the end: periods, points and "now" inside a day', async () => {
    await e.load('agency', REGISTRY)
    const events = randomDossiers(7, 120)
    await deliver(events, 11)
    let compared = 0
    // complete periods: a whole month (read from dossier_month), a month and a half, one day
    compared += await expectExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')), null)
    compared += await expectExact(makePeriod('2025-09-15', '2025-11-20', new Date('2030-01-01')), 'month')
    compared += await expectExact(makePeriod('2025-10-06', '2025-10-06', new Date('2030-01-01')), null)
    // T = now, inside a day, on and off the instants the data use
    for (const now of ['2025-10-17T13:37:00+07:00', '2025-10-17T00:00:00+07:00', '2025-11-02T23:59:59+07:00']) {
      compared += await expectExact(makePeriod('2025-10-01', '2025-11-30', new Date(now)), null)
      compared += await expectExact(makePeriod('2025-10-01', '2025-11-30', new Date(now)), 'week')
    }
    // a period that starts after now: every figure at T = now
    compared += await expectExact(makePeriod('2025-11-10', '2025-11-20', new Date('2025-10-20T10:00:00+07:00')), null)
    // a period with the one it is compared with, in one query: the earlier one complete, the later one at T = now or complete
    const end = new Date('2030-01-01')
    compared += await expectExactTogether(makePeriod('2025-10-01', '2025-11-30', new Date('2025-11-02T23:59:59+07:00')), makePeriod('2025-08-01', '2025-09-30', end))
    compared += await expectExactTogether(makePeriod('2025-10-06', '2025-10-20', end), makePeriod('2025-09-21', '2025-10-05', end))
    // at-T changes before both periods: whole months before both, and days of the month both start in
    compared += await expectExactTogether(makePeriod('2025-11-01', '2025-11-30', end), makePeriod('2025-10-01', '2025-10-31', end))
    compared += await expectExactTogether(makePeriod('2025-10-21', '2025-10-31', end), makePeriod('2025-10-10', '2025-10-20', end))
    expect(compared).toBeGreaterThan(200)
  }, 120_000)

  it('per agency of a unit (its dossiers are those it owns), as the brute force groups them', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(13, 80), 17)
    for (const now of ['2030-01-01T00:00:00Z', '2025-10-17T13:37:00+07:00']) {
      const period = makePeriod('2025-10-01', '2025-10-31', new Date(now))
      for (const unit of ['01', '79']) {
        const got = await figuresByAgency(e.store, { level: 'province', unit, structure: 'current', period })
        const agencies = REGISTRY.filter((a) => a.province_code === unit || (unit === '79' && a.province_code === '74')).map((a) => a.agency_code)
        expect([...got.keys()].every((a) => agencies.includes(a))).toBe(true)
      }
      await expectAgenciesExact(period)
    }
  }, 60_000)

  it('a unit’s trend and its agencies from one query: each point and each agency as the brute force counts them', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(29, 80), 31)
    let compared = 0
    for (const [from, to, now, grain] of [
      ['2025-10-01', '2025-10-31', '2030-01-01T00:00:00Z', 'day'],
      ['2025-09-15', '2025-11-20', '2030-01-01T00:00:00Z', 'month'],
      ['2025-10-01', '2025-11-30', '2025-10-17T13:37:00+07:00', 'week'],
    ] as const) {
      const period = makePeriod(from, to, new Date(now))
      for (const [level, unit] of [['province', '79'], ['ministry', 'G01']] as const) {
        const got = await trendAndAgencies(e.store, { level, unit, structure: 'current', period, grain })
        const agencies = await brute(level, 'current', period, 'agency', unit)
        for (const code of new Set([...agencies.keys(), ...got.byAgency.keys()])) {
          expect({ unit, code, ...(got.byAgency.get(code) ?? EMPTY) }).toEqual({ unit, code, ...(agencies.get(code) ?? EMPTY) })
          compared++
        }
        const pts = points(period, grain, period.T)
        expect(got.trend.map((x) => x.period)).toEqual(pts.map((x) => x.label))
        for (const [i, pt] of pts.entries()) {
          const { period: label, ...figures } = got.trend[i]
          expect({ unit, label, ...figures }).toEqual({ unit, label, ...((await brute(level, 'current', pt)).get(unit) ?? EMPTY) })
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(60)
  }, 120_000)

  it('a unit with a third of its level’s overdue cases or more has its list read in order, a smaller one its own rows', () => {
    expect(caseListReading(1, 3)).toBe('in_order')
    expect(caseListReading(33, 100)).toBe('grouped')
    expect(caseListReading(0, 0)).toBe('grouped')
  })

  it('per procedure of a unit (the unit’s dossiers with that procedure), as the brute force groups them', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(19, 80), 23)
    // and a second after changes of the at-T counts of units 01 and 79 in October: their procedures'
    // counts at that now include the day's changes by then (part 'n', per agency)
    const changed = await e.store.rows<{ x: string }>(
      `SELECT toString(x) AS x FROM dossier_instant WHERE day BETWEEN '2025-10-01' AND '2025-10-31' AND (pending_d != 0 OR overdue_d != 0)
         AND egp_unit('province', 'current', agency_code) IN ('01', '79') GROUP BY x ORDER BY x LIMIT 3`,
    )
    expect(changed.length).toBe(3)
    const afterChanges = changed.map((c) => new Date(Date.parse(`${c.x.replace(' ', 'T')}Z`) + 1000).toISOString())
    for (const now of ['2030-01-01T00:00:00Z', '2025-10-17T13:37:00+07:00', ...afterChanges]) {
      for (const [from, to] of [['2025-10-01', '2025-10-31'], ['2025-09-25', '2025-11-05']]) {
        const period = makePeriod(from, to, new Date(now))
        for (const [level, unit, structure] of [['province', '01', 'current'], ['province', '79', 'current'], ['ministry', 'G01', 'current'], ['province', '79', 'historical']] as const) {
          const want = await brute(level, structure, period, 'procedure', unit)
          const got = await figuresByProcedure(e.store, { level, unit, structure, period })
          expect(want.size).toBeGreaterThan(0)
          for (const code of new Set([...want.keys(), ...got.keys()])) {
            expect({ unit, structure, code, ...(got.get(code) ?? EMPTY) }).toEqual({ unit, structure, code, ...(want.get(code) ?? EMPTY) })
          }
        }
      }
    }
  }, 60_000)

  it('a unit’s procedures include one whose only dossier was never received (zeros)', async () => {
    await e.load('agency', REGISTRY)
    const r = await e.load('dossier', [
      { event_id: 'only-1', dossier_code: 'HS-ONLY', status: 1, occurred_at: '2025-10-03T09:00:00+07:00', agency_code: 'P01', procedure_code: 'P-ONLY' },
      { event_id: 'rec-2', dossier_code: 'HS-REC', status: 2, occurred_at: '2025-10-03T09:00:00+07:00', agency_code: 'P01', procedure_code: 'P-REC' },
    ])
    expect(r.accepted).toBe(2)
    const rows = await procedureTable(e.store, { level: 'province', unit: '01', structure: 'current', period: makePeriod('2025-11-01', '2025-11-30', new Date('2030-01-01')) })
    expect(rows.map((x) => [x.code, x.received, x.pending])).toEqual([['P-ONLY', 0, 0], ['P-REC', 0, 1]])
  }, 60_000)

  it('the all-time totals are the months summed, and a store from before them gets them once (migration 013)', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(29, 60), 11)
    const pairs = [['dossier_at_total', 'dossier_month'], ['dossier_proc_at_total', 'dossier_proc_month']] as const
    const totals = (t: string) => e.store.rows(`SELECT agency_code, procedure_code, sum(pending_d) AS p, sum(overdue_d) AS o, sum(dossiers) AS d FROM ${t} WHERE NOT startsWith(agency_code, '~') GROUP BY agency_code, procedure_code HAVING p != 0 OR o != 0 OR d != 0 ORDER BY agency_code, procedure_code`)
    const check = async () => {
      for (const [total, months] of pairs) {
        const want = await totals(months)
        expect(want.length).toBeGreaterThan(0)
        expect(await totals(total)).toEqual(want)
      }
    }
    await check()
    // a store from before: no totals; the migration's inserts fill them, and a second run adds nothing
    for (const [total] of pairs) await e.store.command(`TRUNCATE TABLE ${total}`)
    const inserts = splitStatements(readFileSync(path.join(projectRoot(), 'sql/migrations/013-at-t-totals.sql'), 'utf8')).filter((x) => x.includes('INSERT'))
    expect(inserts).toHaveLength(2)
    for (let run = 0; run < 2; run++) for (const x of inserts) await e.store.command(x)
    await check()
  }, 60_000)

  it('a store from before the unit procedure sums (migration 022) gets them at its next start, from the per-agency tables', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(37, 60), 11)
    const period = makePeriod('2025-09-25', '2025-11-05', new Date('2030-01-01'))
    await expectProceduresExact(period, [['province', '79'], ['ministry', 'G01']])
    // before 022: no procedure sums, and the unit sums aligned under the old fingerprint
    const before022 = async () => {
      for (const t of ['dossier_unit_proc_day', 'dossier_unit_proc_month', 'dossier_unit_proc_at_total', 'unit_sums_state']) await e.store.command(`TRUNCATE TABLE ${t}`)
      await e.store.insert('unit_sums_state', [{ fingerprint: '1', at: '2025-12-01 00:00:00.000000' }])
      expect((await figuresByProcedure(e.store, { level: 'province', unit: '79', structure: 'current', period })).size).toBe(0)
    }
    await before022()
    await e.writer.recover() // what the writer does at start
    await expectProceduresExact(period, [['province', '79'], ['ministry', 'G01']])
    // the same a few unit keys at a time (as at national size)
    await before022()
    const [{ n }] = await e.store.rows<{ n: string }>('SELECT count() AS n FROM dossier_proc_day')
    expect(Number(n)).toBeGreaterThan(50)
    expect(await alignUnitSums(e.store, Math.ceil(Number(n) / 9))).toBe(true)
    await expectProceduresExact(period, [['province', '79'], ['province', '01'], ['ministry', 'G01']])
    // the unit sums were in line already: aligned again, every unit's figures are unchanged
    await expectExact(period, null)
  }, 60_000)

  it('the national tables are the per-agency tables summed over agencies, and a store from before them gets them once (migration 017)', async () => {
    await e.load('agency', REGISTRY)
    await deliver(randomDossiers(31, 60), 11)
    const SUMS = 'sum(received) AS r, sum(online) AS o, sum(paid) AS pa, sum(digitized) AS di, sum(resolved) AS re, sum(on_time) AS t, toString(sum(dur_us)) AS du, sum(dur_n) AS dn, sum(closed) AS c, sum(pending_d) AS p, sum(overdue_d) AS od, sum(dossiers) AS d'
    const byDay = (t: string, day: string) => e.store.rows(`SELECT ${day} AS k, ${SUMS} FROM ${t} WHERE NOT startsWith(agency_code, '~') GROUP BY k ORDER BY k`)
    const total = (t: string) => e.store.rows(`SELECT sum(pending_d) AS p, sum(overdue_d) AS od, sum(dossiers) AS d FROM ${t} WHERE NOT startsWith(agency_code, '~')`)
    const markers = (t: string) => e.store.rows(`SELECT agency_code FROM ${t} WHERE startsWith(agency_code, '~') GROUP BY agency_code ORDER BY agency_code`)
    const check = async () => {
      for (const [nat, agencies, day] of [['dossier_nat_day', 'dossier_day', 'day'], ['dossier_nat_month', 'dossier_month', 'month']]) {
        const want = await byDay(agencies, day)
        expect(want.length).toBeGreaterThan(1)
        expect(await byDay(nat, day)).toEqual(want)
        // one row per day (and one per batch marker), and the same batches committed
        expect(Number((await e.store.rows<{ n: string }>(`SELECT count() AS n FROM ${nat} FINAL WHERE NOT startsWith(agency_code, '~')`))[0].n)).toBe(want.length)
        expect(await markers(nat)).toEqual(await markers(agencies))
      }
      expect(await total('dossier_nat_at_total')).toEqual(await total('dossier_at_total'))
      expect((await markers('dossier_nat_at_total')).length).toBeGreaterThan(0)
      expect(await markers('dossier_nat_at_total')).toEqual(await markers('dossier_at_total'))
    }
    await check()
    // a store from before: the migration fills them from the per-agency tables, and a second run gives the same
    const migration = splitStatements(readFileSync(path.join(projectRoot(), 'sql/migrations/017-national-totals.sql'), 'utf8'))
    for (const t of ['dossier_nat_day', 'dossier_nat_month', 'dossier_nat_at_total']) await e.store.command(`TRUNCATE TABLE ${t}`)
    for (let run = 0; run < 2; run++) for (const x of migration) await e.store.command(x)
    await check()
  }, 60_000)

  it('a registry that learns or moves an agency later re-attributes its dossiers without re-ingest', async () => {
    const events = randomDossiers(21, 40)
    await deliver(events, 5)
    await e.load('agency', REGISTRY.slice(0, 3))
    await expectExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')), null)
    // P79 joins; UNMAPPED.1 is learned as a commune of 79; C01 moves to 79
    await e.load('agency', [
      ...REGISTRY.slice(3),
      { agency_code: 'UNMAPPED.1', name: 'UBND xã Mới', level: 'commune', province_code: '79' },
      { agency_code: 'C01', name: 'UBND phường Ba Đình', level: 'commune', province_code: '79' },
    ])
    await expectExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')), null)
    await expectExact(makePeriod('2025-09-25', '2025-11-05', new Date('2030-01-01')), null) // days and months
    await expectProceduresExact(makePeriod('2025-09-25', '2025-11-05', new Date('2030-01-01')), [['province', '79'], ['province', '01'], ['ministry', 'G01']])
  }, 60_000)

  it('the sums per unit follow a registry move even when a crash cuts their alignment short, and the next batch finishes it', async () => {
    const events = randomDossiers(22, 40)
    await e.load('agency', REGISTRY)
    await deliver(events.slice(0, 60), 6)
    // C01 moves to 79: the day table is brought in line, then the month table's insert fails
    const restore = interceptInserts(async (t, _v, _tok, real, undo) => {
      if (t !== 'dossier_unit_month') return real()
      undo()
      throw new Error('simulated crash before dossier_unit_month')
    })
    await expect(e.load('agency', [{ agency_code: 'C01', name: 'UBND phường Ba Đình', level: 'commune', province_code: '79' }])).rejects.toThrow(/simulated crash/)
    restore()
    await deliver(events.slice(60), 7) // its first batch finishes the alignment
    await expectExact(makePeriod('2025-09-01', '2025-12-31', new Date('2030-01-01')), 'month')
    await expectExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')), null)
    await expectProceduresExact(makePeriod('2025-09-25', '2025-11-05', new Date('2025-10-17T13:37:00+07:00')), [['province', '79'], ['province', '01']])
    // a second alignment with the mapping unchanged adds nothing
    const before = await e.store.rows('SELECT count() AS n FROM dossier_unit_day')
    expect(await alignUnitSums(e.store)).toBe(false)
    expect(await e.store.rows('SELECT count() AS n FROM dossier_unit_day')).toEqual(before)
  }, 60_000)
})

type Insert = (t: string, v: readonly object[], tok?: string) => Promise<void>
type InsertSelect = (t: string, select: string, params?: Record<string, unknown>) => Promise<void>
/**
 * Puts `around` in front of the store's inserts, rows (`insert`) or a SELECT's (`insertSelect`, then
 * `v` is empty): a crash or a slow write at one step. `restore()` takes it away.
 */
function interceptInserts(around: (t: string, v: readonly object[], tok: string | undefined, real: () => Promise<void>, restore: () => void) => Promise<void>): () => void {
  const store = e.store as unknown as { insert: Insert; insertSelect: InsertSelect }
  const insert = store.insert.bind(e.store)
  const insertSelect = store.insertSelect.bind(e.store)
  const restore = () => {
    store.insert = insert
    store.insertSelect = insertSelect
  }
  store.insert = (t, v, tok) => around(t, v, tok, () => insert(t, v, tok), restore)
  store.insertSelect = (t, select, params) => around(t, [], undefined, () => insertSelect(t, select, params), restore)
  return restore
}

describe('a dossier batch interrupted by a crash is finished once', () => {
  const P = makePeriod('2025-09-01', '2025-12-31', new Date('2030-01-01'))
  const WEEKS = makePeriod('2025-09-03', '2025-12-20', new Date('2030-01-01'))

  /** Makes the store's next insert into `table` fail once, as a crash at that step would. */
  function failOnce(table: string): void {
    interceptInserts(async (t, _v, _tok, real, restore) => {
      if (t !== table) return real()
      restore()
      throw new Error(`simulated crash before ${table}`)
    })
  }

  it('a batch insert of any size lands as one part, so its marker row is committed with all of its rows', async () => {
    await e.store.command('CREATE TABLE IF NOT EXISTS one_part (a UInt64, b String) ENGINE = MergeTree ORDER BY a')
    await e.store.command('SYSTEM STOP MERGES one_part')
    try {
      // three times the engine's default insert block (~1M rows)
      await e.store.insertSelect('one_part', 'SELECT number, toString(number) FROM numbers(3000000)')
      const [p] = await e.store.rows<{ parts: string; r: string }>("SELECT count() AS parts, sum(rows) AS r FROM system.parts WHERE database = currentDatabase() AND table = 'one_part' AND active")
      expect([Number(p.parts), Number(p.r)]).toEqual([1, 3_000_000])
    } finally {
      await e.store.command('DROP TABLE one_part')
    }
  }, 60_000)

  /**
   * Two nows, each a second after a receipt among `events` (the batch a crash cut off; its first
   * dossier aside, whose events may straddle the cut): the day's changes before such a now include
   * that batch's, read from dossier_instant alone.
   */
  function nowsInside(events: Array<Record<string, unknown>>): Date[] {
    const whole = events.filter((ev) => ev.dossier_code !== events[0].dossier_code && typeof ev.received_at === 'string')
    const at = [...new Set(whole.map((ev) => Date.parse(ev.received_at as string) + 1000))].sort((a, b) => a - b)
    expect(at.length).toBeGreaterThan(2)
    return [at[Math.floor(at.length / 3)], at[Math.floor((2 * at.length) / 3)]].map((ms) => new Date(ms))
  }

  const CRASHED = ['dossier_rows', 'dossier_day', 'dossier_month', 'dossier_at_total', 'dossier_nat_day', 'dossier_nat_month', 'dossier_nat_at_total', 'dossier_unit_day', 'dossier_unit_month', 'dossier_unit_at_total', 'dossier_unit_proc_day', 'dossier_unit_proc_month', 'dossier_unit_proc_at_total', 'dossier_instant']
  /** Every row a batch writes for dossiers: each table's count and hashes of its rows. */
  const storedRows = async () =>
    Object.fromEntries(
      await Promise.all(
        [...CRASHED, 'dossier_events', 'dossier_proc_day', 'dossier_proc_month', 'dossier_proc_at_total', 'dossier_overdue_cases'].map(async (t) => [t, await rowsPrint(t)]),
      ),
    )

  for (const table of CRASHED) {
    it(`a crash before writing ${table}: the start-up repair counts every event once, and a second repair changes nothing`, async () => {
      await e.load('agency', REGISTRY)
      const events = randomDossiers(33, 30)
      await e.load('dossier', events.slice(0, 40))
      failOnce(table)
      await expect(e.load('dossier', events.slice(40))).rejects.toThrow(/simulated crash/)
      await e.writer.recover()
      await expectExact(P, 'month') // whole months: dossier_month
      await expectExact(WEEKS, 'week') // days: dossier_day
      await expectExact(P, null)
      await expectExact(WEEKS, null) // both, and the totals
      await expectProceduresExact(WEEKS, [['province', '79'], ['ministry', 'G01']]) // the unit procedure sums
      await expectAgenciesExact(P) // the per-agency tables
      await expectAgenciesExact(WEEKS)
      // at a now inside the data, today's at-T changes by now come from dossier_instant alone (the
      // checks above read at a now in 2030, where no change is today's)
      if (table === 'dossier_instant') for (const now of nowsInside(events.slice(40))) await expectExact(makePeriod(vnDayLabel(now), vnDayLabel(now), now), null)
      // a second repair writes nothing: every figure above stays as checked
      const repaired = await storedRows()
      await e.writer.recover()
      expect(await storedRows()).toEqual(repaired)
    }, 60_000)
  }

  it('a store from before session 9 (JSON key-value rows), a batch left unfinished, gets the same events and states, and its repair counts the batch once (migrations 014, 015, 024, 025)', async () => {
    await e.load('agency', REGISTRY)
    const events = shuffle(randomDossiers(31, 60), rng(5))
    const cut = Math.floor(events.length * 0.8)
    await deliver(events.slice(0, cut), 11)
    failOnce('dossier_day') // after its rows: the repair must find the state before it
    await expect(e.load('dossier', events.slice(cut))).rejects.toThrow(/simulated crash/)
    const [{ b: unfinished }] = await e.store.rows<{ b: string }>("SELECT toString(max(batch)) AS b FROM ingest_batches WHERE kind = 'dossier'")
    const rows = () =>
      e.store.rows<{ dossier_code: string; ev: string; st: string; batch: string }>(
        `SELECT dossier_code, toJSONString(events) AS ev, toJSONString(egp_dossier_state(events)) AS st, toString(batch) AS batch FROM dossier_rows ORDER BY dossier_code`,
      )
    const before = await rows()
    expect(before.length).toBe(60)
    expect(before.filter((r) => r.batch === unfinished).length).toBeGreaterThan(0)
    // the rows as ingest before session 9 wrote them: events packed as arrays, times in µs since the epoch
    const us = (t: string | null) => (t === null ? null : Date.parse(t.replace(' ', 'T') + 'Z') * 1000 + Number(t.slice(23, 26)))
    const stateJson = (s: Record<string, unknown>) =>
      JSON.stringify({
        owner: s.owner, procedure: s.procedure, received: s.received === 1, received_at: us(s.received_at as string | null),
        finished_at: us(s.finished_at as string | null), closed_at: us(s.closed_at as string | null), ended_at: us((s.finished_at ?? s.closed_at) as string | null),
        due_at: us(s.due_at as string | null), channel: s.channel, paid_online: s.paid_online === 1, digitized: s.digitized === 1, on_time: false,
        end_status: s.end_status, events: 0, first_at: us(s.first_at as string),
      })
    const old = before.map((r) => ({
      dossier_code: r.dossier_code,
      events: JSON.stringify(
        (JSON.parse(r.ev) as Array<Record<string, unknown>>).map((x) => [
          x.id, x.status, us(x.at as string), x.agency, x.procedure, us(x.received as string | null), us(x.due as string | null), us(x.finished as string | null), x.channel, x.paid, x.digitized,
        ]),
      ),
      state: stateJson(JSON.parse(r.st)),
      prev: '', // what the repair reads since session 28 is each event's batch, not the state before
      batch: r.batch,
    }))
    await e.store.command('CREATE TABLE dossier_kv (dossier_code String, events String, state String, prev String, batch UInt64) ENGINE = EmbeddedRocksDB PRIMARY KEY dossier_code')
    await e.store.insert('dossier_kv', old)
    await e.store.command('TRUNCATE TABLE dossier_rows')
    for (const file of ['014-dossier-state-in-engine.sql', '015-drop-dossier-kv.sql', '024-dossier-rows.sql', '025-drop-dossier-states.sql'])
      for (const x of splitStatements(readFileSync(path.join(projectRoot(), 'sql/migrations', file), 'utf8'))) await e.store.command(x)
    // the same rows; each event tagged with the unfinished batch if that batch stored it, else 0
    const tagged = before.map((r) => ({
      ...r,
      ev: JSON.stringify((JSON.parse(r.ev) as Array<Record<string, unknown>>).map((x) => ({ ...x, batch: r.batch === unfinished && String(x.batch) === unfinished ? x.batch : typeof x.batch === 'string' ? '0' : 0 }))),
    }))
    expect((await rows()).map((r) => ({ ...r, ev: JSON.stringify(JSON.parse(r.ev)) }))).toEqual(tagged)
    expect(tagged.some((r) => (JSON.parse(r.ev) as Array<{ batch: unknown }>).some((x) => String(x.batch) !== '0'))).toBe(true)
    expect(await e.store.rows(`SELECT name FROM system.tables WHERE database = currentDatabase() AND name IN ('dossier_kv', 'dossier_states')`)).toEqual([])
    // the repair finishes the unfinished batch from the converted rows: every figure exact
    await e.writer.recover()
    await expectExact(P, null)
    await expectExact(WEEKS, 'week')
    // and ingest goes on from the converted rows: a redelivery changes nothing
    const repaired = await rowsPrint('dossier_rows')
    expect(await e.load('dossier', events)).toMatchObject({ accepted: 0 })
    expect(await rowsPrint('dossier_rows')).toEqual(repaired)
    await expectExact(P, null)
  }, 60_000)

  it('a crash during the repair after a crash: the next repair finishes both batches, every event counted once', async () => {
    await e.load('agency', REGISTRY)
    const events = randomDossiers(35, 30)
    await e.load('dossier', events.slice(0, 40))
    failOnce('dossier_rows') // the batch stores its raw events, not its rows
    await expect(e.load('dossier', events.slice(40))).rejects.toThrow(/simulated crash/)
    // the repair writes the batch's (empty) changes, then its rebuild writes the rows and stops
    // before its first aggregate write (the second batch's marker row into the working table)
    let marks = 0
    interceptInserts(async (t, _v, _tok, real, restore) => {
      if (t !== 'dossier_contrib' || ++marks < 2) return real()
      restore()
      throw new Error('simulated crash in the rebuild')
    })
    await expect(e.writer.recover()).rejects.toThrow(/simulated crash in the rebuild/)
    await e.writer.recover()
    await expectExact(P, null)
    await expectExact(WEEKS, 'week')
  }, 60_000)

  it('a delivery that repeats one of its own new events counts it once, even while its raw insert is slow', async () => {
    await e.load('agency', REGISTRY)
    const events = randomDossiers(55, 30)
    await e.load('dossier', events.slice(0, 20))
    const restore = interceptInserts(async (t, _v, _tok, real) => {
      if (t === 'dossier_events') await new Promise((r) => setTimeout(r, 300))
      return real()
    })
    try {
      const rest = events.slice(20)
      const r = await e.load('dossier', [...rest, ...rest.slice(0, 10)])
      expect(r).toMatchObject({ accepted: rest.length, duplicates: 10 })
    } finally {
      restore()
    }
    await expectExact(P, null)
    await expectExact(WEEKS, 'week')
  }, 60_000)

  it('deliveries of one source that wait together are written as one batch, each answered as if alone', async () => {
    await e.load('agency', REGISTRY)
    const { validateRecord } = await import('../ingest/validate')
    const { reference } = await import('../core/reference')
    const valid = (xs: Array<Record<string, unknown>>) =>
      xs.map((x, i) => {
        const v = validateRecord('dossier', x, i + 1, { provinceCodes: reference().provinceCodes })
        if (!v.ok) throw new Error(JSON.stringify(v.reject))
        return v.record
      })
    const events = valid(randomDossiers(66, 40))
    const [a, b, c, d] = [events.slice(0, 30), events.slice(30, 60), events.slice(60, 90), events.slice(90)]
    const batches = async () => Number((await e.store.rows<{ n: string }>(`SELECT count() AS n FROM ingest_batches WHERE kind = 'dossier' AND phase = 'done'`))[0].n)
    const before = await batches()
    // all four at once: A and B (one source, B repeating two of A's events and one of its own) wait
    // together; C comes from another source and D after it, so each is a batch of its own
    const results = await Promise.all([
      e.writer.write('dossier', a, 'portal'),
      e.writer.write('dossier', [...b, a[0], a[1], b[0]], 'portal'),
      e.writer.write('dossier', c, 'province-79'),
      e.writer.write('dossier', d, 'portal'),
    ])
    expect(results).toEqual([
      { accepted: 30, duplicates: 0 },
      { accepted: 30, duplicates: 3 },
      { accepted: 30, duplicates: 0 },
      { accepted: d.length, duplicates: 0 },
    ])
    expect((await batches()) - before).toBe(3)
    const dup = await e.store.rows<{ source: string; n: string }>(`SELECT source, toString(sum(duplicates)) AS n FROM duplicate_counts GROUP BY source ORDER BY source`)
    expect(dup).toEqual([{ source: 'portal', n: '3' }])
    await expectExact(P, null)
  }, 60_000)

  it('a redelivery after a crash between the raw insert and the state repairs the state without a start-up repair', async () => {
    await e.load('agency', REGISTRY)
    const events = randomDossiers(44, 30)
    failOnce('dossier_rows')
    await expect(e.load('dossier', events)).rejects.toThrow(/simulated crash/)
    const again = await e.load('dossier', events)
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length })
    await expectExact(P, null)
  }, 60_000)

  it('a batch that fails part-way is finished before the next one: the next ones are stored, every figure exact without a start-up repair', async () => {
    await e.load('agency', REGISTRY)
    const events = randomDossiers(77, 40)
    const thirds = [0, 1, 2].map((i) => events.filter((_, k) => k % 3 === i)) // the same dossiers in every batch
    failOnce('dossier_month') // after its states and its per-agency days
    const ctx = { provinceCodes: reference().provinceCodes }
    const valid = (t: Array<Record<string, unknown>>) => t.map((r, i) => validateRecord('dossier', r, i + 1, ctx)).flatMap((v) => (v.ok ? [v.record] : []))
    // three writes at once, from three sources (so that they are not taken together as one batch)
    const results = await Promise.allSettled(thirds.map((t, i) => e.writer.write('dossier', valid(t), `test-${i}`)))
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled'])
    await expectExact(P, 'month')
    await expectExact(WEEKS, 'week')
    const again = await e.load('dossier', events)
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length })
    await e.writer.recover()
    await expectExact(P, null)
  }, 60_000)
})

// ---------------------------------------------------------------------------------------------
// Documents

function randomExchanges(seed: number, n: number): Array<Record<string, unknown>> {
  const r = rng(seed)
  const out: Array<Record<string, unknown>> = []
  for (let d = 0; d < n; d++) {
    const document_id = `000.00.00.G01,2025/10/0${1 + (d % 9)},${seed}-${d}/VP`
    const from = AGENCIES[Math.floor(r() * AGENCIES.length)]
    const recipients = 1 + Math.floor(r() * 3)
    for (let k = 0; k < recipients; k++) {
      const to = AGENCIES[Math.floor(r() * AGENCIES.length)]
      const steps = 1 + Math.floor(r() * 4)
      for (let i = 0; i < steps; i++) {
        const status = ['00', '00', '01', '03', '02', '04', '05'][Math.floor(r() * 7)]
        out.push({ event_id: `${document_id}:${to}:${k}:${i}`, document_id, from_agency: from, to_agency: to, status, occurred_at: instant(r) })
      }
    }
  }
  return out
}

async function deliverDocuments(events: Array<Record<string, unknown>>, seed: number): Promise<void> {
  const r = rng(seed)
  const order = shuffle([...events, ...events.filter(() => r() < 0.1)], r)
  for (let i = 0; i < order.length; ) {
    const size = 1 + Math.floor(r() * 40)
    const res = await e.load('document', order.slice(i, i + size))
    expect(res.rejects).toEqual([])
    i += size
  }
}

interface BruteRow {
  unit: string
  [k: string]: string
}
async function bruteDocuments(level: 'province' | 'ministry', structure: Structure, p: Period): Promise<Map<string, DocumentFigures>> {
  const rows = await e.store.named<BruteRow>('brute-document-figures', { level, structure, start: chTime(p.start), end: chTime(p.end), T: chTime(p.T) })
  const out = new Map<string, DocumentFigures>()
  for (const row of rows) {
    const n = (k: string) => Number(row[k])
    out.set(row.unit, {
      sent: n('sent'),
      received: n('received'),
      accepted_rate: rate(n('accepted'), n('received')),
      refused_rate: rate(n('refused'), n('received')),
      latency_p50_s: n('accepted') === 0 ? null : Number(BigInt(row.p50_us)) / 1e6,
      latency_p95_s: n('accepted') === 0 ? null : Number(BigInt(row.p95_us)) / 1e6,
      unacknowledged: n('unacknowledged'),
    })
  }
  return out
}

const NO_DOCS: DocumentFigures = { sent: 0, received: 0, accepted_rate: null, refused_rate: null, latency_p50_s: null, latency_p95_s: null, unacknowledged: 0 }

async function expectDocumentsExact(period: Period): Promise<number> {
  let compared = 0
  for (const [level, structure] of [['province', 'current'], ['province', 'historical'], ['ministry', 'current']] as const) {
    const got = await documentUnits(e.store, { level, structure, period })
    const want = await bruteDocuments(level, structure, period)
    for (const u of got) {
      const { code, name: _name, ...figures } = u
      const label = `${level}/${structure} ${code} ${period.from}..${period.to} T=${period.T.toISOString()}`
      expect({ label, ...figures }).toEqual({ label, ...(want.get(code) ?? NO_DOCS) })
      compared++
    }
  }
  return compared
}

describe('aggregated document figures equal the brute force over the per-exchange state', () => {
  it('random exchanges in random batches, duplicates: periods and "now" inside a day', async () => {
    await e.load('agency', REGISTRY)
    await deliverDocuments(randomExchanges(5, 80), 9)
    let compared = 0
    compared += await expectDocumentsExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')))
    compared += await expectDocumentsExact(makePeriod('2025-09-15', '2025-11-20', new Date('2030-01-01')))
    // days alone, from a cutoff inside its month (the query's text then has no whole months)
    compared += await expectDocumentsExact(makePeriod('2025-10-10', '2025-10-20', new Date('2030-01-01')))
    for (const now of ['2025-10-17T13:37:00+07:00', '2025-10-17T00:00:00+07:00', '2025-11-02T23:59:59+07:00']) {
      compared += await expectDocumentsExact(makePeriod('2025-10-01', '2025-11-30', new Date(now)))
    }
    expect(compared).toBeGreaterThan(30)
  }, 120_000)

  // ClickHouse records an insert's deduplication token before it commits the part: a process
  // killed between the two leaves the token without the rows, and a replay under that token
  // would be dropped. Simulated: the token goes in with other rows, then the "crash".
  for (const table of ['document_day', 'exchange_latency']) {
    it(`a crash that left ${table}'s token recorded but its rows uncommitted: the repair writes them`, async () => {
      await e.load('agency', REGISTRY)
      const events = randomExchanges(8, 30)
      await e.load('document', events.slice(0, 30))
      interceptInserts(async (t, v, tok, real, restore) => {
        if (t !== table || !tok) return real()
        restore()
        // the token, recorded with a row no figure reads, and not the batch's rows
        const stray: Record<string, unknown> = { ...(v[0] as Record<string, unknown>) }
        for (const c of ['agency_code', 'to_agency']) if (c in stray) stray[c] = '~stray'
        await (e.store as unknown as { insert: Insert }).insert(t, [stray], tok)
        throw new Error(`simulated crash after ${table}'s token`)
      })
      await expect(e.load('document', events.slice(30))).rejects.toThrow(/simulated crash/)
      await e.writer.recover()
      await expectDocumentsExact(makePeriod('2025-09-03', '2025-12-20', new Date('2030-01-01')))
    }, 60_000)
  }

  it('a crash before writing the aggregates: the start-up repair counts every exchange once', async () => {
    await e.load('agency', REGISTRY)
    const events = randomExchanges(6, 30)
    await e.load('document', events.slice(0, 30))
    interceptInserts(async (t, _v, _tok, real, restore) => {
      if (t !== 'document_month') return real()
      restore()
      throw new Error('simulated crash')
    })
    await expect(e.load('document', events.slice(30))).rejects.toThrow(/simulated crash/)
    await e.writer.recover()
    await expectDocumentsExact(makePeriod('2025-09-03', '2025-12-20', new Date('2030-01-01')))
    await e.writer.recover()
    await expectDocumentsExact(makePeriod('2025-10-01', '2025-10-31', new Date('2030-01-01')))
  }, 60_000)
})
