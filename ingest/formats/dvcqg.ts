// The National Public Service Portal's dossier sync (DongBoHoSoMC, CapNhatTienDoHoSoMC) as
// one-stop systems send it, turned into dossier events exactly as national-formats.md §1 says.
import { paramChunks, type Store } from '../../core/db'
import type { DossierRecord } from '../records'
import type { ValidateContext } from '../validate'
import { checkEvent, refused, type Converted, type FieldMap } from './convert'
import { withoutPersonal } from './personal'
import { compactOf, isoOf, localOf, parseCompact } from './vntime'

export const SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const
export type Service = (typeof SERVICES)[number]

export interface Envelope {
  service: Service
  /** The agency code: the envelope's `madonvi`, or the query parameter `MaDinhDanhDV` of a bare array. */
  agency: string
  /** Where the agency code came from, for rejects. */
  agencyField: 'madonvi' | 'MaDinhDanhDV'
  data: unknown[]
}

/** A body (or a file line) that is not a sync envelope at all. */
export class EnvelopeError extends Error {}

const scalarText = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null)

/**
 * The envelope of a parsed JSON value: `{"service", "madonvi", "data": [...]}`, or a bare array
 * of dossier objects with the agency code given apart (the query parameter `MaDinhDanhDV`).
 * `session` and `isUpdating` change nothing (a re-sent state is a duplicate whatever they say).
 */
export function readEnvelope(value: unknown, maDinhDanhDV?: string | null): Envelope {
  const given = maDinhDanhDV?.trim() || null
  if (Array.isArray(value)) {
    if (!given) throw new EnvelopeError('a bare data array needs the agency code as the query parameter MaDinhDanhDV')
    return { service: 'DongBoHoSoMC', agency: given, agencyField: 'MaDinhDanhDV', data: value }
  }
  if (value === null || typeof value !== 'object') throw new EnvelopeError('not a sync envelope: expected a JSON object {"service", "madonvi", "data": [...]} or a bare data array')
  const o = value as Record<string, unknown>
  const service = o.service
  if (service === undefined || service === null) throw new EnvelopeError('not a sync envelope: it has no "service" (DongBoHoSoMC or CapNhatTienDoHoSoMC)')
  if (typeof service !== 'string' || !(SERVICES as readonly string[]).includes(service.trim()))
    throw new EnvelopeError(`unknown service ${JSON.stringify(String(service)).slice(0, 60)}: expected DongBoHoSoMC or CapNhatTienDoHoSoMC`)
  if (!Array.isArray(o.data)) throw new EnvelopeError('not a sync envelope: "data" must be an array of records')
  const madonvi = scalarText(o.madonvi)?.trim() || null
  const agency = madonvi ?? given
  if (!agency) throw new EnvelopeError('the envelope names no agency: "madonvi" is missing (or pass MaDinhDanhDV)')
  return { service: service.trim() as Service, agency, agencyField: madonvi ? 'madonvi' : 'MaDinhDanhDV', data: o.data }
}

// ---------------------------------------------------------------------------------------------
// Values as real systems send them: every scalar may be a JSON string, "" is none.

class SourceError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {}
}

type Obj = Record<string, unknown>

/** The field's text as sent (codes are stored as sent); null when absent, null, "" or blank. */
function text(o: Obj, field: string): string | null {
  const v = o[field]
  if (v === undefined || v === null) return null
  const s = scalarText(v)
  if (s === null) throw new SourceError(field, `must be a string or a number, got ${Array.isArray(v) ? 'array' : typeof v}`)
  return s.trim() === '' ? null : s
}

function requiredText(o: Obj, field: string): string {
  const t = text(o, field)
  if (t === null) throw new SourceError(field, 'required field is missing or empty')
  return t
}

/** An integer sent as a number or as digits ("2", "02"); null when none. */
function int(o: Obj, field: string, min: number, max: number): number | null {
  const t = text(o, field)?.trim() ?? null
  if (t === null) return null
  if (!/^[+]?\d{1,9}$/.test(t)) throw new SourceError(field, `must be an integer from ${min} to ${max}, got ${JSON.stringify(t).slice(0, 40)}`)
  const n = Number(t)
  if (n < min || n > max) throw new SourceError(field, `must be an integer from ${min} to ${max}, got ${n}`)
  return n
}

/** A `yyyyMMddHHmmss` date: its ISO form and its text for event ids; null when none. */
function date(o: Obj, field: string): { iso: string; compact: string } | null {
  const t = text(o, field)?.trim() ?? null
  if (t === null) return null
  const local = parseCompact(t)
  if (!local) throw new SourceError(field, `must be a date yyyyMMddHHmmss (Asia/Ho_Chi_Minh), got ${JSON.stringify(t).slice(0, 40)}`)
  return { iso: isoOf(local), compact: compactOf(local) }
}

/** 1 or 2 paid online (portal, or the ministry's or province's gateway); any other value not; none is absent. */
function paidOnline(o: Obj): boolean | null {
  const v = o.DuocThanhToanTrucTuyen
  if (v === undefined || v === null || v === '') return null
  if (v === true || v === false) return v
  const t = String(v).trim()
  return t === '1' || t === '2'
}

function digitized(o: Obj): boolean | null {
  const v = o.HoSoCoThanhPhanSoHoa
  if (v === undefined || v === null || v === '') return null
  if (v === true || v === false) return v
  const t = String(v).trim().toLowerCase()
  return t === '1' || t === 'true'
}

/** The date of each state (national-formats.md): other states are timed by arrival. */
const STATE_DATE: Readonly<Record<number, string>> = { 1: 'NgayNopHoSo', 2: 'NgayTiepNhan', 3: 'NgayTuChoi', 9: 'NgayKetThucXuLy', 10: 'NgayTra' }

/** The time a record arrived, in the source's own form. */
export interface Arrival {
  iso: string
  compact: string
}

export function arrivalOf(instant: Date): Arrival {
  const local = localOf(instant)
  return { iso: isoOf(local), compact: compactOf(local) }
}

const ARRIVAL = '(arrival)'

function dossierFields(stateDate: string, agencyField: string): FieldMap {
  return {
    event_id: 'MaHoSo',
    dossier_code: 'MaHoSo',
    status: 'TrangThaiHoSo',
    occurred_at: stateDate,
    agency_code: agencyField,
    procedure_code: 'MaTTHC',
    sector_code: 'MaLinhVuc',
    channel: 'KenhThucHien',
    applicant_type: 'LoaiDoiTuong',
    received_at: 'NgayTiepNhan',
    due_at: 'NgayHenTra',
    finished_at: 'NgayKetThucXuLy',
    paid_online: 'DuocThanhToanTrucTuyen',
    digitized: 'HoSoCoThanhPhanSoHoa',
  }
}

function progressFields(agencyField: string): FieldMap {
  return {
    event_id: 'MaHoSo',
    dossier_code: 'MaHoSo',
    status: 'TrangThai',
    occurred_at: 'ThoiDiemXuLy',
    agency_code: agencyField,
    procedure_code: 'MaHoSo',
    due_at: 'NgayKetThucTheoQuyDinh',
  }
}

// ---------------------------------------------------------------------------------------------
// The procedure of a progress record: that of the dossier's latest event (kpi.md order) among
// those stored and those earlier in the same delivery.

interface Latest {
  occurred_at: string
  status: number
  event_id: string
  procedure_code: string
}

/** Byte order of UTF-8 (ClickHouse's String order), which JavaScript's UTF-16 order is not. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

function later(a: Latest, b: Latest): boolean {
  if (a.occurred_at !== b.occurred_at) return a.occurred_at > b.occurred_at // same fixed-width UTC text
  if (a.status !== b.status) return a.status > b.status
  return byteCompare(a.event_id, b.event_id) > 0
}

/** Each dossier's latest event, from the store once per dossier, then kept up to date by the delivery. */
export class LatestEvents {
  private known = new Map<string, Latest | null>()
  constructor(private readonly store: Store | null) {}

  /** Reads from the store the dossiers not yet known (call before yielding the records that need them). */
  async prime(codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => !this.known.has(c))
    for (const c of missing) this.known.set(c, null)
    if (!this.store) return
    for (const codes of paramChunks(missing)) {
      const rows = await this.store.named<Latest & { dossier_code: string; status: string | number }>('dossier-latest-event', { codes })
      for (const r of rows) this.note(r.dossier_code, { occurred_at: r.occurred_at, status: Number(r.status), event_id: r.event_id, procedure_code: r.procedure_code })
    }
  }

  note(code: string, e: Latest): void {
    const cur = this.known.get(code)
    if (!cur || later(e, cur)) this.known.set(code, e)
  }

  procedureOf(code: string): string | null {
    return this.known.get(code)?.procedure_code ?? null
  }
}

// ---------------------------------------------------------------------------------------------

export interface SyncContext {
  validate: ValidateContext
  latest: LatestEvents
  /** When the delivery arrived: the time of states without a date. */
  arrival: Arrival
}

const recordText = (r: unknown): string => JSON.stringify(withoutPersonal(r)) ?? ''

function dossierEvent(o: Obj, env: Envelope, arrival: Arrival): { event: Record<string, unknown>; fields: FieldMap; byArrival: boolean } {
  const dossier_code = requiredText(o, 'MaHoSo')
  const status = int(o, 'TrangThaiHoSo', 1, 10)
  if (status === null) throw new SourceError('TrangThaiHoSo', 'required field is missing or empty')
  const procedure_code = requiredText(o, 'MaTTHC')
  const sector_code = text(o, 'MaLinhVuc')
  const channel = int(o, 'KenhThucHien', 1, 3)
  const applicant_type = int(o, 'LoaiDoiTuong', 1, 4)
  const received = date(o, 'NgayTiepNhan')
  const due = date(o, 'NgayHenTra')
  const finished = date(o, 'NgayKetThucXuLy')
  const stateField = STATE_DATE[status]
  const stateDate = stateField ? date(o, stateField) : null
  const when = stateDate ?? arrival
  const event: Record<string, unknown> = {
    event_id: `dvcqg:${dossier_code}:${status}:${when.compact}`,
    dossier_code,
    status,
    occurred_at: when.iso,
    agency_code: env.agency,
    procedure_code,
    sector_code,
    channel,
    applicant_type,
    received_at: received?.iso ?? null,
    due_at: due?.iso ?? null,
    finished_at: finished?.iso ?? null,
    paid_online: paidOnline(o),
    digitized: digitized(o),
  }
  return { event, fields: dossierFields(stateDate ? stateField : ARRIVAL, env.agencyField), byArrival: !stateDate }
}

function progressEvent(o: Obj, env: Envelope, arrival: Arrival, latest: LatestEvents): { event: Record<string, unknown>; fields: FieldMap; byArrival: boolean } {
  const dossier_code = requiredText(o, 'MaHoSo')
  const status = int(o, 'TrangThai', 1, 10)
  if (status === null) throw new SourceError('TrangThai', 'required field is missing or empty')
  const at = date(o, 'ThoiDiemXuLy')
  const due = date(o, 'NgayKetThucTheoQuyDinh')
  const procedure_code = latest.procedureOf(dossier_code.normalize('NFC'))
  if (procedure_code === null) throw new SourceError('MaHoSo', 'no event of this dossier is stored: its procedure is unknown until the dossier itself is synced (DongBoHoSoMC)')
  const when = at ?? arrival
  const event: Record<string, unknown> = {
    event_id: `dvcqg-progress:${dossier_code}:${status}:${when.compact}`,
    dossier_code,
    status,
    occurred_at: when.iso,
    agency_code: env.agency,
    procedure_code,
    due_at: due?.iso ?? null,
  }
  return { event, fields: progressFields(env.agencyField), byArrival: !at }
}

/** The dossier codes of an envelope's progress records (to read their latest events in one query). */
export function progressCodes(env: Envelope): string[] {
  if (env.service !== 'CapNhatTienDoHoSoMC') return []
  const codes: string[] = []
  for (const r of env.data) {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) continue
    const c = scalarText((r as Obj).MaHoSo)
    if (c && c.trim() !== '') codes.push(c.normalize('NFC'))
  }
  return codes
}

/**
 * The events of one envelope, in order; `line` is the record's 1-based position in `data`
 * (plus `offset`, when a large envelope arrives in parts). Call `ctx.latest.prime(progressCodes(env))`
 * first. Each valid event is noted as its dossier's latest candidate for the records after it.
 */
export function* envelopeEvents(env: Envelope, ctx: SyncContext, offset = 0): Generator<Converted> {
  for (let i = 0; i < env.data.length; i++) {
    const line = offset + i + 1
    const r = env.data[i]
    const raw = () => recordText(r)
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      yield refused(line, '(record)', `must be a JSON object, got ${r === null ? 'null' : Array.isArray(r) ? 'array' : typeof r}`, raw())
      continue
    }
    let made
    try {
      made = env.service === 'DongBoHoSoMC' ? dossierEvent(r as Obj, env, ctx.arrival) : progressEvent(r as Obj, env, ctx.arrival, ctx.latest)
    } catch (e) {
      if (e instanceof SourceError) {
        yield refused(line, e.field, e.reason, raw())
        continue
      }
      throw e
    }
    const { converted, record } = checkEvent('dossier', made.event, line, made.fields, raw, ctx.validate)
    if (record) {
      const d = record as DossierRecord
      ctx.latest.note(d.dossier_code, { occurred_at: d.occurred_at, status: d.status, event_id: d.event_id, procedure_code: d.procedure_code })
      converted.timedByArrival = made.byArrival
    }
    yield converted
  }
}
