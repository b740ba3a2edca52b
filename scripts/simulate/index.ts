// Deterministic simulator of egov-pulse input at national shape: the agency registry
// (registry.ts) and the three event streams (dossier, document, connection) in the NDJSON
// shapes of the events contract, plus a "live" ticker for a demo feed. Seeded, streaming
// (generators hold only what is in flight), fast enough to feed a national-year bench.
import { Rng, clamp, cumulative, hashFrac, hashStr, pickCum } from './rng'
import {
  AM_END, AM_START, DAY, HOUR, MERGER_S, MIN, PM_END, PM_START,
  dayIdx, dayStart, weekday, demandFactor, documentFactor, dueAfterWorkdays, isWorkday, iso, snapToWork, ymd,
} from './calendar'
import { procedureCatalogue, procedurePool, type ProcedurePool } from './procedures'
import { POPULATION_2025, type AgencyRow } from './registry'
import { simReference } from './reference'
import { Heap, TimeQueue, timeOf } from './queue'

export { simulateRegistry, NATIONAL_COMMUNES } from './registry'
export type { AgencyLevel, AgencyRow } from './registry'
export { procedureCatalogue, type Procedure } from './procedures'
export { Rng } from './rng'

// ───────────────────────────── public types ─────────────────────────────

export interface SimOptions {
  seed?: number
  from: Date
  to: Date
  /** Volume: 1 ≈ 150k dossiers (≈ 620k dossier events) and 30k documents a year. Default 1. */
  scale?: number
  /**
   * Volume as a number of events of the stream over [from, to] (about: ±1%); wins over
   * `scale`. A national year is ≈ 300M dossier events and ≈ 20M document events.
   */
  events?: number
  /** Share of events delivered late (hours to days after they occurred, out of order). Default 0.01. */
  lateFraction?: number
  /** Share of events delivered twice (same event_id, identical content). Default 0.002. */
  duplicateFraction?: number
  /** Share of dossiers and exchanges whose agency is not in the registry. Default 0.005. */
  unmappedFraction?: number
}

export interface DossierEvent {
  event_id: string
  dossier_code: string
  status: number
  occurred_at: string
  agency_code: string
  procedure_code: string
  sector_code?: string
  channel?: number
  applicant_type?: number
  received_at?: string
  due_at?: string
  finished_at?: string
  paid_online?: boolean
  digitized?: boolean
}

export interface DocumentEvent {
  event_id: string
  document_id: string
  from_agency: string
  to_agency: string
  status: string
  occurred_at: string
  business_type?: number
  due_at?: string
}

export type Platform = 'document_axis' | 'service_portal'
export type ConnectionState = 'testing' | 'connected' | 'disconnected'

export interface ConnectionEvent {
  event_id: string
  agency_code: string
  platform: Platform
  state: ConnectionState
  occurred_at: string
}

/** Agency codes the simulator uses for the small share of events whose agency is not in the registry. */
export const UNMAPPED_AGENCY_CODES = ['000.99.00.X01', '000.99.00.X02', '000.98.00.X03'] as const

/** ISO text with seconds and the +07:00 offset of an instant given in milliseconds (as before). */
export function isoLocal(ms: number): string {
  return iso(Math.floor(ms / 1000))
}

/**
 * National proportions: a year has ≈ 65M dossiers (≈ 300M dossier events) and ≈ 7M document
 * exchanges (≈ 2M documents, ≈ 20M document events). Splits a total number of events.
 */
export function nationalSplit(events: number): { dossier: number; document: number } {
  const document = Math.round((events * 20) / 320)
  return { dossier: events - document, document }
}

// ───────────────────────────── simulation context ─────────────────────────────

type AgKind = 'ministry' | 'unit' | 'branch' | 'ubnd' | 'dept' | 'deptunit' | 'commune' | 'district' | 'unmapped'

interface Ag {
  /** Index in ctx.all. */
  idx: number
  code: string
  kind: AgKind
  /** Ministry code, or 2025 province code. */
  unit: string
  /** province_code as in the registry (2004 code for a former province). */
  province: string
  /** Of a province that no longer exists, or a district: active before 2025-07-01 only. */
  former: boolean
  abbr: string
  /** Run, day and count of the dossiers numbered so far that day (dossier codes). */
  seqRun: number
  seqDay: number
  seqN: number
  q: number
  late: number
  online: number
  paid: number
  digit: number
  pool: ProcedurePool
}

interface Ctx {
  seed: number
  ags: Ag[]
  unmapped: Ag[]
  /** ags, then unmapped: an Ag's `idx` indexes this. */
  all: Ag[]
  dossierCumPre: Float64Array
  dossierCumPost: Float64Array
  docCumPre: Float64Array
  docCumPost: Float64Array
  ubndPost: Ag[]
  ubndPre: Ag[]
  ministries: Ag[]
  unitsOf: Map<string, Ag[]>
  deptsOf: Map<string, Ag[]>
  communesOf: Map<string, Ag[]>
  ubndOf: Map<string, Ag>
  allDepts: Ag[]
  centralUnits: Ag[]
}

/** Relative dossier volume of the ministries (by the last part of their code). */
const MINISTRY_WEIGHT: Record<string, number> = {
  G01: 6, G12: 5, G02: 2, G17: 3, G06: 1.5, G18: 2, G10: 2, G03: 1.5, G09: 1.5, G15: 1.5, G08: 1.5, G16: 1, G19: 1, G11: 0.5, G21: 0.3, G20: 0.2, G22: 0.2,
}
/** How much an agency handles dossiers, from its name (registry rows carry no volume). */
const ACTIVITY: Array<[RegExp, number]> = [
  [/Đăng ký đất đai|Phục vụ hành chính công|Đăng ký kinh doanh/, 6],
  [/^(Công an|Thuế|Bảo hiểm xã hội)/, 3],
  [/Công chứng|Đăng kiểm|Quản lý xuất nhập cảnh|Hải quan|Lý lịch tư pháp|Hộ tịch/, 2],
  [/^(Trường|Thư viện|Bảo tàng|Tạp chí|Báo |Viện|Học viện|Đài |Thanh tra|Ban Quản lý dự án|Quỹ|Vụ |Văn phòng|Trung tâm Thông tin|Trung tâm Công nghệ)/, 0.08],
]
const activity = (name: string) => ACTIVITY.find(([re]) => re.test(name))?.[1] ?? 1

const lastPart = (code: string) => code.split('.').pop() ?? code

/** Initials for a document symbol: "Sở Tư pháp thành phố Hà Nội" → "STP", "Văn phòng Chính phủ" → "VPCP". */
function abbreviation(name: string, kind: AgKind): string {
  if (kind === 'ubnd' || kind === 'commune' || kind === 'district' || /^(Ủy ban nhân dân|UBND)/.test(name)) return 'UBND'
  const base = name.replace(/,? (tỉnh|thành phố) .*$/, '')
  const words = base.split(/[\s,]+/).filter((w) => w && w !== 'và' && w !== '-')
  return (words.map((w) => w[0].toUpperCase()).join('') || 'VP').slice(0, 10)
}

function buildCtx(registry: readonly AgencyRow[], seed: number): Ctx {
  const ref = simReference()
  const rows = new Map<string, AgencyRow>()
  for (const r of registry) if (!rows.has(r.agency_code)) rows.set(r.agency_code, r)
  const isUbnd = (r: AgencyRow | undefined) => !!r && r.level === 'province' && (/^000\.00\.00\./.test(r.agency_code) || /^(Ủy ban nhân dân|UBND)/.test(r.name))
  const ags: Ag[] = []
  const names = new Map<Ag, string>()
  for (const r of rows.values()) {
    let kind: AgKind
    const parent = r.parent_code ? rows.get(r.parent_code) : undefined
    if (r.level === 'central') kind = !r.ministry || r.ministry === r.agency_code ? 'ministry' : !parent || parent.agency_code === r.ministry ? 'unit' : 'branch'
    else if (r.level === 'commune') kind = 'commune'
    else if (r.level === 'district') kind = 'district'
    else if (isUbnd(r)) kind = 'ubnd'
    else kind = !parent || isUbnd(parent) ? 'dept' : 'deptunit'
    const province = r.province_code ?? ''
    const former = r.level === 'district' || (r.level !== 'central' && !ref.codes2025.has(province))
    const unit = r.level === 'central' ? (r.ministry ?? r.agency_code) : (ref.successor.get(province) ?? province)
    const poolKind = kind === 'commune' || kind === 'district' || kind === 'ubnd' ? kind : r.level === 'central' ? 'central' : 'province'
    const pool = procedurePool(poolKind, parent ? [r.name, parent.name] : [r.name], r.ministry)
    const a: Ag = { idx: ags.length, code: r.agency_code, kind, unit, province, former, abbr: abbreviation(r.name, kind), seqRun: 0, seqDay: -1, seqN: 0, q: 0.5, late: 0.1, online: 0.5, paid: 0.5, digit: 0.5, pool }
    ags.push(a)
    names.set(a, r.name)
  }

  // Unit quality: spread evenly over [0.02, 0.98] within ministries and within provinces, in a seeded order.
  const unitQ = new Map<string, number>()
  for (const central of [true, false]) {
    const units = [...new Set(ags.filter((a) => isCentral(a) === central).map((a) => a.unit))]
    units.sort((a, b) => hashStr(`${seed}:q:${a}`) - hashStr(`${seed}:q:${b}`) || (a < b ? -1 : 1))
    units.forEach((u, i) => unitQ.set(u, units.length > 1 ? 0.02 + (0.96 * i) / (units.length - 1) : 0.6))
  }
  for (const a of ags) tune(a, seed, unitQ.get(a.unit) ?? 0.5)

  const unmapped = UNMAPPED_AGENCY_CODES.map((code) => {
    const a: Ag = { idx: 0, code, kind: 'unmapped', unit: '', province: '', former: false, abbr: 'CQ', seqRun: 0, seqDay: -1, seqN: 0, q: 0.5, late: 0.1, online: 0.5, paid: 0.5, digit: 0.5, pool: procedurePool('commune', []) }
    tune(a, seed, 0.5)
    return a
  })

  // Volume weights: by kind, province population, ministry weight and the agency's activity.
  const groupCount = new Map<string, number>()
  const groupKey = (a: Ag) => `${a.kind}|${a.unit}|${a.former}`
  for (const a of ags) groupCount.set(groupKey(a), (groupCount.get(groupKey(a)) ?? 0) + 1)
  const n = (a: Ag) => groupCount.get(groupKey(a)) ?? 1
  const jitter = (a: Ag, k: string) => 0.6 + 0.8 * hashFrac(seed, 'w', k, a.code)
  const pop = (a: Ag) => POPULATION_2025[a.unit] ?? 2
  const big = (a: Ag) => (a.unit === '01' || a.unit === '79' ? 1.3 : 1)
  const mw = (a: Ag) => MINISTRY_WEIGHT[lastPart(a.unit)] ?? 1
  const dossierRaw = (a: Ag, pre: boolean): number => {
    if (a.former && !pre) return 0
    const j = jitter(a, 'd') * activity(names.get(a)!)
    switch (a.kind) {
      case 'ministry': return mw(a) * 0.05 * j
      case 'unit': return (mw(a) * 0.45 * j) / n(a)
      case 'branch': return (mw(a) * 0.5 * j) / n(a)
      case 'ubnd': return a.former ? 0.02 * pop(a) * j : pop(a) * 0.03 * j * big(a)
      case 'dept': return (pop(a) * 0.2 * j * big(a)) / n(a)
      case 'deptunit': return (pop(a) * 0.12 * j * big(a)) / n(a)
      case 'commune': return ((pre ? 0.3 : 0.65) * pop(a) * j * big(a)) / n(a)
      case 'district': return (0.35 * pop(a) * j) / n(a)
      default: return 0
    }
  }
  const docRaw = (a: Ag, pre: boolean): number => {
    if (a.former && !pre) return 0
    const j = jitter(a, 'doc')
    switch (a.kind) {
      case 'ministry': return 0.6 * j
      case 'unit': return (4 * j) / 17
      case 'branch': return 0.05 * j
      case 'ubnd': return 0.8 * Math.sqrt(pop(a)) * j
      case 'dept': return 0.25 * Math.sqrt(pop(a)) * j
      case 'deptunit': return 0.02 * j
      case 'commune': return (pre ? 0.02 : 0.05) * j
      case 'district': return 0.08 * j
      default: return 0
    }
  }
  const norm = (raw: (a: Ag, pre: boolean) => number, centralShare: number, pre: boolean) => {
    const w = ags.map((a) => raw(a, pre))
    let c = 0
    let l = 0
    ags.forEach((a, i) => (isCentral(a) ? (c += w[i]) : (l += w[i])))
    return cumulative(ags.map((a, i) => (isCentral(a) ? (c ? (w[i] * centralShare) / c : 0) : l ? (w[i] * (1 - centralShare)) / l : 0)))
  }

  const group = (pred: (a: Ag) => boolean, key: (a: Ag) => string) => {
    const m = new Map<string, Ag[]>()
    for (const a of ags) {
      if (!pred(a)) continue
      const k = key(a)
      const list = m.get(k)
      if (list) list.push(a)
      else m.set(k, [a])
    }
    return m
  }
  const ubndOf = new Map<string, Ag>()
  for (const a of ags) if (a.kind === 'ubnd' && !ubndOf.has(a.province)) ubndOf.set(a.province, a)

  unmapped.forEach((a, i) => (a.idx = ags.length + i))
  return {
    seed,
    ags,
    unmapped,
    all: [...ags, ...unmapped],
    dossierCumPre: norm(dossierRaw, 0.12, true),
    dossierCumPost: norm(dossierRaw, 0.12, false),
    docCumPre: norm(docRaw, 0.3, true),
    docCumPost: norm(docRaw, 0.3, false),
    ubndPost: ags.filter((a) => a.kind === 'ubnd' && !a.former),
    ubndPre: ags.filter((a) => a.kind === 'ubnd'),
    ministries: ags.filter((a) => a.kind === 'ministry'),
    unitsOf: group((a) => a.kind === 'unit', (a) => a.unit),
    deptsOf: group((a) => a.kind === 'dept', (a) => a.province),
    communesOf: group((a) => a.kind === 'commune' || a.kind === 'district', (a) => a.province),
    ubndOf,
    allDepts: ags.filter((a) => a.kind === 'dept' && !a.former),
    centralUnits: ags.filter((a) => a.kind === 'unit'),
  }
}

const isCentral = (a: Ag) => a.kind === 'ministry' || a.kind === 'unit' || a.kind === 'branch'

/** Derive an agency's behaviour from its unit's quality (with a little per-agency noise). */
function tune(a: Ag, seed: number, unitQ: number): void {
  const j = (k: string) => hashFrac(seed, k, a.code) - 0.5
  const q = clamp(unitQ + 0.12 * j('q'), 0, 1)
  a.q = q
  a.late = clamp(0.27 - 0.24 * q + 0.03 * j('late'), 0.02, 0.35)
  a.online = clamp(0.22 + 0.4 * q + 0.06 * j('online') + (isCentral(a) ? 0.05 : 0), 0.08, 0.85)
  a.paid = clamp(0.25 + 0.55 * q + 0.06 * j('paid'), 0.1, 0.9)
  a.digit = clamp(0.18 + 0.74 * q + 0.06 * j('digit'), 0.05, 0.97)
}

const ctxCache = new WeakMap<readonly AgencyRow[], Map<string, Ctx>>()
function ctxFor(registry: readonly AgencyRow[], seed: number): Ctx {
  let m = ctxCache.get(registry)
  if (!m) ctxCache.set(registry, (m = new Map()))
  const key = `${seed}:${registry.length}`
  let c = m.get(key)
  if (!c) m.set(key, (c = buildCtx(registry, seed)))
  return c
}

function pickAg(ctx: Ctx, cum: Float64Array, rng: Rng): Ag | undefined {
  const total = cum.length ? cum[cum.length - 1] : 0
  if (!(total > 0)) return undefined
  return ctx.ags[pickCum(cum, rng.next() * total)]
}

interface Range {
  fromS: number
  toS: number
  seed: number
  lateP: number
  dupP: number
  unmappedP: number
}

function range(opts: SimOptions): Range {
  const fromMs = opts.from.getTime()
  const toMs = opts.to.getTime()
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new Error('simulate: from and to must be valid dates')
  return {
    fromS: Math.ceil(fromMs / 1000),
    toS: Math.floor(toMs / 1000),
    seed: opts.seed ?? 1,
    lateP: opts.lateFraction ?? 0.01,
    dupP: opts.duplicateFraction ?? 0.002,
    unmappedP: opts.unmappedFraction ?? 0.005,
  }
}

/** Sum of demand over the days of 2025: the yearly volume that `scale` refers to. */
const yearDemand = (f: (day: number) => number) => {
  let s = 0
  for (let d = Date.UTC(2025, 0, 1) / 1000 / DAY; d < Date.UTC(2026, 0, 1) / 1000 / DAY; d++) s += f(d)
  return s
}
const DOSSIER_YEAR_DEMAND = yearDemand(demandFactor)
const DOCUMENT_YEAR_DEMAND = yearDemand(documentFactor)

/** Day-to-day variation of demand (±8%), fixed by the seed and the day. */
const dayNoise = (seed: number, kind: string, day: number) => 0.92 + 0.16 * hashFrac(seed, kind, day)

/** Times of day (hours) at which the calibration samples a day's starts. */
const SAMPLE_HOURS = [8.5, 9.5, 10.5, 14, 15, 16, 20]

/**
 * New items per unit of demand: from `scale`, or calibrated so the stream gives about
 * `events` events. `lengths(h)` = mean events an item emits in its first `h` hours (its later
 * events are cut at `to`).
 */
function perDemand(o: SimOptions, r: Range, perYear: number, yearDemandSum: number, factor: (day: number) => number, lengths: (hours: number, day: number) => number, kind: string): number {
  if (o.events === undefined) return ((o.scale ?? 1) * perYear) / yearDemandSum
  let expected = 0
  const last = dayIdx(r.toS)
  for (let day = dayIdx(r.fromS); day <= last; day++) {
    let e = 0
    for (const h of SAMPLE_HOURS) {
      const start = dayStart(day) + h * HOUR
      if (start >= r.fromS && start <= r.toS) e += lengths((r.toS - start) / HOUR, day)
    }
    expected += factor(day) * dayNoise(r.seed, kind, day) * (e / SAMPLE_HOURS.length)
  }
  return expected > 0 ? Math.max(0, o.events) / expected : 0
}

/**
 * Mean events per item started on day `day` in its first h hours: measured on a pilot of `n`
 * items per weekday (deterministic; what follows a Friday is not what follows a Monday),
 * counting duplicates.
 */
function pilotLengths(n: number, dupP: number, firstDay: number, life: (rng: Rng, day: number) => number[]): (hours: number, day: number) => number {
  const bins = 400 * 24
  const rng = new Rng(0x9e3779b9)
  const cums: Float64Array[] = []
  for (let w = 0; w < 7; w++) {
    const hist = new Float64Array(bins)
    const day = firstDay + ((w - weekday(firstDay) + 7) % 7)
    for (let i = 0; i < n; i++) {
      const ts = life(rng, day)
      for (const t of ts) hist[Math.min(bins - 1, Math.max(0, Math.floor((t - ts[0]) / HOUR)))]++
    }
    cums[weekday(day)] = cumulative(Array.from(hist))
  }
  return (h: number, day: number) => {
    if (h < 0 || n === 0) return 0
    const cum = cums[weekday(day)]
    const k = Math.min(bins - 1, Math.floor(h))
    const below = k > 0 ? cum[k - 1] : 0
    return ((below + (h - Math.floor(h)) * (cum[k] - below)) / n) * (1 + dupP)
  }
}

// ───────────────────────────── dossiers ─────────────────────────────

const ONLINE_HOURS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1.5, 4, 7, 9, 9, 8, 5, 6, 8, 8, 7, 5, 4, 4, 3.5, 3, 2, 1.5]
const ONLINE_CUM = cumulative(ONLINE_HOURS)
/** Online share rises by this much a year (from its level on 2025-07-01). */
const ONLINE_GROWTH_PER_YEAR = 0.15

function onlineTime(day: number, rng: Rng): number {
  const h = pickCum(ONLINE_CUM, rng.next() * ONLINE_CUM[ONLINE_CUM.length - 1])
  return dayStart(day) + h * HOUR + Math.floor(rng.next() * HOUR)
}

/** A time of office hours on `day` (morning busier). */
function officeTime(day: number, rng: Rng): number {
  return rng.chance(0.58)
    ? dayStart(day) + AM_START + Math.floor(rng.next() * (AM_END - AM_START))
    : dayStart(day) + PM_START + Math.floor(rng.next() * (PM_END - PM_START))
}

function pickChannel(ag: Ag, rng: Rng, workday: boolean, trend: number): number {
  if (!workday || rng.chance(clamp(ag.online + trend, 0.03, 0.95))) return 2
  return rng.chance(0.03) ? 3 : 1
}

const onlineTrend = (day: number) => (ONLINE_GROWTH_PER_YEAR * (day - dayIdx(MERGER_S))) / 365

/**
 * Times inside a dossier's plan are seconds from 2020-01-01 (they fit an Int32 until 2088).
 * Plans live in typed-array columns of a pool, one slot per dossier in flight: at the national
 * rate ≈ 2–3M dossiers are in flight, and objects for them would make the garbage collector
 * the bottleneck (ADR 010).
 */
const BASE = Date.UTC(2020, 0, 1) / 1000
/** A plan has at most 8 events (1, 2, 4, 5, 4, 6, 9, 10). */
const STEPS = 8
/** Powers of 11: the statuses (1–10) of a plan's events packed into one integer. */
const POW11 = [1, 11, 121, 1331, 14641, 161051, 1771561, 19487171, 214358881]
/** `yymmdd` of each day (dossier codes), made once per day. */
const YYMMDD: string[] = []
const yymmdd = (day: number) => (YYMMDD[day] ??= ymd(day).slice(2).replaceAll('-', ''))
/** Every procedure of the catalogue, by index (a plan stores the index). */
const PROCS = procedureCatalogue()
const PROC_INDEX = new Map(PROCS.map((p, i) => [p, i]))

/** Dossier plans by slot: which agency and procedure, the flags, the event times and statuses. */
class DossierPool {
  cap = 0
  /** Index in ctx.all. */
  ag = new Int32Array(0)
  proc = new Int32Array(0)
  /** channel | applicant_type << 2 | paid_online << 5 | digitized << 6 */
  flags = new Int32Array(0)
  /** Day and number within the agency's day: the dossier code. */
  day = new Int32Array(0)
  n = new Int32Array(0)
  /** Statuses packed base 11. */
  sts = new Int32Array(0)
  /** Index of the event that carries the new due date after a supplement, or -1. */
  resub = new Int32Array(0)
  due = new Int32Array(0)
  due2 = new Int32Array(0)
  finished = new Int32Array(0)
  /** Events planned, and the next one to emit. */
  len = new Int32Array(0)
  k = new Int32Array(0)
  /** Event times, STEPS a slot. */
  ts = new Int32Array(0)
  private free: number[] = []
  private next = 0

  alloc(): number {
    const s = this.free.length ? this.free.pop()! : this.next++
    if (s >= this.cap) this.grow(Math.max(1024, this.cap * 2))
    this.sts[s] = 0
    this.resub[s] = -1
    this.len[s] = 0
    this.k[s] = 0
    return s
  }

  release(s: number): void {
    this.free.push(s)
  }

  private grow(cap: number): void {
    const g = (a: Int32Array, per = 1) => {
      const b = new Int32Array(cap * per)
      b.set(a)
      return b
    }
    this.ag = g(this.ag)
    this.proc = g(this.proc)
    this.flags = g(this.flags)
    this.day = g(this.day)
    this.n = g(this.n)
    this.sts = g(this.sts)
    this.resub = g(this.resub)
    this.due = g(this.due)
    this.due2 = g(this.due2)
    this.finished = g(this.finished)
    this.len = g(this.len)
    this.k = g(this.k)
    this.ts = g(this.ts, STEPS)
    this.cap = cap
  }
}

/** A late or duplicate delivery: an event already made, emitted at `t`. */
interface Extra<E> {
  t: number
  ev: E
}

/** Append an event to a plan unless it falls after `toS` (then the plan is cut there). */
function step(p: DossierPool, s: number, t: number, status: number, toS: number): boolean {
  if (t > toS) return false
  const i = p.len[s]++
  p.sts[s] += status * POW11[i]
  p.ts[s * STEPS + i] = t - BASE
  return true
}

/**
 * Plan one dossier into a new slot of `p`: its events' times and statuses, none after `toS`
 * (live: compressed into minutes). No closures here: this runs for every dossier.
 */
function planDossier(p: DossierPool, ag: Ag, rng: Rng, t0: number, channel: number, day: number, n: number, live: boolean, toS: number): number {
  const pool = ag.pool
  const proc = pool.procs[pickCum(pool.cum, rng.next() * pool.cum[pool.cum.length - 1])]
  const applicant = rng.chance(proc.biz) ? 2 : rng.chance(0.94) ? 1 : rng.chance(0.15) ? 3 : 4
  const online = channel === 2
  const paid = online && rng.chance(ag.paid)
  const digitized = rng.chance(ag.digit)
  const s = p.alloc()
  p.ag[s] = ag.idx
  p.proc[s] = PROC_INDEX.get(proc)!
  p.flags[s] = channel | (applicant << 2) | (paid ? 32 : 0) | (digitized ? 64 : 0)
  p.day[s] = day
  p.n[s] = n

  if (rng.chance(online ? 0.85 : 0.12)) step(p, s, t0, 1, toS)
  let R: number
  if (online) R = live ? t0 + Math.floor(rng.range(5, 90)) : snapToWork(Math.floor(t0 + 5 * MIN + rng.expo(3 * HOUR)), rng.next())
  else if (channel === 3) R = live ? t0 + Math.floor(rng.range(20, 120)) : snapToWork(Math.floor(t0 + rng.range(1, 3) * DAY), rng.next())
  else R = Math.floor(t0 + (live ? rng.range(3, 30) : rng.range(1, 20) * MIN))
  if (online && rng.chance(0.015 + 0.03 * (1 - ag.q))) {
    step(p, s, R, 3, toS) // not accepted
    return s
  }
  let D = dueAfterWorkdays(R, proc.days)
  p.due[s] = D - BASE
  if (!step(p, s, R, 2, toS)) return s

  let cursor = R
  if (rng.chance(0.85)) {
    const x = live ? R + Math.floor(rng.range(20, 240)) : snapToWork(Math.floor(R + 10 * MIN + rng.expo(3 * HOUR)), rng.next())
    if (x < D) {
      if (!step(p, s, x, 4, toS)) return s
      cursor = x
    }
  }
  // When it would finish: on time, late, or stuck long past its due date.
  const late = clamp(ag.late * proc.lateness, 0.01, 0.6)
  let F: number
  if (live) {
    F = cursor + rng.range(2, 25) * MIN
    if (rng.chance(0.1)) F = D + DAY // still pending in the session
  } else if (rng.chance(0.006 + 0.02 * (1 - ag.q))) {
    F = snapToWork(Math.floor(D + rng.range(15, 120) * DAY), rng.next())
  } else if (rng.chance(late)) {
    F = snapToWork(Math.floor(D + HOUR + rng.expo(3.5 * DAY)), rng.next())
  } else {
    F = snapToWork(Math.floor(R + (D - R) * (0.1 + 0.85 * Math.pow(rng.next(), 0.8))), rng.next())
    if (F > D) F = D - rng.range(0, 3 * HOUR)
  }
  F = Math.floor(F)
  if (F <= cursor) F = cursor + Math.floor(live ? rng.range(30, 300) : rng.range(20, 120) * MIN)

  // Supplement requested: the clock stops, a new due date comes with the resubmission.
  if (rng.chance(0.06)) {
    const x = Math.floor(cursor + (F - cursor) * rng.range(0.1, 0.5))
    if (!step(p, s, x, 5, toS)) return s
    const back = live ? x + Math.floor(rng.range(30, 180)) : snapToWork(Math.floor(x + rng.range(1, 10) * DAY), rng.next())
    const gap = back - x
    D += gap
    F += gap
    p.due2[s] = D - BASE
    p.resub[s] = p.len[s]
    if (!step(p, s, back, 4, toS)) return s
    cursor = back
  }
  if (rng.chance(0.08)) {
    const m = Math.floor(cursor + (F - cursor) * rng.range(0.4, 0.9))
    if (!step(p, s, m, 6, toS)) return s
    cursor = m
  }
  const u = rng.next()
  if (u < 0.023) {
    step(p, s, Math.floor(cursor + (F - cursor) * rng.range(0.2, 0.9)), u < 0.015 ? 7 : 8, toS) // withdrawn / stopped
    return s
  }
  p.finished[s] = F - BASE
  if (rng.chance(0.75)) {
    if (!step(p, s, F, 9, toS)) return s
    step(p, s, live ? F + Math.floor(rng.range(20, 300)) : snapToWork(Math.floor(F + rng.expo(DAY)), rng.next()), 10, toS)
  } else {
    step(p, s, F, 10, toS)
  }
  return s
}

/** The events' times of a plan, in epoch seconds. */
function planTimes(p: DossierPool, s: number): number[] {
  const out: number[] = []
  for (let i = 0; i < p.len[s]; i++) out.push(BASE + p.ts[s * STEPS + i])
  return out
}

/** Event `k` of the dossier in slot `s`, with the fields its status carries. */
function dossierEvent(p: DossierPool, s: number, k: number, ctx: Ctx, liveCode?: string): DossierEvent {
  const status = Math.floor(p.sts[s] / POW11[k]) % 11
  const ag = ctx.all[p.ag[s]]
  const proc = PROCS[p.proc[s]]
  const n = p.n[s]
  const code = liveCode ?? `${ag.code}-${yymmdd(p.day[s])}-${n < 1000 ? String(n).padStart(4, '0') : n}`
  const flags = p.flags[s]
  const ev: DossierEvent = {
    event_id: `sim:${code}:${k + 1}`,
    dossier_code: code,
    status,
    occurred_at: iso(BASE + p.ts[s * STEPS + k]),
    agency_code: ag.code,
    procedure_code: proc.code,
    sector_code: proc.sector,
  }
  if (status === 1) {
    ev.channel = flags & 3
    ev.applicant_type = (flags >> 2) & 7
  } else if (status === 2) {
    ev.channel = flags & 3
    ev.applicant_type = (flags >> 2) & 7
    ev.received_at = ev.occurred_at
    ev.due_at = iso(BASE + p.due[s])
    ev.paid_online = (flags & 32) !== 0
    ev.digitized = (flags & 64) !== 0
  } else if (status === 9 || status === 10) {
    ev.finished_at = iso(BASE + p.finished[s])
  } else if (k === p.resub[s]) {
    ev.due_at = iso(BASE + p.due2[s])
  }
  return ev
}

/** Generator runs so far: dossier numbering restarts with each run. */
let runs = 0

/** When a late event is delivered: hours to days after it occurred. */
const lateDelay = (rng: Rng) => Math.floor(HOUR + Math.min(20 * DAY, rng.expo(1.5 * DAY)))

/**
 * Dossier events of [from, to], in order of delivery: by `occurred_at`, except the configured
 * share delivered late (hours to days after, out of order) and twice (duplicates), and a small
 * share naming an agency that is not in the registry. National shape: weekdays busy, weekends
 * and holidays quiet, a deep dip over Tết and a catch-up after it, the online share rising.
 */
export function* simulateDossierEvents(registry: AgencyRow[], opts: SimOptions): Generator<DossierEvent> {
  const r = range(opts)
  const { fromS, toS, seed, lateP, dupP, unmappedP } = r
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`dossier:${seed}`))
  const pool = new DossierPool()
  // Queue items: a slot of the pool (≥ 0), or -(i + 1) for extras[i], a late or duplicate delivery.
  const extras: Array<Extra<DossierEvent> | undefined> = []
  const freeExtras: number[] = []
  const queue = new TimeQueue<number>((x) => (x >= 0 ? pool.ts[x * STEPS + pool.k[x]] : extras[-x - 1]!.t))
  const later = (t: number, ev: DossierEvent) => {
    const i = freeExtras.length ? freeExtras.pop()! : extras.length
    extras[i] = { t, ev }
    queue.push(-(i + 1))
  }
  const run = ++runs
  const lengths = pilotLengths(opts.events === undefined ? 0 : 1500, dupP, dayIdx(fromS) + 7, (p, day) => {
    const ag = pickAg(ctx, ctx.dossierCumPost, p) ?? ctx.unmapped[0]
    const channel = pickChannel(ag, p, isWorkday(day), onlineTrend(day))
    const s = planDossier(pool, ag, p, channel === 2 ? onlineTime(day, p) : officeTime(day, p), channel, day, 0, false, Infinity)
    const ts = planTimes(pool, s)
    pool.release(s)
    return ts
  })
  const k = perDemand(opts, r, 150_000, DOSSIER_YEAR_DEMAND, demandFactor, lengths, 'dossier')
  const lastDay = dayIdx(toS)
  for (let day = dayIdx(fromS); day <= lastDay; day++) {
    const start = dayStart(day)
    const workday = isWorkday(day)
    const cum = start < MERGER_S ? ctx.dossierCumPre : ctx.dossierCumPost
    const trend = onlineTrend(day)
    const nNew = rng.poisson(k * demandFactor(day) * dayNoise(seed, 'dossier', day))
    for (let i = 0; i < nNew; i++) {
      const mapped = pickAg(ctx, cum, rng)
      if (!mapped) break
      const ag = rng.chance(unmappedP) ? rng.pick(ctx.unmapped) : mapped
      const channel = pickChannel(ag, rng, workday, trend)
      const t = channel === 2 ? onlineTime(day, rng) : officeTime(day, rng)
      if (t < fromS || t > toS) continue
      if (ag.seqDay !== day || ag.seqRun !== run) {
        ag.seqRun = run
        ag.seqDay = day
        ag.seqN = 0
      }
      const s = planDossier(pool, ag, rng, t, channel, day, ++ag.seqN, false, toS)
      if (pool.len[s] === 0) pool.release(s)
      else queue.push(s)
    }
    // Deliver everything due before the end of the day (queue times are from BASE); a dossier
    // goes back in for its next event.
    const end = start + DAY - BASE
    for (let x = queue.next(end); x !== undefined; x = queue.next(end)) {
      if (x >= 0) {
        const kx = pool.k[x]
        const t = pool.ts[x * STEPS + kx]
        const ev = dossierEvent(pool, x, kx, ctx)
        if (++pool.k[x] < pool.len[x]) queue.push(x)
        else pool.release(x)
        if (rng.chance(dupP)) later(t + Math.floor(rng.range(MIN, 12 * HOUR)), { ...ev })
        if (rng.chance(lateP)) later(t + lateDelay(rng), ev)
        else yield ev
      } else {
        const e = extras[-x - 1]!
        extras[-x - 1] = undefined
        freeExtras.push(-x - 1)
        yield e.ev
      }
    }
  }
  // After the last day only late and duplicate deliveries are left.
  for (const x of queue.drainAll()) if (x < 0) yield extras[-x - 1]!.ev
}

// ───────────────────────────── documents ─────────────────────────────

const DOC_SUBS = ['VP', 'TH', 'PC', 'KSTT', 'TCCB', 'KHTC', 'TTĐT', 'HCTC', 'NV']

/** The 3 or 4 recipients of a document from `from` (distinct, never the sender). */
function recipients(ctx: Ctx, from: Ag, rng: Rng, pre: boolean): Ag[] {
  const ubnds = pre ? ctx.ubndPre : ctx.ubndPost
  const pools: Array<[number, readonly Ag[]]> = []
  const ownUbnd = ctx.ubndOf.get(from.province)
  const depts = ctx.deptsOf.get(from.province) ?? []
  const communes = ctx.communesOf.get(from.province) ?? []
  switch (from.kind) {
    case 'ministry':
      pools.push([0.6, ubnds], [0.25, ctx.ministries], [0.15, ctx.unitsOf.get(from.unit) ?? []])
      break
    case 'unit':
    case 'branch':
      pools.push([0.3, ctx.unitsOf.get(from.unit) ?? []], [0.4, ctx.allDepts], [0.3, ubnds])
      break
    case 'ubnd':
      pools.push([0.5, depts], [0.3, communes], [0.2, ctx.ministries])
      break
    case 'dept':
    case 'deptunit':
      pools.push([0.35, ownUbnd ? [ownUbnd] : []], [0.35, communes], [0.15, depts], [0.15, ctx.centralUnits])
      break
    default:
      pools.push([0.4, ownUbnd ? [ownUbnd] : []], [0.4, depts], [0.2, communes])
  }
  const n = rng.chance(0.45) ? 3 : 4
  const live = pools.filter(([, p]) => p.length)
  const total = live.reduce((s, [w]) => s + w, 0)
  const out: Ag[] = []
  for (let guard = 0; out.length < n && guard < 40; guard++) {
    let pool: readonly Ag[] = ctx.ags
    if (live.length) {
      let x = rng.next() * total
      pool = live[live.length - 1][1]
      for (const [w, p] of live) {
        if ((x -= w) < 0) {
          pool = p
          break
        }
      }
    }
    if (guard >= 20) pool = ctx.ags // a sparse registry: anyone
    const a = rng.pick(pool)
    if (a === from || out.includes(a) || (a.former && !pre)) continue
    out.push(a)
  }
  return out
}

/** The events of one document sent at `t` by `from`, none after `toS`. */
function documentLife(ctx: Ctx, from: Ag, rng: Rng, t: number, live: boolean, toS: number, number: number, pre: boolean, unmappedP: number): Extra<DocumentEvent>[] {
  const out: Extra<DocumentEvent>[] = []
  const day = dayIdx(t)
  const r = rng.next()
  const symbol = r < 0.6 ? `${from.abbr}-${rng.pick(DOC_SUBS)}` : r < 0.75 ? `QĐ-${from.abbr}` : r < 0.87 ? `TB-${from.abbr}` : `KH-${from.abbr}`
  const date = ymd(day)
  const document_id = `${from.code},${date.replaceAll('-', '/')},${number}/${symbol}`
  const idBase = `sim:doc:${from.code}:${date.replaceAll('-', '')}:${number}`
  const bt = rng.next()
  const business_type = bt < 0.95 ? 0 : bt < 0.98 ? 2 : bt < 0.995 ? 3 : 1
  const due = rng.chance(0.3) ? iso(dueAfterWorkdays(t, rng.int(3, 15))) : undefined
  const to = recipients(ctx, from, rng, pre)
  const dur = (real: number, liveS: number) => (live ? liveS : real)
  const work = (x: number) => (live ? Math.floor(x) : snapToWork(Math.floor(x), rng.next()))
  to.forEach((rcpt, i) => {
    const toAgency = rng.chance(unmappedP) ? rng.pick(ctx.unmapped) : rcpt
    const idx = `${idBase}:${i + 1}`
    const push = (x: number, status: string, extra?: Partial<DocumentEvent>): boolean => {
      if (x > toS) return false
      out.push({ t: x, ev: { event_id: `${idx}:${status}`, document_id, from_agency: from.code, to_agency: toAgency.code, status, occurred_at: iso(x), ...extra } })
      return true
    }
    const sent = Math.floor(t + i * rng.range(0, 3))
    if (!push(sent, '00', due ? { business_type, due_at: due } : { business_type })) return
    const q = toAgency.q
    if (rng.chance(0.01 + 0.04 * (1 - q))) return // never acknowledged
    const arrived = Math.floor(sent + Math.min(6 * HOUR, rng.logNormal(dur(60, 4), 1.2)))
    if (!push(arrived, '01')) return
    if (rng.chance(0.01 + 0.04 * (1 - q))) {
      push(work(arrived + rng.logNormal(dur(40 * MIN, 20), 1)), '02')
      return
    }
    const accepted = work(arrived + rng.logNormal(dur(20 * MIN + (1 - q) * 4 * HOUR, 15 + (1 - q) * 90), 1.3))
    if (!push(accepted, '03')) return
    if (!rng.chance(0.15)) return
    const assigned = work(accepted + rng.logNormal(dur(2 * HOUR, 30), 1))
    if (!push(assigned, '04') || !rng.chance(0.5)) return
    const processing = work(assigned + rng.logNormal(dur(DAY / 2, 60), 1))
    if (!push(processing, '05') || !rng.chance(0.5)) return
    push(work(processing + rng.logNormal(dur(3 * DAY, 120), 0.8)), '06')
  })
  return out
}

/** Next number of a sender's documents, restarting each year at a plausible count for the date. */
function nextDocNumber(counters: Map<Ag, { year: string; n: number }>, from: Ag, day: number, seed: number): number {
  const year = ymd(day).slice(0, 4)
  let c = counters.get(from)
  if (!c || c.year !== year) {
    const doy = day - Date.UTC(Number(year), 0, 1) / 1000 / DAY
    c = { year, n: Math.floor(doy * (1 + 6 * hashFrac(seed, 'docrate', from.code))) }
    counters.set(from, c)
  }
  return ++c.n
}

/**
 * Document events of [from, to]: each document goes to 3 or 4 recipients (one exchange each):
 * a `00` per recipient, then mostly `01` and `03`, a few `02`, `04`, `05`, `06`; some exchanges
 * never acknowledged. In order of delivery, with the configured late and duplicate shares.
 */
export function* simulateDocumentEvents(registry: AgencyRow[], opts: SimOptions): Generator<DocumentEvent> {
  const r = range(opts)
  const { fromS, toS, seed, lateP, dupP, unmappedP } = r
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`document:${seed}`))
  const queue = new TimeQueue<Extra<DocumentEvent>>(timeOf)
  const counters = new Map<Ag, { year: string; n: number }>()
  const lengths = pilotLengths(opts.events === undefined ? 0 : 800, dupP, dayIdx(fromS) + 7, (p, day) => {
    const from = pickAg(ctx, ctx.docCumPost, p) ?? ctx.ags[0]
    return from ? documentLife(ctx, from, p, dayStart(day) + 9 * HOUR, false, Infinity, 1, false, 0).map((e) => e.t) : [0]
  })
  const k = perDemand(opts, r, 30_000, DOCUMENT_YEAR_DEMAND, documentFactor, lengths, 'document')
  const lastDay = dayIdx(toS)
  for (let day = dayIdx(fromS); day <= lastDay; day++) {
    const start = dayStart(day)
    const pre = start < MERGER_S
    const cum = pre ? ctx.docCumPre : ctx.docCumPost
    const n = rng.poisson(k * documentFactor(day) * dayNoise(seed, 'document', day))
    const workday = isWorkday(day)
    for (let i = 0; i < n; i++) {
      const from = pickAg(ctx, cum, rng)
      if (!from) break
      const t = workday ? officeTime(day, rng) : start + Math.floor(rng.range(8, 17) * HOUR)
      if (t < fromS || t > toS) continue
      const number = nextDocNumber(counters, from, day, seed)
      for (const e of documentLife(ctx, from, rng, t, false, toS, number, pre, unmappedP)) queue.push(e)
    }
    for (let x = queue.next(start + DAY); x !== undefined; x = queue.next(start + DAY)) {
      if ((x as Extra<DocumentEvent> & { redelivery?: true }).redelivery) {
        yield x.ev
        continue
      }
      if (rng.chance(dupP)) queue.push({ t: x.t + Math.floor(rng.range(MIN, 12 * HOUR)), ev: { ...x.ev }, redelivery: true } as Extra<DocumentEvent>)
      if (rng.chance(lateP)) queue.push({ t: x.t + lateDelay(rng), ev: x.ev, redelivery: true } as Extra<DocumentEvent>)
      else yield x.ev
    }
  }
  for (const x of queue.drainAll()) yield x.ev
}

// ───────────────────────────── connections ─────────────────────────────

const PLATFORMS: readonly Platform[] = ['document_axis', 'service_portal']

/**
 * The national rollout, by calendar date (as the default plan milestones of core/config.ts):
 * the date by which half of the agencies that will connect have connected, and the spread
 * (logistic scale) around it. Document axis: ≈ 50% by the end of Q3 2025, ≈ 80% by the end of
 * 2025, nearly all by mid-2026; service portal about five months behind.
 */
const ROLLOUT: Record<Platform, { mid: number; scale: number; reach: [number, number] }> = {
  document_axis: { mid: Date.UTC(2025, 6, 20) / 1000, scale: 55 * DAY, reach: [0.86, 0.12] },
  service_portal: { mid: Date.UTC(2025, 11, 15) / 1000, scale: 70 * DAY, reach: [0.7, 0.24] },
}

/**
 * Connection events of [from, to] for the national rollout: each agency that will connect gets
 * a date from the rollout curve, earlier in better units (± 2 months); `testing` some weeks
 * before, then `connected`; a few disconnect and reconnect. An agency connected before `from`
 * is reported `connected` at `from` (the feed's first statement of its state). Agencies
 * abolished on 2025-07-01 (districts, merged provinces) connect only before then and are
 * disconnected on that day.
 */
export function* simulateConnectionEvents(registry: AgencyRow[], opts: SimOptions): Generator<ConnectionEvent> {
  const { fromS, toS, seed, lateP, dupP } = range(opts)
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`connection:${seed}`))
  const heap = new Heap<ConnectionEvent>()
  const work = (t: number) => snapToWork(Math.floor(t), rng.next())
  for (const a of ctx.ags) {
    for (const platform of PLATFORMS) {
      let n = 0
      const push = (t: number, state: ConnectionState) => {
        if (t > toS || t < fromS) return
        const ev: ConnectionEvent = { event_id: `sim:conn:${a.code}:${platform}:${++n}`, agency_code: a.code, platform, state, occurred_at: iso(t) }
        heap.push(rng.chance(lateP) ? t + lateDelay(rng) : t, ev)
        if (rng.chance(dupP)) heap.push(t + Math.floor(rng.range(MIN, 12 * HOUR)), ev)
      }
      const plan = ROLLOUT[platform]
      const reach = plan.reach[0] + plan.reach[1] * a.q - (a.kind === 'commune' ? 0.04 : 0)
      const u = clamp(rng.next(), 1e-6, 1 - 1e-6)
      const connectAt = work(plan.mid + (0.5 - a.q) * 120 * DAY + plan.scale * Math.log(u / (1 - u)))
      const testAt = work(connectAt - rng.range(3, 40) * DAY)
      const abolished = a.former && connectAt >= MERGER_S
      if (!rng.chance(reach) || abolished) {
        // Never connects (in this period): some are testing.
        if (!a.former && rng.chance(0.6)) push(Math.max(fromS, testAt), 'testing')
        continue
      }
      if (connectAt < fromS) {
        if (!(a.former && fromS >= MERGER_S)) push(fromS, 'connected')
      } else {
        push(testAt, 'testing')
        push(connectAt, 'connected')
      }
      if (a.former) push(MERGER_S + Math.floor(rng.range(0, 2) * DAY), 'disconnected')
      else if (rng.chance(0.04)) {
        const off = Math.floor(Math.max(connectAt, fromS) + rng.next() * (toS - Math.max(connectAt, fromS)))
        push(off, 'disconnected')
        push(work(off + rng.range(1, 20) * DAY), 'connected')
      }
    }
  }
  while (heap.size) yield heap.pop()
}

// ───────────────────────────── live feed ─────────────────────────────

type LiveItem = { kind: 'dossier'; ev: DossierEvent } | { kind: 'document'; ev: DocumentEvent } | { kind: 'connection'; ev: ConnectionEvent }

/** What a live feed carries from tick to tick: the PRNG, counters and the events still to come. */
export interface LiveState {
  seed: number
  rng: Rng
  /** Sequence of live dossiers and documents (unique ids within the session). */
  seq: number
  /** `now` of the previous tick, ms. */
  lastNow: number | null
  /** Events of dossiers and documents started in earlier ticks, keyed by their time (s). */
  queue: Heap<LiveItem>
  /** Agencies disconnected by the feed, waiting to reconnect. */
  disconnected: Set<string>
}

/** Live dossiers are planned and turned into events at once: one slot, reused. */
const LIVE_POOL = new DossierPool()

export function newLiveState(seed = 1): LiveState {
  return { seed, rng: new Rng(hashStr(`live:${seed}`)), seq: 0, lastNow: null, queue: new Heap<LiveItem>(), disconnected: new Set() }
}

/**
 * The events "happening now", for a feed called every few seconds: new dossiers (their events
 * spread over the next minutes, finished by later ticks), a few documents and their
 * acknowledgements, now and then a connection change. Nothing after `now`.
 */
export function simulateLiveTick(
  registry: AgencyRow[],
  now: Date,
  state: LiveState,
): { dossier: DossierEvent[]; document: DocumentEvent[]; connection: ConnectionEvent[] } {
  const nowMs = now.getTime()
  const nowS = Math.floor(nowMs / 1000)
  const ctx = ctxFor(registry, state.seed)
  const rng = state.rng
  const since = state.lastNow !== null && state.lastNow < nowMs ? state.lastNow : nowMs - 5000
  const windowS = clamp((nowMs - since) / 1000, 1, 60)
  const start = nowS - windowS
  state.lastNow = nowMs
  const horizon = nowS + 7 * DAY
  const pre = nowS < MERGER_S
  const day = dayIdx(nowS)
  const hhmmss = iso(nowS).slice(11, 19).replaceAll(':', '')
  const yymmdd = ymd(day).slice(2).replaceAll('-', '')

  // New dossiers: about 2.5 a second (a few dozen events a tick once earlier dossiers progress).
  const nDossiers = rng.poisson(2.5 * windowS)
  const office = isWorkday(day) && snapToWork(nowS, 0) === nowS
  for (let i = 0; i < nDossiers; i++) {
    const mapped = pickAg(ctx, pre ? ctx.dossierCumPre : ctx.dossierCumPost, rng)
    if (!mapped) break
    const ag = rng.chance(0.005) ? rng.pick(ctx.unmapped) : mapped
    const code = `${ag.code}-${yymmdd}-L${hhmmss}-${++state.seq}`
    const t0 = Math.floor(start + rng.next() * (nowS - start))
    const s = planDossier(LIVE_POOL, ag, rng, t0, pickChannel(ag, rng, office, onlineTrend(day)), day, 0, true, horizon)
    for (let k = 0; k < LIVE_POOL.len[s]; k++) state.queue.push(BASE + LIVE_POOL.ts[s * STEPS + k], { kind: 'dossier', ev: dossierEvent(LIVE_POOL, s, k, ctx, code) })
    LIVE_POOL.release(s)
  }
  // New documents: about one every four seconds.
  const nDocs = rng.poisson(0.25 * windowS)
  for (let i = 0; i < nDocs; i++) {
    const from = pickAg(ctx, pre ? ctx.docCumPre : ctx.docCumPost, rng)
    if (!from) break
    const t = Math.floor(start + rng.next() * (nowS - start))
    const number = ((t + 7 * HOUR) % DAY) * 100 + (++state.seq % 100)
    for (const e of documentLife(ctx, from, rng, t, true, horizon, number, pre, 0.005)) state.queue.push(e.t, { kind: 'document', ev: e.ev })
  }
  // Now and then a connection change; disconnections come back a few minutes later.
  if (rng.chance(Math.min(1, 0.01 * windowS)) && ctx.ags.length) {
    const a = rng.pick(ctx.ags)
    const platform = rng.pick(PLATFORMS)
    const key = `${a.code}|${platform}`
    const mk = (t: number, st: ConnectionState): ConnectionEvent => ({
      event_id: `sim:live:conn:${a.code}:${platform}:${yymmdd}${iso(t).slice(11, 19).replaceAll(':', '')}:${++state.seq}`,
      agency_code: a.code,
      platform,
      state: st,
      occurred_at: iso(t),
    })
    if (!state.disconnected.has(key) && rng.chance(0.5)) {
      state.disconnected.add(key)
      state.queue.push(nowS, { kind: 'connection', ev: mk(nowS, 'disconnected') })
      const back = nowS + Math.floor(rng.range(1, 10) * MIN)
      state.queue.push(back, { kind: 'connection', ev: mk(back, 'connected') })
    } else if (!state.disconnected.has(key)) {
      state.queue.push(nowS, { kind: 'connection', ev: mk(nowS, 'connected') })
    }
  }

  const out = { dossier: [] as DossierEvent[], document: [] as DocumentEvent[], connection: [] as ConnectionEvent[] }
  while (state.queue.peekKey() <= nowS) {
    const item = state.queue.pop()
    if (item.kind === 'dossier') out.dossier.push(item.ev)
    else if (item.kind === 'document') out.document.push(item.ev)
    else {
      if (item.ev.state === 'connected') state.disconnected.delete(`${item.ev.agency_code}|${item.ev.platform}`)
      out.connection.push(item.ev)
    }
  }
  return out
}
