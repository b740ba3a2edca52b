// The state of one dossier (kpi.md, "The state of a dossier"), derived from all its stored events,
// and what that state adds to the per-(agency, day) aggregates the figures are read from
// (ADR 011). The ingest writer keeps each dossier's events and state; when a batch changes a
// dossier it subtracts the old state's contribution and adds the new one, so every figure stays
// exact under late, out-of-order and after-the-end events.

/** One stored event, compact: timestamps are microseconds since the epoch (UTC). */
export interface StateEvent {
  id: string
  status: number
  at: number
  agency: string
  procedure: string
  received: number | null
  due: number | null
  finished: number | null
  channel: number | null
  paid: boolean | null
  digitized: boolean | null
}

export interface DossierState {
  owner: string
  procedure: string
  received: boolean
  received_at: number | null
  finished_at: number | null
  closed_at: number | null
  ended_at: number | null
  due_at: number | null
  channel: number | null
  paid_online: boolean
  digitized: boolean
  on_time: boolean
  end_status: number
  events: number
  /** The first counted event's instant: the day the dossier is present on (a procedure's list of a unit). */
  first_at: number
}

const TERMINAL = new Set([3, 7, 8, 9, 10])

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s)
/** Byte order of the UTF-8 text, as ClickHouse compares strings (UTF-16 order differs above U+FFFF). */
export function compareBytes(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

/** kpi.md's order: occurred_at, then status ascending, then event_id in byte order. */
export function eventOrder(a: StateEvent, b: StateEvent): number {
  return a.at - b.at || a.status - b.status || compareBytes(a.id, b.id)
}

export function deriveState(all: StateEvent[]): DossierState {
  const evs = [...all].sort(eventOrder)
  const endIndex = evs.findIndex((e) => TERMINAL.has(e.status))
  const counted = endIndex < 0 ? evs : evs.slice(0, endIndex + 1)
  const end = endIndex < 0 ? null : evs[endIndex]
  const recv = counted.find((e) => e.status === 2) ?? null
  const owner = recv ?? counted[0]
  let due: number | null = null
  for (const e of counted) if (e.due !== null) due = e.due
  const channel = counted.find((e) => e.channel !== null)?.channel ?? null
  const finished_at = end && (end.status === 9 || end.status === 10) ? (end.finished ?? end.at) : null
  const closed_at = end && finished_at === null ? end.at : null
  return {
    owner: owner.agency,
    procedure: owner.procedure,
    received: recv !== null,
    received_at: recv ? (recv.received ?? recv.at) : null,
    finished_at,
    closed_at,
    ended_at: finished_at ?? closed_at,
    due_at: due,
    channel,
    paid_online: counted.some((e) => e.paid === true),
    digitized: counted.some((e) => e.digitized === true),
    on_time: finished_at !== null && (due === null || finished_at <= due),
    end_status: end?.status ?? 0,
    events: evs.length,
    first_at: counted[0].at,
  }
}

// ---------------------------------------------------------------------------------------------
// Contributions. Period figures count a dossier on the Vietnamese day of one instant (received,
// finished, closed). Figures at T (pending, overdue) count it while T lies in a half-open run of
// instants [from, to): +1 from the first instant T at which it starts to count, −1 from the first
// at which it stops. Such a boundary is either inclusive ("x ≤ T": received_at, ended_at) or
// strict ("x < T": due_at). A boundary is filed under the first day whose end (00:00 of the
// next day) is past it, so a figure at the end of day D is the sum of every boundary filed on
// or before D; at "now", inside today, the boundaries filed today are read at their instant.

const US_PER_DAY = 86_400_000_000
const VN_OFFSET_US = 7 * 3_600_000_000

/** The day in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) of an instant, as days since 1970-01-01. */
export function vnDay(us: number): number {
  return Math.floor((us + VN_OFFSET_US) / US_PER_DAY)
}

export interface Boundary {
  x: number
  strict: boolean
}

/** The later of two conditions "T past a" and "T past b" both holding: the later boundary, strict on a tie if either is. */
export function later(a: Boundary, b: Boundary): Boundary {
  if (a.x !== b.x) return a.x > b.x ? a : b
  return { x: a.x, strict: a.strict || b.strict }
}

/** The day a boundary is filed under: the first day D with x ≤ end(D) (inclusive) or x < end(D) (strict). */
export function boundaryDay(b: Boundary): number {
  return b.strict ? vnDay(b.x) : vnDay(b.x - 1)
}

export interface DayRow {
  agency_code: string
  procedure_code: string
  day: number
  received: number
  online: number
  paid: number
  digitized: number
  resolved: number
  on_time: number
  dur_us: bigint
  dur_n: number
  closed: number
  pending_d: number
  overdue_d: number
  /** Dossiers present (every dossier, received or not, on the day of its first counted event). */
  dossiers: number
}

export interface InstantRow {
  agency_code: string
  procedure_code: string
  day: number
  x: number
  strict: boolean
  pending_d: number
  overdue_d: number
}

/** A dossier that is overdue at some T, as the overdue case list reads it (sign −1 takes a row back). */
export interface CaseRow {
  dossier_code: string
  owner_agency: string
  procedure_code: string
  received_at: number
  due_at: number
  /** ended_at, or none: the case list reads the dossiers with ended_key > T. */
  ended_at: number | null
  sign: 1 | -1
}

export interface Contribution {
  days: DayRow[]
  instants: InstantRow[]
  cases: CaseRow[]
}

/** The dossier's overdue case row, when the dossier is overdue at some T (its overdue run is not empty). */
export function caseRow(code: string, s: DossierState, sign: 1 | -1): CaseRow | null {
  if (!s.received || s.received_at === null || s.due_at === null) return null
  const start = Math.max(s.received_at, s.due_at)
  if (s.ended_at !== null && s.ended_at <= start) return null
  return { dossier_code: code, owner_agency: s.owner, procedure_code: s.procedure, received_at: s.received_at, due_at: s.due_at, ended_at: s.ended_at, sign }
}

const emptyDay = (agency_code: string, procedure_code: string, day: number): DayRow => ({
  agency_code,
  procedure_code,
  day,
  received: 0,
  online: 0,
  paid: 0,
  digitized: 0,
  resolved: 0,
  on_time: 0,
  dur_us: 0n,
  dur_n: 0,
  closed: 0,
  pending_d: 0,
  overdue_d: 0,
  dossiers: 0,
})

/** What one dossier state adds to the aggregates (multiplied by sign: −1 takes it away). */
export function contribution(s: DossierState, sign: 1 | -1, into: ContributionSum): void {
  const a = s.owner
  const p = s.procedure
  if (s.first_at !== undefined) into.day(a, p, vnDay(s.first_at)).dossiers += sign
  if (s.received && s.received_at !== null) {
    const d = into.day(a, p, vnDay(s.received_at))
    d.received += sign
    if (s.channel === 2) d.online += sign
    if (s.paid_online) d.paid += sign
    if (s.digitized) d.digitized += sign
  }
  if (s.finished_at !== null) {
    const d = into.day(a, p, vnDay(s.finished_at))
    d.resolved += sign
    if (s.on_time) d.on_time += sign
    if (s.received && s.received_at !== null) {
      d.dur_us += BigInt(sign) * BigInt(s.finished_at - s.received_at)
      d.dur_n += sign
    }
  }
  if (s.closed_at !== null) into.day(a, p, vnDay(s.closed_at)).closed += sign
  if (!s.received || s.received_at === null) return
  const ended: Boundary | null = s.ended_at === null ? null : { x: s.ended_at, strict: false }
  // pending: received_at ≤ T, and not ended_at ≤ T
  const pStart: Boundary = { x: s.received_at, strict: false }
  into.boundary(a, p, pStart, 'pending_d', sign)
  if (ended) into.boundary(a, p, later(pStart, ended), 'pending_d', -sign)
  // overdue: pending and due_at < T
  if (s.due_at !== null) {
    const oStart = later(pStart, { x: s.due_at, strict: true })
    into.boundary(a, p, oStart, 'overdue_d', sign)
    if (ended) into.boundary(a, p, later(oStart, ended), 'overdue_d', -sign)
  }
}

/** Adds contributions up per (agency, day) and per (agency, instant), dropping what cancels out. */
export class ContributionSum {
  private readonly days = new Map<string, DayRow>()
  private readonly instants = new Map<string, InstantRow>()

  day(agency: string, procedure: string, day: number): DayRow {
    const k = `${day}\u0000${agency}\u0000${procedure}`
    let r = this.days.get(k)
    if (!r) this.days.set(k, (r = emptyDay(agency, procedure, day)))
    return r
  }

  boundary(agency: string, procedure: string, b: Boundary, field: 'pending_d' | 'overdue_d', sign: number): void {
    const day = boundaryDay(b)
    this.day(agency, procedure, day)[field] += sign
    const k = `${b.x}\u0000${b.strict ? 1 : 0}\u0000${agency}\u0000${procedure}`
    let r = this.instants.get(k)
    if (!r) this.instants.set(k, (r = { agency_code: agency, procedure_code: procedure, day, x: b.x, strict: b.strict, pending_d: 0, overdue_d: 0 }))
    r[field] += sign
  }

  private readonly cases: CaseRow[] = []

  /** The change a state transition makes: −old + new. */
  transition(code: string, before: DossierState | null, after: DossierState | null): void {
    if (before) contribution(before, -1, this)
    if (after) contribution(after, 1, this)
    const out = before ? caseRow(code, before, -1) : null
    const into = after ? caseRow(code, after, 1) : null
    const same = out && into && JSON.stringify({ ...out, sign: 1 }) === JSON.stringify(into)
    if (!same) {
      if (out) this.cases.push(out)
      if (into) this.cases.push(into)
    }
  }

  result(): Contribution {
    const nonZero = (r: DayRow) =>
      r.received || r.online || r.paid || r.digitized || r.resolved || r.on_time || r.dur_us !== 0n || r.dur_n || r.closed || r.pending_d || r.overdue_d || r.dossiers
    // In a fixed order, so that a batch replayed after a crash splits into the same blocks.
    const byKey = <T extends { day: number; agency_code: string; procedure_code: string }>(a: T, b: T) =>
      a.day - b.day || compareBytes(a.agency_code, b.agency_code) || compareBytes(a.procedure_code, b.procedure_code)
    return {
      days: [...this.days.values()].filter(nonZero).sort(byKey),
      instants: [...this.instants.values()]
        .filter((r) => r.pending_d !== 0 || r.overdue_d !== 0)
        .sort((a, b) => byKey(a, b) || a.x - b.x || Number(a.strict) - Number(b.strict)),
      cases: [...this.cases].sort((a, b) => compareBytes(a.dossier_code, b.dossier_code) || a.sign - b.sign),
    }
  }
}

/** Microseconds since the epoch of a UTC text `YYYY-MM-DD HH:MM:SS[.ffffff]` (as records and ClickHouse write it). */
export function micros(text: string): number {
  const ms = Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10), +text.slice(11, 13), +text.slice(14, 16), +text.slice(17, 19))
  const frac = text.length > 20 ? text.slice(20).padEnd(6, '0').slice(0, 6) : '0'
  return ms * 1000 + Number(frac)
}

/** The UTC text of ClickHouse DateTime64(6, 'UTC') for microseconds since the epoch. */
export function microsText(us: number): string {
  const ms = Math.floor(us / 1000)
  const frac = String(us - ms * 1000).padStart(3, '0')
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', frac)
}
