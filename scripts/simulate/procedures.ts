// The simulator's catalogue of administrative procedures (thủ tục hành chính): a few hundred
// codes in the national database's shape (`1.001234`, `2.000123`), each with a sector and a
// statutory duration in working days. Communes, provincial bodies and ministries draw from
// different pools; within a pool a few procedures take most of the demand (Zipf weights).
import { Rng, cumulative, pad } from './rng'

export interface Procedure {
  code: string
  sector: string
  /** Statutory processing time in working days. */
  days: number
  /** Share of applicants that are businesses. */
  biz: number
  /** Lateness relative to the agency's own rate (land and construction are slower). */
  lateness: number
}

export interface ProcedurePool {
  procs: Procedure[]
  /** Cumulative Zipf weights over `procs`. */
  cum: Float64Array
}

/** [sector, number of procedures, durations to draw from, business share, lateness]. */
type SectorSpec = [string, number, number[], number, number]

// Procedures of commune People's Committees (civil status, certification, social protection, land…).
const COMMUNE: SectorSpec[] = [
  ['HT', 14, [1, 1, 3, 3, 5, 5], 0, 0.5],
  ['CT', 6, [1, 1, 2], 0.15, 0.3],
  ['BTXH', 6, [7, 10, 15], 0, 1],
  ['DD', 7, [10, 15, 20, 25], 0.1, 1.8],
  ['XD', 4, [10, 15, 20], 0.15, 1.5],
  ['HKD', 4, [3, 5], 0.9, 0.8],
  ['NCC', 4, [10, 15, 20], 0, 1.2],
]
// District committees (until 2025-07-01).
const DISTRICT: SectorSpec[] = [
  ['HT', 6, [3, 5, 10], 0, 0.6],
  ['DD', 8, [15, 20, 25], 0.15, 1.8],
  ['XD', 5, [10, 15, 20], 0.2, 1.5],
  ['HKD', 4, [3, 5], 0.9, 0.8],
  ['GDDT', 4, [5, 10], 0, 0.8],
]
const PROVINCE_UBND: SectorSpec[] = [
  ['DTNN', 4, [15, 20, 25], 1, 1.3],
  ['DD', 4, [20, 25], 0.4, 1.8],
  ['TDKT', 4, [15, 20], 0.2, 1],
]
/** Provincial departments by a word of their name. */
const DEPARTMENT: Array<[RegExp, SectorSpec[]]> = [
  [/Tư pháp|Công chứng|Trợ giúp pháp lý|đấu giá/, [['LLTP', 5, [10], 0, 0.8], ['CC', 6, [2, 5], 0.2, 0.6], ['TGPL', 4, [5, 7], 0, 0.8], ['QT', 4, [15, 20], 0, 1]]],
  [/Xây dựng|Đăng kiểm|bảo trì đường bộ|Quy hoạch/, [['XD', 8, [10, 15, 20], 0.4, 1.6], ['GPLX', 5, [5, 10], 0, 0.7], ['DK', 5, [3, 7], 0.5, 0.8], ['QHKT', 4, [15, 20], 0.5, 1.5]]],
  [/Y tế|Bệnh viện|bệnh tật|Dân số|vệ sinh thực phẩm|Giám định|Trung tâm Y tế/, [['KCB', 6, [10, 20], 0.3, 1.2], ['ATTP', 5, [10, 15], 0.9, 1], ['DUOC', 6, [10, 20], 0.6, 1.2], ['YTDP', 3, [10], 0.3, 1]]],
  [/Tài chính|Đăng ký kinh doanh|Xúc tiến đầu tư|Quỹ/, [['DKKD', 10, [3, 3, 5], 1, 0.6], ['DTNN', 6, [10, 15], 1, 1.2], ['QLCS', 4, [15, 20], 0.2, 1]]],
  [/Nội vụ|Thi đua|Văn thư|việc làm/, [['LD', 6, [5, 10], 0.9, 0.8], ['VL', 4, [7, 15], 0.3, 0.8], ['TDKT', 3, [15], 0.1, 1], ['CCVC', 4, [10, 15], 0, 1]]],
  [/Giáo dục|Trường/, [['GDDT', 8, [5, 10, 15], 0.1, 0.8], ['VB', 5, [3, 5], 0, 0.5]]],
  [/Nông nghiệp|Đăng ký đất đai|Kiểm lâm|Thủy lợi|Trồng trọt|Chăn nuôi|Thủy sản|Khuyến nông|Quan trắc/, [['DD', 12, [10, 15, 20, 25], 0.3, 1.8], ['MT', 6, [15, 20, 25], 0.8, 1.4], ['TY', 4, [5, 10], 0.9, 0.9], ['TL', 3, [10, 15], 0.5, 1]]],
  [/Công Thương|thị trường|Khuyến công/, [['TM', 6, [5, 7, 10], 0.95, 0.8], ['DIEN', 4, [10, 15], 0.8, 1], ['HC', 3, [10], 1, 1]]],
  [/Văn hóa|Du lịch|Thư viện|Bảo tàng|thể thao/, [['DL', 5, [5, 10], 0.8, 0.8], ['VH', 5, [5, 7, 10], 0.5, 0.8], ['TDTT', 3, [7, 10], 0.5, 0.8]]],
  [/Khoa học|Tiêu chuẩn|Chuyển đổi số|Đài Phát thanh/, [['KHCN', 5, [10, 15], 0.8, 1], ['BCVT', 4, [7, 10], 0.9, 0.8], ['TDC', 3, [5, 10], 0.8, 0.8]]],
  [/Dân tộc|Tôn giáo/, [['TG', 5, [15, 20, 25], 0.2, 1.2], ['DT', 3, [10, 15], 0, 1]]],
  [/Ngoại vụ/, [['NG', 3, [5, 10], 0.3, 0.8]]],
  [/khu công nghiệp|Khu kinh tế/, [['KCN', 6, [5, 10, 15], 1, 1]]],
  [/Phục vụ hành chính công/, [['HCC', 4, [1, 3, 5], 0.3, 0.6]]],
]
const DEPARTMENT_DEFAULT: SectorSpec[] = [['KHAC', 3, [10, 15], 0.3, 1]]

/** Ministries' procedures, by the last part of their code. */
const MINISTRY: Record<string, SectorSpec[]> = {
  G01: [['XNC', 8, [5, 8], 0.05, 0.6], ['CT', 8, [3, 7], 0.1, 0.6], ['CSGT', 6, [2, 5], 0.3, 0.6], ['PCCC', 4, [10, 15], 0.8, 1]],
  G12: [['THUE', 10, [3, 10], 0.9, 0.7], ['HQ', 8, [1, 3, 5], 1, 0.6], ['BHXH', 8, [5, 10], 0.4, 0.8], ['DKKD', 4, [3], 1, 0.6], ['KB', 4, [2, 5], 0.6, 0.6]],
  G02: [['XNK', 8, [5, 7], 1, 1], ['HC', 6, [10, 15], 1, 1.2], ['DIEN', 4, [15, 20], 1, 1.2]],
  G06: [['VT', 6, [15, 20, 25], 1, 1.2], ['SHTT', 8, [20, 25], 0.7, 1.6], ['TS', 4, [10, 15], 0.9, 1]],
  G18: [['DUOC', 10, [15, 20, 25], 0.8, 1.5], ['TTBYT', 6, [10, 15], 1, 1.2], ['KCB', 4, [15, 20], 0.3, 1]],
  G03: [['VB', 6, [5, 10, 20], 0, 0.8], ['GDNN', 6, [10, 15], 0.5, 1], ['DH', 4, [15, 20], 0.2, 1]],
  G17: [['DK', 6, [3, 7], 0.7, 0.8], ['HH', 6, [5, 10], 1, 1], ['HK', 6, [10, 15], 1, 1], ['XD', 4, [15, 20], 0.8, 1.4]],
  G10: [['MT', 8, [15, 20, 25], 1, 1.5], ['TY', 5, [5, 10], 0.9, 0.9], ['BVTV', 5, [5, 10], 0.9, 0.9], ['DD', 4, [20, 25], 0.6, 1.6]],
  G09: [['LD', 6, [10, 15], 1, 1], ['NCC', 4, [15, 20], 0, 1.2], ['TCBC', 3, [15], 0, 1]],
  G15: [['LLTP', 4, [10], 0, 0.8], ['QT', 6, [20, 25], 0, 1.4], ['GDBD', 4, [1, 3], 0.8, 0.5], ['BTTP', 4, [10, 15], 0.3, 1]],
  G08: [['LS', 6, [3, 5], 0.1, 0.6], ['HN', 3, [10, 15], 0.3, 1]],
  G16: [['DL', 5, [10, 15], 0.9, 1], ['BC', 5, [15, 20], 1, 1.2], ['NT', 4, [7, 10], 0.6, 0.9]],
  G11: [['QP', 4, [15, 20], 0.1, 1]],
  G19: [['NH', 6, [15, 20, 25], 1, 1.2], ['NHNG', 4, [10, 15], 0.9, 1]],
  G20: [['KNTC', 4, [20, 25], 0.3, 1.4]],
  G21: [['TG', 5, [20, 25], 0.3, 1.3], ['DT', 3, [15], 0, 1]],
  G22: [['KSTT', 4, [10, 15], 0.5, 1]],
}
const MINISTRY_DEFAULT: SectorSpec[] = [['KHAC', 4, [10, 15], 0.3, 1]]

const usedCodes = new Set<string>()
const codeRng = new Rng(0x7c7)

/** A new procedure code, unique in the catalogue: `1.00xxxx` mostly, `2.00xxxx` for some. */
function newCode(): string {
  for (;;) {
    const code = `${codeRng.chance(0.3) ? 2 : 1}.${pad(codeRng.int(100, 13_000), 6)}`
    if (!usedCodes.has(code)) {
      usedCodes.add(code)
      return code
    }
  }
}

function makePool(specs: readonly SectorSpec[]): ProcedurePool {
  const procs: Procedure[] = []
  for (const [sector, n, durations, biz, lateness] of specs) {
    for (let i = 0; i < n; i++) procs.push({ code: newCode(), sector, days: codeRng.pick(durations), biz, lateness })
  }
  // Demand: a seeded order, then Zipf (the first procedures take most dossiers).
  const order = procs.map((p) => ({ p, k: codeRng.next() })).sort((a, b) => a.k - b.k).map((x) => x.p)
  return { procs: order, cum: cumulative(order.map((_, i) => 1 / Math.pow(i + 1, 1.1))) }
}

// Built once, in a fixed order, so the catalogue is the same whatever the seed.
const COMMUNE_POOL = makePool(COMMUNE)
const DISTRICT_POOL = makePool(DISTRICT)
const UBND_POOL = makePool(PROVINCE_UBND)
const DEPARTMENT_POOLS: Array<[RegExp, ProcedurePool]> = DEPARTMENT.map(([re, specs]) => [re, makePool(specs)])
const DEPARTMENT_DEFAULT_POOL = makePool(DEPARTMENT_DEFAULT)
const MINISTRY_POOLS = new Map(Object.entries(MINISTRY).map(([k, specs]) => [k, makePool(specs)]))
const MINISTRY_DEFAULT_POOL = makePool(MINISTRY_DEFAULT)

export type PoolKind = 'commune' | 'district' | 'ubnd' | 'province' | 'central'

/**
 * The procedures an agency handles: communes and districts theirs, a provincial committee its
 * own, a department (or a unit below it) those of its sector found from its name (or its
 * parent's), a ministry or any of its units the ministry's.
 */
export function procedurePool(kind: PoolKind, names: readonly string[], ministryCode?: string): ProcedurePool {
  if (kind === 'commune') return COMMUNE_POOL
  if (kind === 'district') return DISTRICT_POOL
  if (kind === 'ubnd') return UBND_POOL
  if (kind === 'central') return MINISTRY_POOLS.get((ministryCode ?? '').split('.').pop() ?? '') ?? MINISTRY_DEFAULT_POOL
  for (const name of names) {
    const hit = DEPARTMENT_POOLS.find(([re]) => re.test(name))
    if (hit) return hit[1]
  }
  return DEPARTMENT_DEFAULT_POOL
}

/** Every procedure of the catalogue. */
export function procedureCatalogue(): Procedure[] {
  const pools = [COMMUNE_POOL, DISTRICT_POOL, UBND_POOL, ...DEPARTMENT_POOLS.map(([, p]) => p), DEPARTMENT_DEFAULT_POOL, ...MINISTRY_POOLS.values(), MINISTRY_DEFAULT_POOL]
  return pools.flatMap((p) => p.procs)
}
