// Deterministic simulator of egov-pulse input: an agency registry and the three event streams
// (dossier, document, connection) in the NDJSON shapes of the events contract, plus a "live"
// ticker for a demo feed. Seeded (mulberry32), no dependencies, lazy generators: events are
// produced day by day and only the in-flight dossiers / documents are held in memory.
import { simReference, type SimProvince2025 } from './reference'

// ───────────────────────────── public types ─────────────────────────────

export type AgencyLevel = 'central' | 'province' | 'commune' | 'district'

/** One registry row, with exactly the registry fields of the events contract (section 4). */
export interface AgencyRow {
  agency_code: string
  name: string
  level: AgencyLevel
  ministry?: string
  province_code?: string
  parent_code?: string
}

export interface SimOptions {
  seed?: number
  from: Date
  to: Date
  /** 1 ≈ 150k dossiers and 30k documents over a year. */
  scale?: number
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

// ───────────────────────────── PRNG, hashing, heap ─────────────────────────────

/** mulberry32; the state is a plain number, so a live state can carry it. */
export class Rng {
  s: number
  constructor(seed: number) {
    this.s = seed >>> 0
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  range(a: number, b: number): number {
    return a + (b - a) * this.next()
  }
  /** Integer in [a, b], both included. */
  int(a: number, b: number): number {
    return a + Math.floor((b - a + 1) * this.next())
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]
  }
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  expo(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()))
    const l = Math.exp(-lambda)
    let k = 0
    let p = 1
    do {
      k++
      p *= this.next()
    } while (p > l)
    return k - 1
  }
}

function hashStr(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  return h >>> 0
}

/** A number in [0, 1) fixed by its parts. */
function hashFrac(...parts: (string | number)[]): number {
  return hashStr(parts.join('|')) / 4294967296
}

interface HeapItem<T> {
  k: number
  s: number
  v: T
}

/** Min-heap on (key, insertion order): stable and deterministic. */
class Heap<T> {
  private a: HeapItem<T>[] = []
  private n = 0
  get size(): number {
    return this.a.length
  }
  push(k: number, v: T): void {
    const a = this.a
    const item = { k, s: this.n++, v }
    let i = a.length
    a.push(item)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (less(a[p], item)) break
      a[i] = a[p]
      i = p
    }
    a[i] = item
  }
  peekKey(): number {
    return this.a.length ? this.a[0].k : Infinity
  }
  pop(): T {
    const a = this.a
    const top = a[0]
    const last = a.pop()!
    if (a.length) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= a.length) break
        const r = l + 1
        const c = r < a.length && less(a[r], a[l]) ? r : l
        if (less(last, a[c])) break
        a[i] = a[c]
        i = c
      }
      a[i] = last
    }
    return top.v
  }
}

function less<T>(x: HeapItem<T>, y: HeapItem<T>): boolean {
  return x.k < y.k || (x.k === y.k && x.s < y.s)
}

// ───────────────────────────── time (Asia/Ho_Chi_Minh, UTC+7) ─────────────────────────────

const SEC = 1000
const MIN = 60 * SEC
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const TZ = 7 * HOUR
const AM_START = 7.5 * HOUR
const AM_END = 11.5 * HOUR
const PM_START = 13 * HOUR
const PM_END = 17 * HOUR
/** 2025-07-01 00:00 +07:00: the two-level local government starts; former provinces stop. */
const MERGER_MS = Date.UTC(2025, 6, 1) - TZ

/** ISO text with seconds and the +07:00 offset. */
export function isoLocal(ms: number): string {
  const day = dayIdx(ms)
  const s = Math.floor((ms - dayStart(day)) / SEC)
  const h = Math.floor(s / 3600)
  const m = Math.floor(s / 60) % 60
  const x = s % 60
  return `${ymd(day)}T${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${x < 10 ? '0' : ''}${x}+07:00`
}

function dayIdx(ms: number): number {
  return Math.floor((ms + TZ) / DAY)
}

function dayStart(day: number): number {
  return day * DAY - TZ
}

/** 0 Sunday … 6 Saturday. */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

const TET = ['2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03']
const HOLIDAYS: ReadonlySet<number> = (() => {
  const s = new Set<number>()
  const idx = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY
  for (let y = 2020; y <= 2031; y++) for (const [m, d] of [[1, 1], [4, 30], [5, 1], [9, 1], [9, 2]]) s.add(idx(y, m, d))
  for (const t of TET) {
    const [y, m, d] = t.split('-').map(Number)
    for (let k = -2; k <= 4; k++) s.add(idx(y, m, d) + k)
  }
  return s
})()

function isWorkday(day: number): boolean {
  const w = weekday(day)
  return w >= 1 && w <= 5 && !HOLIDAYS.has(day)
}

/** The same instant if inside office hours of a working day, else shortly after the next opening. */
function snapToWork(ms: number, rng: Rng): number {
  let day = dayIdx(ms)
  let tod = ms - dayStart(day)
  for (;;) {
    if (isWorkday(day)) {
      if (tod < AM_START) return dayStart(day) + AM_START + rng.next() * 50 * MIN
      if (tod < AM_END) return ms
      if (tod < PM_START) return dayStart(day) + PM_START + rng.next() * 40 * MIN
      if (tod < PM_END) return ms
    }
    day++
    tod = 0
  }
}

/** 17:00 on the n-th working day after the day of `ms`. */
function dueAfterWorkdays(ms: number, n: number): number {
  let day = dayIdx(ms)
  let k = Math.max(1, n)
  while (k > 0) {
    day++
    if (isWorkday(day)) k--
  }
  return dayStart(day) + PM_END
}

/** A time of office hours on `day` (morning busier). */
function officeTime(day: number, rng: Rng): number {
  return rng.chance(0.58)
    ? dayStart(day) + AM_START + rng.next() * (AM_END - AM_START)
    : dayStart(day) + PM_START + rng.next() * (PM_END - PM_START)
}

const ONLINE_HOURS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1.5, 4, 7, 9, 9, 8, 5, 6, 8, 8, 7, 5, 4, 4, 3.5, 3, 2, 1.5]
const ONLINE_CUM = cumulative(ONLINE_HOURS)

function onlineTime(day: number, rng: Rng): number {
  const h = pickCum(ONLINE_CUM, rng.next() * ONLINE_CUM[ONLINE_CUM.length - 1])
  return dayStart(day) + h * HOUR + rng.next() * HOUR
}

const ymdCache = new Map<number, string>()
/** `YYYY-MM-DD` of a local day. */
function ymd(day: number): string {
  let s = ymdCache.get(day)
  if (!s) {
    s = new Date(day * DAY).toISOString().slice(0, 10)
    ymdCache.set(day, s)
  }
  return s
}

function cumulative(ws: readonly number[]): Float64Array {
  const c = new Float64Array(ws.length)
  let s = 0
  for (let i = 0; i < ws.length; i++) c[i] = s += ws[i]
  return c
}

/** Index of the first cumulative value above x. */
function pickCum(cum: Float64Array, x: number): number {
  let lo = 0
  let hi = cum.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cum[mid] > x) hi = mid
    else lo = mid + 1
  }
  return lo
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x))

// ───────────────────────────── registry ─────────────────────────────

/** Units below each ministry, keyed by the last part of its code (first 3 always used). */
const MINISTRY_UNITS: Record<string, string[]> = {
  G11: ['Văn phòng Bộ Quốc phòng', 'Cục Chính sách', 'Vụ Pháp chế', 'Cục Đối ngoại', 'Cục Cứu hộ - Cứu nạn'],
  G01: ['Cục Quản lý xuất nhập cảnh', 'Cục Cảnh sát quản lý hành chính về trật tự xã hội', 'Cục Cảnh sát giao thông', 'Văn phòng Bộ Công an', 'Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ'],
  G08: ['Cục Lãnh sự', 'Cục Lễ tân Nhà nước', 'Vụ Pháp chế', 'Văn phòng Bộ', 'Cục Quản lý Hội nghị quốc tế'],
  G09: ['Cục Việc làm', 'Cục Người có công', 'Vụ Tổ chức - Biên chế', 'Văn phòng Bộ', 'Cục Tiền lương và Bảo hiểm xã hội'],
  G15: ['Cục Hộ tịch, quốc tịch, chứng thực', 'Cục Đăng ký quốc gia giao dịch bảo đảm', 'Cục Bổ trợ tư pháp', 'Trung tâm Lý lịch tư pháp quốc gia', 'Văn phòng Bộ'],
  G12: ['Cục Thuế', 'Cục Hải quan', 'Cục Quản lý đăng ký kinh doanh', 'Cục Đầu tư nước ngoài', 'Văn phòng Bộ'],
  G02: ['Cục Xuất nhập khẩu', 'Cục Hóa chất', 'Cục Điện lực', 'Vụ Pháp chế', 'Văn phòng Bộ'],
  G10: ['Cục Quản lý đất đai', 'Cục Chăn nuôi và Thú y', 'Cục Trồng trọt và Bảo vệ thực vật', 'Cục Môi trường', 'Văn phòng Bộ'],
  G17: ['Cục Đường bộ Việt Nam', 'Cục Hàng hải và Đường thủy Việt Nam', 'Cục Hàng không Việt Nam', 'Cục Kinh tế - Quản lý đầu tư xây dựng', 'Văn phòng Bộ'],
  G16: ['Cục Du lịch Quốc gia Việt Nam', 'Cục Di sản văn hóa', 'Cục Nghệ thuật biểu diễn', 'Cục Báo chí', 'Văn phòng Bộ'],
  G06: ['Cục Viễn thông', 'Cục Sở hữu trí tuệ', 'Cục Chuyển đổi số quốc gia', 'Cục Tần số vô tuyến điện', 'Văn phòng Bộ'],
  G03: ['Cục Quản lý chất lượng', 'Cục Hợp tác quốc tế', 'Vụ Giáo dục Đại học', 'Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên', 'Văn phòng Bộ'],
  G18: ['Cục Quản lý Dược', 'Cục An toàn thực phẩm', 'Cục Quản lý Khám, chữa bệnh', 'Cục Bảo trợ xã hội', 'Văn phòng Bộ'],
  G21: ['Ban Tôn giáo Chính phủ', 'Vụ Chính sách dân tộc', 'Văn phòng Bộ', 'Vụ Pháp chế', 'Trung tâm Thông tin'],
  G19: ['Cục Quản lý ngoại hối', 'Vụ Thanh toán', 'Cơ quan Thanh tra, giám sát ngân hàng', 'Văn phòng', 'Vụ Pháp chế'],
  G20: ['Cục Giải quyết khiếu nại, tố cáo', 'Vụ Pháp chế', 'Văn phòng', 'Cục Phòng, chống tham nhũng', 'Trung tâm Thông tin'],
  G22: ['Cục Kiểm soát thủ tục hành chính', 'Vụ Tổng hợp', 'Cổng Thông tin điện tử Chính phủ', 'Cục Hành chính - Quản trị', 'Vụ Pháp luật'],
}
const DEFAULT_UNITS = ['Văn phòng', 'Vụ Pháp chế', 'Vụ Tổ chức cán bộ', 'Vụ Kế hoạch - Tài chính', 'Trung tâm Thông tin']

/** Provincial departments (sở) after the 2025 reorganisation; the first five are always present. */
const DEPARTMENTS = [
  'Sở Tư pháp', 'Sở Xây dựng', 'Sở Y tế', 'Sở Tài chính', 'Sở Nội vụ',
  'Sở Giáo dục và Đào tạo', 'Sở Nông nghiệp và Môi trường', 'Sở Công Thương',
  'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Dân tộc và Tôn giáo',
]

/** Approximate population (millions) of the 2025 provinces: weights for volume and size. */
const POPULATION_2025: Record<string, number> = {
  '01': 8.7, '04': 0.57, '08': 1.87, '11': 0.66, '12': 0.49, '14': 1.3, '15': 1.78, '19': 1.8, '20': 0.8, '22': 1.4,
  '24': 3.6, '25': 4.0, '31': 4.7, '33': 3.6, '37': 4.4, '38': 3.8, '40': 3.8, '42': 1.6, '44': 1.9, '46': 1.4,
  '48': 3.1, '51': 2.2, '52': 3.6, '56': 2.2, '66': 3.3, '68': 3.9, '75': 4.5, '79': 14.0, '80': 3.3, '82': 4.4,
  '86': 4.3, '91': 4.9, '92': 4.2, '96': 2.6,
}

/** Real wards / communes of the two big cities (2025), used first there. */
const CITY_COMMUNES: Record<string, string[]> = {
  '01': ['phường Hoàn Kiếm', 'phường Cửa Nam', 'phường Ba Đình', 'phường Ngọc Hà', 'phường Giảng Võ', 'phường Hai Bà Trưng', 'phường Vĩnh Tuy', 'phường Bạch Mai', 'phường Đống Đa', 'phường Kim Liên', 'phường Láng', 'phường Ô Chợ Dừa', 'phường Tây Hồ', 'phường Cầu Giấy', 'phường Nghĩa Đô', 'phường Thanh Xuân', 'phường Hoàng Mai', 'phường Long Biên', 'phường Hà Đông', 'xã Sóc Sơn', 'xã Đông Anh', 'xã Gia Lâm', 'xã Thanh Trì', 'xã Ba Vì', 'xã Mê Linh'],
  '79': ['phường Sài Gòn', 'phường Tân Định', 'phường Bến Thành', 'phường Cầu Ông Lãnh', 'phường Bàn Cờ', 'phường Xuân Hòa', 'phường Nhiêu Lộc', 'phường Chợ Lớn', 'phường Bình Tây', 'phường Phú Nhuận', 'phường Gia Định', 'phường Bình Thạnh', 'phường Thủ Đức', 'phường Tân Sơn Nhất', 'phường Thủ Dầu Một', 'phường Vũng Tàu', 'xã Củ Chi', 'xã Hóc Môn', 'xã Bình Chánh', 'xã Nhà Bè', 'xã Cần Giờ', 'đặc khu Côn Đảo'],
}
const NAME_A = ['An', 'Bình', 'Đông', 'Hòa', 'Hưng', 'Long', 'Mỹ', 'Nam', 'Phú', 'Phước', 'Tân', 'Thạnh', 'Thuận', 'Trung', 'Vĩnh', 'Xuân', 'Đại', 'Quang', 'Minh', 'Hương', 'Cẩm', 'Kim', 'Ngọc', 'Hồng', 'Thanh', 'Đức', 'Gia', 'Yên', 'Lạc', 'Bắc', 'Hải', 'Nghĩa', 'Tiên', 'Quỳnh', 'Định']
const NAME_B = ['An', 'Bình', 'Đông', 'Hòa', 'Hưng', 'Lợi', 'Lộc', 'Mỹ', 'Phú', 'Phước', 'Thành', 'Thịnh', 'Thuận', 'Tiến', 'Trung', 'Sơn', 'Hải', 'Hà', 'Lâm', 'Khánh', 'Điền', 'Nghĩa', 'Thái', 'Tây', 'Hiệp', 'Phong', 'Xuyên', 'Châu', 'Dương', 'Tân', 'Long', 'Quý']

/** "Tỉnh Nghệ An" → "tỉnh Nghệ An", "Thành phố Huế" → "thành phố Huế". */
function lowerKind(provinceName: string): string {
  return provinceName.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ')
}

/**
 * The simulated agency registry: the 17 ministries with a few units each, the 34 provinces'
 * People's Committees, departments and communes, and a few agencies of former provinces.
 */
export function simulateRegistry(opts: { seed?: number } = {}): AgencyRow[] {
  const ref = simReference()
  const rng = new Rng(hashStr(`registry:${opts.seed ?? 1}`))
  const rows: AgencyRow[] = []
  const add = (r: AgencyRow) => rows.push({ ...r, name: r.name.normalize('NFC') })

  for (const m of ref.ministries) {
    add({ agency_code: m.code, name: m.name, level: 'central', ministry: m.code })
    const last = m.code.split('.').pop()!
    const units = MINISTRY_UNITS[last] ?? DEFAULT_UNITS
    const n = rng.int(3, Math.min(5, units.length))
    for (let i = 0; i < n; i++) {
      add({ agency_code: `000.00.${pad(i + 1, 2)}.${last}`, name: units[i], level: 'central', ministry: m.code, parent_code: m.code })
    }
  }

  for (const p of ref.provinces2025) {
    const ubnd = ref.agencyCodeOf2004.get(p.code) ?? `000.00.00.P${p.code}`
    const last = ubnd.split('.').pop()!
    const pop = POPULATION_2025[p.code] ?? 2
    const where = lowerKind(p.name)
    add({ agency_code: ubnd, name: `Ủy ban nhân dân ${where}`, level: 'province', province_code: p.code })
    const nDept = clamp(4 + Math.floor(pop / 2) + rng.int(0, 1), 4, 8)
    for (let i = 0; i < nDept; i++) {
      add({ agency_code: `000.${pad(i + 1, 2)}.00.${last}`, name: `${DEPARTMENTS[i]} ${where}`, level: 'province', province_code: p.code, parent_code: ubnd })
    }
    const nCommune = clamp(Math.round(7 + pop * 1.8) + rng.int(0, 3), 5, 20)
    communeNames(p, nCommune, rng).forEach((name, i) => {
      add({ agency_code: `${pad(i + 1, 3)}.00.00.${last}`, name: `UBND ${name}`, level: 'commune', province_code: p.code, parent_code: ubnd })
    })
  }

  // A few agencies of provinces that no longer exist since 2025-07-01 (structure=historical).
  const former: Array<[string, string, AgencyLevel, (ubnd: string, last: string) => string]> = [
    ['02', 'Ủy ban nhân dân {p}', 'province', (u) => u],
    ['02', 'UBND huyện Đồng Văn', 'district', (_, l) => `000.21.00.${l}`],
    ['74', 'Ủy ban nhân dân {p}', 'province', (u) => u],
    ['74', 'Sở Tư pháp {p}', 'province', (_, l) => `000.01.00.${l}`],
    ['74', 'UBND thành phố Thủ Dầu Một', 'district', (_, l) => `000.20.00.${l}`],
  ]
  for (const [code, name, level, codeOf] of former) {
    const ubnd = ref.agencyCodeOf2004.get(code)
    const p04 = ref.provinces2004.find((p) => p.code === code)
    if (!ubnd || !p04 || ref.codes2025.has(code)) continue
    const agency_code = codeOf(ubnd, ubnd.split('.').pop()!)
    add({
      agency_code,
      name: name.replace('{p}', lowerKind(p04.name)),
      level,
      province_code: code,
      ...(agency_code === ubnd ? {} : { parent_code: ubnd }),
    })
  }
  return rows
}

function communeNames(p: SimProvince2025, n: number, rng: Rng): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const take = (s: string) => {
    const base = s.replace(/^(phường|xã|đặc khu) /, '')
    if (seen.has(base) || out.length >= n) return
    seen.add(base)
    out.push(s)
  }
  for (const s of CITY_COMMUNES[p.code] ?? []) take(s)
  const city = p.name.startsWith('Thành phố')
  for (let guard = 0; out.length < n && guard < 1000; guard++) {
    const a = rng.pick(NAME_A)
    const b = rng.pick(NAME_B)
    if (a === b) continue
    take(`${rng.chance(city ? 0.65 : 0.25) ? 'phường' : 'xã'} ${a} ${b}`)
  }
  return out
}

// ───────────────────────────── simulation context ─────────────────────────────

type AgKind = 'ministry' | 'unit' | 'ubnd' | 'dept' | 'commune' | 'district' | 'unmapped'

interface Proc {
  code: string
  sector: string
  /** Processing time in working days. */
  days: number
  /** Share of applicants that are businesses. */
  biz: number
}

interface Ag {
  code: string
  kind: AgKind
  /** Ministry code, or 2025 province code. */
  unit: string
  /** province_code as in the registry (2004 code for a former province). */
  province: string
  former: boolean
  parent?: string
  short: string
  abbr: string
  q: number
  late: number
  online: number
  paid: number
  digit: number
  procs: Proc[]
}

interface Ctx {
  seed: number
  ags: Ag[]
  byCode: Map<string, Ag>
  unmapped: Ag[]
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

const P = (code: string, sector: string, days: number, biz = 0): Proc => ({ code, sector, days, biz })
const COMMUNE_PROCS = [
  P('1.001193', 'HT', 3), P('1.000894', 'HT', 5), P('1.001022', 'HT', 3), P('1.004873', 'HT', 3),
  P('2.000815', 'CT', 3, 0.1), P('2.000908', 'CT', 3, 0.1), P('1.001776', 'BTXH', 15), P('2.002192', 'HKD', 3, 0.9),
  P('1.010723', 'XD', 15, 0.1), P('1.003596', 'DD', 20, 0.05),
]
const UBND_PROCS = [P('1.004441', 'DD', 22, 0.3), P('2.001199', 'DTNN', 15, 1), P('1.009645', 'TDKT', 20, 0.2)]
const DEPT_PROCS: Array<[RegExp, Proc[]]> = [
  [/Tư pháp/, [P('2.000488', 'LLTP', 10), P('1.001071', 'CC', 5, 0.2), P('1.000105', 'TGPL', 5)]],
  [/Xây dựng/, [P('1.009994', 'XD', 20, 0.4), P('1.002820', 'GPLX', 10), P('1.001738', 'DK', 7, 0.5)]],
  [/Y tế/, [P('1.003017', 'KCB', 20, 0.3), P('1.001130', 'ATTP', 15, 0.9), P('1.004616', 'DUOC', 20, 0.6)]],
  [/Tài chính/, [P('2.001610', 'DKKD', 3, 1), P('2.001199', 'DTNN', 15, 1)]],
  [/Nội vụ/, [P('1.000121', 'LD', 5, 0.9), P('1.001753', 'BTXH', 10), P('1.002271', 'NCC', 20)]],
  [/Giáo dục/, [P('1.005092', 'GDDT', 5), P('1.005088', 'VB', 5)]],
  [/Nông nghiệp/, [P('1.012790', 'DD', 22, 0.3), P('1.008003', 'MT', 20, 0.8)]],
  [/Công Thương/, [P('2.000633', 'TM', 7, 0.95), P('2.000189', 'DIEN', 10, 0.8)]],
  [/Văn hóa/, [P('1.001029', 'DL', 10, 0.8), P('1.003866', 'VH', 7, 0.5)]],
  [/Khoa học/, [P('1.005412', 'KHCN', 15, 0.8), P('1.003702', 'BCVT', 10, 0.9)]],
  [/Dân tộc|Tôn giáo/, [P('1.001055', 'TG', 20, 0.2)]],
]
const MINISTRY_PROCS: Record<string, Proc[]> = {
  G01: [P('1.003556', 'XNC', 8), P('2.001968', 'XNC', 3, 0.1), P('1.010036', 'CSGT', 5, 0.3)],
  G12: [P('2.002222', 'THUE', 10, 0.9), P('1.010002', 'HQ', 5, 1), P('2.001610', 'DKKD', 3, 1)],
  G02: [P('2.000160', 'XNK', 7, 1), P('2.001226', 'HC', 15, 1)],
  G06: [P('1.004212', 'VT', 22, 1), P('1.005241', 'SHTT', 22, 0.7)],
  G18: [P('1.004616', 'DUOC', 20, 0.8), P('1.002394', 'TTBYT', 15, 1)],
  G03: [P('1.005089', 'VB', 20), P('1.004857', 'GDNN', 15, 0.5)],
  G17: [P('1.001738', 'DK', 7, 0.7), P('1.002209', 'HH', 10, 1), P('1.000283', 'HK', 15, 1)],
  G10: [P('1.008003', 'MT', 22, 1), P('1.004345', 'TY', 10, 0.9)],
  G09: [P('1.000121', 'LD', 10, 1), P('1.001753', 'NCC', 20)],
  G15: [P('2.000488', 'LLTP', 10), P('1.008924', 'QT', 22), P('2.001009', 'GDBD', 3, 0.8)],
  G08: [P('1.002460', 'LS', 5, 0.1)],
  G16: [P('1.001070', 'DL', 10, 0.9), P('1.003832', 'BC', 15, 1)],
  G11: [P('1.000062', 'QP', 15, 0.1)],
  G19: [P('1.001650', 'NH', 20, 1)],
  G20: [P('1.002025', 'KNTC', 22, 0.3)],
  G21: [P('1.001055', 'TG', 22, 0.3)],
  G22: [P('1.000702', 'KSTT', 10, 0.5)],
}
const DEFAULT_PROCS = [P('1.000999', 'KHAC', 10, 0.3)]
/** Relative dossier volume of the ministries (by the last part of their code). */
const MINISTRY_WEIGHT: Record<string, number> = {
  G01: 5, G12: 4, G02: 3, G17: 3, G06: 2, G18: 2, G10: 2, G03: 1.5, G09: 1.5, G15: 1.5, G08: 1.5, G16: 1, G19: 1, G11: 0.5, G21: 0.3, G20: 0.2, G22: 0.2,
}

function lastPart(code: string): string {
  return code.split('.').pop() ?? code
}

/** Initials for a document symbol: "Sở Tư pháp thành phố Hà Nội" → "STP", "Văn phòng Chính phủ" → "VPCP". */
function abbreviation(name: string, kind: AgKind): string {
  if (kind === 'ubnd' || /^(Ủy ban nhân dân|UBND)/.test(name)) return 'UBND'
  const base = name.replace(/ (tỉnh|thành phố) .*$/, '')
  const words = base.split(/[\s,]+/).filter((w) => w && w !== 'và' && w !== '-')
  return (words.map((w) => w[0].toUpperCase()).join('') || 'VP').slice(0, 10)
}

function buildCtx(registry: readonly AgencyRow[], seed: number): Ctx {
  const ref = simReference()
  const ags: Ag[] = []
  const shortIdx = new Map<string, number>()
  const shortOf = (code: string) => {
    const last = code.includes('.') ? lastPart(code) : code.replace(/[^A-Za-z0-9]/g, '').slice(-8) || 'X'
    const i = shortIdx.get(last) ?? 0
    shortIdx.set(last, i + 1)
    return `${last}.${pad(i, 2)}`
  }
  const seen = new Set<string>()
  for (const r of registry) {
    if (seen.has(r.agency_code)) continue
    seen.add(r.agency_code)
    let kind: AgKind
    if (r.level === 'central') kind = !r.ministry || r.ministry === r.agency_code ? 'ministry' : 'unit'
    else if (r.level === 'commune') kind = 'commune'
    else if (r.level === 'district') kind = 'district'
    else kind = /^000\.00\.00\./.test(r.agency_code) || /^(Ủy ban nhân dân|UBND)/.test(r.name) ? 'ubnd' : 'dept'
    const province = r.province_code ?? ''
    const former = r.level !== 'central' && !ref.codes2025.has(province)
    const unit = r.level === 'central' ? (r.ministry ?? r.agency_code) : (ref.successor.get(province) ?? province)
    ags.push(makeAg(r.agency_code, kind, unit, province, former, r.parent_code, shortOf(r.agency_code), abbreviation(r.name, kind), r.name))
  }

  // Unit quality: spread evenly over [0.02, 0.98] within ministries and within provinces, in a seeded order.
  const unitQ = new Map<string, number>()
  for (const central of [true, false]) {
    const units = [...new Set(ags.filter((a) => (a.kind === 'ministry' || a.kind === 'unit') === central).map((a) => a.unit))]
    units.sort((a, b) => hashStr(`${seed}:q:${a}`) - hashStr(`${seed}:q:${b}`) || (a < b ? -1 : 1))
    units.forEach((u, i) => unitQ.set(u, units.length > 1 ? 0.02 + (0.96 * i) / (units.length - 1) : 0.6))
  }
  for (const a of ags) tune(a, seed, unitQ.get(a.unit) ?? 0.5)

  const unmapped = UNMAPPED_AGENCY_CODES.map((code) => {
    const a = makeAg(code, 'unmapped', '', '', false, undefined, `${lastPart(code)}.99`, 'CQ', '')
    tune(a, seed, 0.5)
    return a
  })

  // Volume weights.
  const byCode = new Map(ags.map((a) => [a.code, a]))
  const provinceKindCount = new Map<string, number>()
  for (const a of ags) provinceKindCount.set(`${a.province}|${a.kind}|${a.unit}`, (provinceKindCount.get(`${a.province}|${a.kind}|${a.unit}`) ?? 0) + 1)
  const count = (a: Ag) => provinceKindCount.get(`${a.province}|${a.kind}|${a.unit}`) ?? 1
  const jitter = (a: Ag, k: string) => 0.6 + 0.8 * hashFrac(seed, 'w', k, a.code)
  const popOf = (a: Ag) => POPULATION_2025[a.unit] ?? 2
  const dossierRaw = (a: Ag): number => {
    const j = jitter(a, 'd')
    switch (a.kind) {
      case 'ministry': return (MINISTRY_WEIGHT[lastPart(a.code)] ?? 1) * 0.15 * j
      case 'unit': return ((MINISTRY_WEIGHT[lastPart(a.unit)] ?? 1) * 0.85 * j) / count(a)
      case 'ubnd': return (a.former ? 0.06 : 1) * popOf(a) * 0.05 * j * (a.unit === '01' || a.unit === '79' ? 1.3 : 1)
      case 'dept': return ((a.former ? 0.06 : 1) * popOf(a) * 0.4 * j * (a.unit === '01' || a.unit === '79' ? 1.3 : 1)) / count(a)
      case 'commune':
      case 'district': return ((a.former ? 0.06 : 1) * popOf(a) * 0.55 * j * (a.unit === '01' || a.unit === '79' ? 1.3 : 1)) / count(a)
      default: return 0
    }
  }
  const docRaw = (a: Ag): number => {
    const j = jitter(a, 'doc')
    switch (a.kind) {
      case 'ministry': return 0.1 * j
      case 'unit': return 0.15 * j * (3 / count(a))
      case 'ubnd': return (a.former ? 0.05 : 0.2) * Math.sqrt(popOf(a)) * j
      case 'dept': return (a.former ? 0.05 : 0.4) * Math.sqrt(popOf(a)) * j * (6 / count(a))
      case 'commune':
      case 'district': return (a.former ? 0.05 : 0.15) * Math.sqrt(popOf(a)) * j * (12 / count(a))
      default: return 0
    }
  }
  const norm = (raw: (a: Ag) => number, centralShare: number) => {
    const w = ags.map(raw)
    let c = 0
    let l = 0
    ags.forEach((a, i) => {
      if (a.kind === 'ministry' || a.kind === 'unit') c += w[i]
      else if (!a.former) l += w[i]
    })
    return ags.map((a, i) => (a.kind === 'ministry' || a.kind === 'unit' ? (c ? (w[i] * centralShare) / c : 0) : l ? (w[i] * (1 - centralShare)) / l : 0))
  }
  const dW = norm(dossierRaw, 0.08)
  const docW = norm(docRaw, 0.3)
  const post = (w: number[]) => cumulative(w.map((x, i) => (ags[i].former ? 0 : x)))

  const group = (pred: (a: Ag) => boolean, key: (a: Ag) => string) => {
    const m = new Map<string, Ag[]>()
    for (const a of ags) if (pred(a)) m.set(key(a), [...(m.get(key(a)) ?? []), a])
    return m
  }
  const ubndOf = new Map<string, Ag>()
  for (const a of ags) if (a.kind === 'ubnd' && !ubndOf.has(a.province)) ubndOf.set(a.province, a)

  return {
    seed,
    ags,
    byCode,
    unmapped,
    dossierCumPre: cumulative(dW),
    dossierCumPost: post(dW),
    docCumPre: cumulative(docW),
    docCumPost: post(docW),
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

function makeAg(code: string, kind: AgKind, unit: string, province: string, former: boolean, parent: string | undefined, short: string, abbr: string, name: string): Ag {
  let procs: Proc[]
  if (kind === 'commune' || kind === 'district') procs = COMMUNE_PROCS
  else if (kind === 'ubnd') procs = UBND_PROCS
  else if (kind === 'dept') procs = DEPT_PROCS.find(([re]) => re.test(name))?.[1] ?? UBND_PROCS
  else if (kind === 'ministry' || kind === 'unit') procs = MINISTRY_PROCS[lastPart(unit)] ?? DEFAULT_PROCS
  else procs = DEFAULT_PROCS
  return { code, kind, unit, province, former, parent, short, abbr, q: 0.5, late: 0.1, online: 0.5, paid: 0.5, digit: 0.5, procs }
}

/** Derive an agency's behaviour from its unit's quality (with a little per-agency noise). */
function tune(a: Ag, seed: number, unitQ: number): void {
  const j = (k: string) => hashFrac(seed, k, a.code) - 0.5
  const q = clamp(unitQ + 0.12 * j('q'), 0, 1)
  a.q = q
  a.late = clamp(0.29 - 0.25 * q + 0.03 * j('late'), 0.02, 0.35)
  a.online = clamp(0.3 + 0.42 * q + 0.06 * j('online') + (a.kind === 'ministry' || a.kind === 'unit' ? 0.05 : 0), 0.1, 0.9)
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

function range(opts: SimOptions): { fromMs: number; toMs: number; scale: number; seed: number } {
  const fromMs = opts.from.getTime()
  const toMs = opts.to.getTime()
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new Error('simulate: from and to must be valid dates')
  return { fromMs, toMs, scale: opts.scale ?? 1, seed: opts.seed ?? 1 }
}

/** Relative activity of a day: weekdays 1, weekends and holidays little. */
function dayFactor(day: number, weekend: number, sunday: number): number {
  if (HOLIDAYS.has(day)) return sunday * 0.8
  const w = weekday(day)
  if (w === 6) return weekend
  if (w === 0) return sunday
  return [1, 1.12, 1.05, 1, 1, 0.9][w]
}

// Average of the weekly factors, so that scale 1 gives the advertised yearly totals.
const DOSSIERS_PER_YEAR = 150_000
const DOCUMENTS_PER_YEAR = 30_000
const DOSSIER_WEEK = (1.12 + 1.05 + 1 + 1 + 0.9 + 0.18 + 0.1) / 7
const DOCUMENT_WEEK = (1.12 + 1.05 + 1 + 1 + 0.9 + 0.03 + 0.02) / 7

/** Push an event into an emission heap, sometimes late (out of order) and sometimes twice. */
function schedule<T>(heap: Heap<T>, rng: Rng, t: number, ev: T, lateP = 0.01, dupP = 0.002): void {
  heap.push(rng.chance(lateP) ? t + HOUR + rng.expo(20 * HOUR) : t, ev)
  if (rng.chance(dupP)) heap.push(t + rng.range(MIN, 12 * HOUR), ev)
}

// ───────────────────────────── dossiers ─────────────────────────────

interface Timed<T> {
  t: number
  ev: T
}

interface LifeOptions {
  /** Compress the lifecycle into minutes (live feed). */
  live: boolean
  toMs: number
}

/** The events of one dossier, in time order, none after `toMs`. */
function dossierLife(ag: Ag, rng: Rng, t0: number, channel: number, code: string, o: LifeOptions): Timed<DossierEvent>[] {
  const out: Timed<DossierEvent>[] = []
  const proc = rng.pick(ag.procs)
  const base = { agency_code: ag.code, procedure_code: proc.code, sector_code: proc.sector }
  const applicant_type = rng.chance(proc.biz) ? 2 : rng.chance(0.94) ? 1 : rng.chance(0.15) ? 3 : 4
  let n = 0
  const push = (t: number, status: number, extra: Partial<DossierEvent> = {}): boolean => {
    if (t > o.toMs) return false
    out.push({ t, ev: { event_id: `sim:${code}:${++n}`, dossier_code: code, status, occurred_at: isoLocal(t), ...base, ...extra } })
    return true
  }
  const work = (t: number) => (o.live ? t : snapToWork(t, rng))
  // Durations: real ones, or seconds and minutes for the live feed.
  const d = (realMs: number, liveMs: number) => (o.live ? liveMs : realMs)
  const online = channel === 2

  if (rng.chance(online ? 0.85 : 0.12)) push(t0, 1, { channel, applicant_type })
  let R: number
  if (online) R = work(t0 + d(5 * MIN + rng.expo(3 * HOUR), rng.range(5, 90) * SEC))
  else if (channel === 3) R = work(t0 + d(rng.range(1, 3) * DAY, rng.range(20, 120) * SEC))
  else R = t0 + d(rng.range(1, 20) * MIN, rng.range(3, 30) * SEC)
  if (online && rng.chance(0.015 + 0.03 * (1 - ag.q))) {
    push(R, 3)
    return out
  }
  let D = dueAfterWorkdays(R, Math.min(22, proc.days))
  const paid = online && rng.chance(ag.paid)
  const digitized = rng.chance(ag.digit)
  if (!push(R, 2, { channel, applicant_type, received_at: isoLocal(R), due_at: isoLocal(D), paid_online: paid, digitized })) return out

  let cursor = R
  if (rng.chance(0.85)) {
    const p = work(R + d(10 * MIN + rng.expo(3 * HOUR), rng.range(20, 240) * SEC))
    if (p < D) {
      if (!push(p, 4)) return out
      cursor = p
    }
  }
  // When the dossier would finish.
  let F: number
  if (o.live) {
    F = cursor + rng.range(2, 25) * MIN
    if (rng.chance(0.1)) F = D + DAY // still pending in the session
  } else if (rng.chance(0.006 + 0.02 * (1 - ag.q))) {
    F = snapToWork(D + rng.range(15, 120) * DAY, rng) // stuck: long overdue
  } else if (rng.chance(ag.late)) {
    F = snapToWork(D + HOUR + rng.expo(3.5 * DAY), rng)
  } else {
    F = snapToWork(R + (D - R) * (0.1 + 0.85 * Math.pow(rng.next(), 0.8)), rng)
    if (F > D) F = D - rng.range(0, 3 * HOUR)
  }
  if (F <= cursor) F = cursor + d(rng.range(20, 120) * MIN, rng.range(30, 300) * SEC)

  // Supplement requested: the clock stops, a new due date comes with the resubmission.
  if (rng.chance(0.06)) {
    const s = cursor + (F - cursor) * rng.range(0.1, 0.5)
    if (!push(s, 5)) return out
    const back = work(s + d(rng.range(1, 10) * DAY, rng.range(30, 180) * SEC))
    const gap = back - s
    D += gap
    F += gap
    if (!push(back, 4, { due_at: isoLocal(D) })) return out
    cursor = back
  }
  if (rng.chance(0.08)) {
    const m = cursor + (F - cursor) * rng.range(0.4, 0.9)
    if (!push(m, 6)) return out
    cursor = m
  }
  const u = rng.next()
  if (u < 0.023) {
    push(cursor + (F - cursor) * rng.range(0.2, 0.9), u < 0.015 ? 7 : 8)
    return out
  }
  const finished_at = isoLocal(F)
  if (rng.chance(0.75)) {
    if (!push(F, 9, { finished_at })) return out
    push(o.live ? F + rng.range(20, 300) * SEC : snapToWork(F + rng.expo(DAY), rng), 10, { finished_at })
  } else {
    push(F, 10, { finished_at })
  }
  return out
}

function pickChannel(ag: Ag, rng: Rng, workday: boolean): number {
  if (!workday || rng.chance(ag.online)) return 2
  return rng.chance(0.03) ? 3 : 1
}

/**
 * Dossier events of [from, to], roughly in order of `occurred_at` (about 1% are emitted late,
 * about 0.2% twice, about 0.5% name an agency that is not in the registry).
 */
export function* simulateDossierEvents(registry: AgencyRow[], opts: SimOptions): Generator<DossierEvent> {
  const { fromMs, toMs, scale, seed } = range(opts)
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`dossier:${seed}`))
  const heap = new Heap<DossierEvent>()
  const perWeekday = (scale * DOSSIERS_PER_YEAR) / 365.25 / DOSSIER_WEEK
  for (let day = dayIdx(fromMs); day <= dayIdx(toMs); day++) {
    const start = dayStart(day)
    const end = start + DAY
    const workday = isWorkday(day)
    const cum = start < MERGER_MS ? ctx.dossierCumPre : ctx.dossierCumPost
    const nNew = rng.poisson(perWeekday * dayFactor(day, 0.18, 0.1))
    const items: Array<{ t: number; ag: Ag; channel: number }> = []
    for (let i = 0; i < nNew; i++) {
      const mappedAg = pickAg(ctx, cum, rng)
      if (!mappedAg) break
      const ag = rng.chance(0.005) ? rng.pick(ctx.unmapped) : mappedAg
      const channel = pickChannel(ag, rng, workday)
      const t = channel === 2 ? onlineTime(day, rng) : officeTime(day, rng)
      if (t < fromMs || t > toMs) continue
      items.push({ t, ag, channel })
    }
    items.sort((a, b) => a.t - b.t)
    const seq = new Map<string, number>()
    const yymmdd = ymd(day).slice(2).replaceAll('-', '')
    for (const it of items) {
      const n = (seq.get(it.ag.code) ?? 0) + 1
      seq.set(it.ag.code, n)
      const code = `${it.ag.short}-${yymmdd}-${pad(n, 4)}`
      for (const e of dossierLife(it.ag, rng, it.t, it.channel, code, { live: false, toMs })) schedule(heap, rng, e.t, e.ev)
    }
    while (heap.peekKey() < end) yield heap.pop()
  }
  while (heap.size) yield heap.pop()
}

// ───────────────────────────── documents ─────────────────────────────

const DOC_SUBS = ['VP', 'TH', 'PC', 'KSTT', 'TCCB', 'KHTC', 'TTĐT', 'HCTC', 'NV']

/** The recipients of a document from `from` (distinct, never the sender). */
function recipients(ctx: Ctx, from: Ag, rng: Rng, pre: boolean): Ag[] {
  const ubnds = pre ? ctx.ubndPre : ctx.ubndPost
  let n: number
  const pools: Array<[number, readonly Ag[]]> = []
  const ownUbnd = ctx.ubndOf.get(from.province)
  const depts = ctx.deptsOf.get(from.province) ?? []
  const communes = ctx.communesOf.get(from.province) ?? []
  switch (from.kind) {
    case 'ministry':
      n = rng.int(3, 8)
      pools.push([0.6, ubnds], [0.25, ctx.ministries], [0.15, ctx.unitsOf.get(from.unit) ?? []])
      break
    case 'unit':
      n = rng.int(2, 6)
      pools.push([0.3, ctx.ministries.filter((m) => m.code === from.unit)], [0.4, ctx.allDepts], [0.3, ubnds])
      break
    case 'ubnd':
      n = rng.int(3, 8)
      pools.push([0.5, depts], [0.3, communes], [0.2, ctx.ministries])
      break
    case 'dept':
      n = rng.int(2, 6)
      pools.push([0.35, ownUbnd ? [ownUbnd] : []], [0.35, communes], [0.15, depts], [0.15, ctx.centralUnits])
      break
    default:
      n = rng.int(1, 3)
      pools.push([0.5, ownUbnd ? [ownUbnd] : []], [0.5, depts])
  }
  const live = pools.filter(([, p]) => p.length)
  const total = live.reduce((s, [w]) => s + w, 0)
  const out: Ag[] = []
  const seen = new Set<string>([from.code])
  for (let guard = 0; out.length < n && guard < n * 8 && live.length; guard++) {
    let x = rng.next() * total
    let pool = live[live.length - 1][1]
    for (const [w, p] of live) {
      if ((x -= w) < 0) {
        pool = p
        break
      }
    }
    const a = rng.pick(pool)
    if (seen.has(a.code) || (a.former && !pre)) continue
    seen.add(a.code)
    out.push(a)
  }
  if (!out.length) {
    const any = ctx.ags.filter((a) => a.code !== from.code && !(a.former && !pre))
    if (any.length) out.push(rng.pick(any))
  }
  return out
}

interface DocOptions {
  live: boolean
  toMs: number
  number: number
}

/** The events of one document sent at `t` by `from`, none after `toMs`. */
function documentLife(ctx: Ctx, from: Ag, rng: Rng, t: number, o: DocOptions, pre: boolean): Timed<DocumentEvent>[] {
  const out: Timed<DocumentEvent>[] = []
  const day = dayIdx(t)
  const r = rng.next()
  const symbol =
    r < 0.6 ? `${from.abbr}-${rng.pick(DOC_SUBS)}` : r < 0.75 ? `QĐ-${from.abbr}` : r < 0.87 ? `TB-${from.abbr}` : `KH-${from.abbr}`
  const document_id = `${from.code},${ymd(day).replaceAll('-', '/')},${o.number}/${symbol}`
  const idBase = `sim:doc:${from.code}:${ymd(day).replaceAll('-', '')}:${o.number}`
  const bt = rng.next()
  const business_type = bt < 0.95 ? 0 : bt < 0.98 ? 2 : bt < 0.995 ? 3 : 1
  const due = rng.chance(0.3) ? isoLocal(dueAfterWorkdays(t, rng.int(3, 15))) : undefined
  const to = recipients(ctx, from, rng, pre)
  const d = (realMs: number, liveMs: number) => (o.live ? liveMs : realMs)
  const work = (x: number) => (o.live ? x : snapToWork(x, rng))
  to.forEach((rcpt, i) => {
    const toAgency = rng.chance(0.005) ? rng.pick(ctx.unmapped) : rcpt
    const idx = `${idBase}:${i + 1}`
    const push = (x: number, status: string, extra: Partial<DocumentEvent> = {}): boolean => {
      if (x > o.toMs) return false
      out.push({
        t: x,
        ev: { event_id: `${idx}:${status}`, document_id, from_agency: from.code, to_agency: toAgency.code, status, occurred_at: isoLocal(x), ...extra },
      })
      return true
    }
    const sent = t + i * rng.range(0, 3) * SEC
    if (!push(sent, '00', { business_type, ...(due ? { due_at: due } : {}) })) return
    const q = toAgency.q
    if (rng.chance(0.01 + 0.04 * (1 - q))) return // never acknowledged
    const arrived = sent + Math.min(6 * HOUR, rng.logNormal(d(60 * SEC, 4 * SEC), 1.2))
    if (!push(arrived, '01')) return
    if (rng.chance(0.01 + 0.04 * (1 - q))) {
      push(work(arrived + rng.logNormal(d(40 * MIN, 20 * SEC), 1)), '02')
      return
    }
    const accepted = work(arrived + rng.logNormal(d(20 * MIN + (1 - q) * 4 * HOUR, 15 * SEC + (1 - q) * 90 * SEC), 1.3))
    if (!push(accepted, '03')) return
    if (!rng.chance(0.15)) return
    const assigned = work(accepted + rng.logNormal(d(2 * HOUR, 30 * SEC), 1))
    if (!push(assigned, '04') || !rng.chance(0.5)) return
    const processing = work(assigned + rng.logNormal(d(DAY / 2, 60 * SEC), 1))
    if (!push(processing, '05') || !rng.chance(0.5)) return
    push(work(processing + rng.logNormal(d(3 * DAY, 120 * SEC), 0.8)), '06')
  })
  return out
}

/** Next number of a sender's documents, restarting each year at a plausible count for the date. */
function nextDocNumber(counters: Map<string, { year: string; n: number }>, from: Ag, day: number, seed: number): number {
  const year = ymd(day).slice(0, 4)
  let c = counters.get(from.code)
  if (!c || c.year !== year) {
    const doy = day - Date.UTC(Number(year), 0, 1) / DAY
    c = { year, n: Math.floor(doy * (1 + 6 * hashFrac(seed, 'docrate', from.code))) }
    counters.set(from.code, c)
  }
  return ++c.n
}

/**
 * Document events of [from, to]: one `00` per recipient, then mostly `01` and `03`, a few
 * `02`, `04`, `05`, `06`; some exchanges never acknowledged. Roughly in order of `occurred_at`.
 */
export function* simulateDocumentEvents(registry: AgencyRow[], opts: SimOptions): Generator<DocumentEvent> {
  const { fromMs, toMs, scale, seed } = range(opts)
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`document:${seed}`))
  const heap = new Heap<DocumentEvent>()
  const counters = new Map<string, { year: string; n: number }>()
  const perWeekday = (scale * DOCUMENTS_PER_YEAR) / 365.25 / DOCUMENT_WEEK
  for (let day = dayIdx(fromMs); day <= dayIdx(toMs); day++) {
    const end = dayStart(day) + DAY
    const pre = dayStart(day) < MERGER_MS
    const cum = pre ? ctx.docCumPre : ctx.docCumPost
    const n = rng.poisson(perWeekday * dayFactor(day, 0.03, 0.02))
    const items: Array<{ t: number; from: Ag }> = []
    for (let i = 0; i < n; i++) {
      const from = pickAg(ctx, cum, rng)
      if (!from) break
      const t = isWorkday(day) ? officeTime(day, rng) : dayStart(day) + rng.range(8, 17) * HOUR
      if (t >= fromMs && t <= toMs) items.push({ t, from })
    }
    items.sort((a, b) => a.t - b.t)
    for (const it of items) {
      const number = nextDocNumber(counters, it.from, day, seed)
      for (const e of documentLife(ctx, it.from, rng, it.t, { live: false, toMs, number }, pre)) schedule(heap, rng, e.t, e.ev)
    }
    while (heap.peekKey() < end) yield heap.pop()
  }
  while (heap.size) yield heap.pop()
}

// ───────────────────────────── connections ─────────────────────────────

const PLATFORMS: readonly Platform[] = ['document_axis', 'service_portal']

/**
 * Connection events of [from, to]: agencies go `testing` → `connected` along an S-curve over the
 * period (≈85–95% of agencies connected to the document axis by the end, ≈70–90% to the
 * service portal); a few disconnect and reconnect; agencies of former provinces disconnect
 * when their province ends (2025-07-01).
 */
export function* simulateConnectionEvents(registry: AgencyRow[], opts: SimOptions): Generator<ConnectionEvent> {
  const { fromMs, toMs, seed } = range(opts)
  const ctx = ctxFor(registry, seed)
  const rng = new Rng(hashStr(`connection:${seed}`))
  const span = Math.max(toMs - fromMs, HOUR)
  const k = 7
  const x0 = 0.45
  const L = (x: number) => 1 / (1 + Math.exp(-k * (x - x0)))
  const L0 = L(0)
  const L1 = L(1)
  const heap = new Heap<ConnectionEvent>()
  const inPeriod = (t: number) => Math.min(toMs, Math.max(fromMs, t))
  for (const a of ctx.ags) {
    for (const platform of PLATFORMS) {
      let n = 0
      const push = (t: number, state: ConnectionState) => {
        if (t > toMs || t < fromMs) return
        schedule(heap, rng, t, { event_id: `sim:conn:${a.code}:${platform}:${++n}`, agency_code: a.code, platform, state, occurred_at: isoLocal(t) }, 0.01, 0.003)
      }
      const target =
        platform === 'document_axis' ? 0.84 + 0.14 * a.q - (a.kind === 'commune' ? 0.03 : 0) : 0.66 + 0.28 * a.q - (a.kind === 'commune' ? 0.04 : 0)
      if (rng.chance(target)) {
        const p = L0 + rng.next() * (L1 - L0)
        const x = x0 + Math.log(p / (1 - p)) / k
        const connectAt = inPeriod(snapToWork(fromMs + x * span, rng))
        let testAt = connectAt - rng.range(3, 40) * DAY
        if (testAt < fromMs) testAt = fromMs + rng.range(0.1, 0.9) * (connectAt - fromMs)
        push(Math.min(snapToWork(testAt, rng), connectAt - MIN), 'testing')
        push(connectAt, 'connected')
        if (a.former && MERGER_MS > connectAt) {
          push(MERGER_MS + rng.range(0, 2) * DAY, 'disconnected')
        } else if (rng.chance(0.04)) {
          const off = connectAt + rng.next() * (toMs - connectAt)
          push(off, 'disconnected')
          push(snapToWork(off + rng.range(1, 20) * DAY, rng), 'connected')
        }
      } else if (rng.chance(0.6)) {
        push(snapToWork(fromMs + rng.range(0.3, 1) * span, rng), 'testing')
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
  /** Events of dossiers and documents started in earlier ticks, keyed by their time. */
  queue: Heap<LiveItem>
  /** Agencies disconnected by the feed, waiting to reconnect. */
  disconnected: Set<string>
}

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
  const ctx = ctxFor(registry, state.seed)
  const rng = state.rng
  const since = state.lastNow !== null && state.lastNow < nowMs ? state.lastNow : nowMs - 5 * SEC
  const windowS = clamp((nowMs - since) / SEC, 1, 60)
  const start = nowMs - windowS * SEC
  state.lastNow = nowMs
  const horizon = nowMs + 7 * DAY
  const pre = nowMs < MERGER_MS
  const day = dayIdx(nowMs)
  const hhmmss = isoLocal(nowMs).slice(11, 19).replaceAll(':', '')
  const yymmdd = ymd(day).slice(2).replaceAll('-', '')

  // New dossiers: about 2.5 a second (a few dozen events a tick once earlier dossiers progress).
  const nDossiers = rng.poisson(2.5 * windowS)
  const office = isWorkday(day) && snapToWork(nowMs, rng) === nowMs
  for (let i = 0; i < nDossiers; i++) {
    const mapped = pickAg(ctx, pre ? ctx.dossierCumPre : ctx.dossierCumPost, rng)
    if (!mapped) break
    const ag = rng.chance(0.005) ? rng.pick(ctx.unmapped) : mapped
    const code = `${ag.short}-${yymmdd}-L${hhmmss}-${++state.seq}`
    const t0 = start + rng.next() * (nowMs - start)
    for (const e of dossierLife(ag, rng, t0, pickChannel(ag, rng, office), code, { live: true, toMs: horizon })) {
      state.queue.push(e.t, { kind: 'dossier', ev: e.ev })
    }
  }
  // New documents: about one every four seconds.
  const nDocs = rng.poisson(0.25 * windowS)
  for (let i = 0; i < nDocs; i++) {
    const from = pickAg(ctx, pre ? ctx.docCumPre : ctx.docCumPost, rng)
    if (!from) break
    const t = start + rng.next() * (nowMs - start)
    const number = (Math.floor((t + TZ) / SEC) % 86400) * 100 + (++state.seq % 100)
    for (const e of documentLife(ctx, from, rng, t, { live: true, toMs: horizon, number }, pre)) {
      state.queue.push(e.t, { kind: 'document', ev: e.ev })
    }
  }
  // Now and then a connection change; disconnections come back a few minutes later.
  if (rng.chance(Math.min(1, 0.01 * windowS)) && ctx.ags.length) {
    const a = rng.pick(ctx.ags)
    const platform = rng.pick(PLATFORMS)
    const key = `${a.code}|${platform}`
    const mk = (t: number, st: ConnectionState): ConnectionEvent => ({
      event_id: `sim:live:conn:${a.code}:${platform}:${yymmdd}${isoLocal(t).slice(11, 19).replaceAll(':', '')}:${++state.seq}`,
      agency_code: a.code,
      platform,
      state: st,
      occurred_at: isoLocal(t),
    })
    if (!state.disconnected.has(key) && rng.chance(0.5)) {
      state.disconnected.add(key)
      state.queue.push(nowMs, { kind: 'connection', ev: mk(nowMs, 'disconnected') })
      const back = nowMs + rng.range(1, 10) * MIN
      state.queue.push(back, { kind: 'connection', ev: mk(back, 'connected') })
    } else if (!state.disconnected.has(key)) {
      state.queue.push(nowMs, { kind: 'connection', ev: mk(nowMs, 'connected') })
    }
  }

  const out = { dossier: [] as DossierEvent[], document: [] as DocumentEvent[], connection: [] as ConnectionEvent[] }
  while (state.queue.peekKey() <= nowMs) {
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
