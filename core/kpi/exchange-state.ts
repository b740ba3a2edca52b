// The state of one document exchange (kpi.md, "Document figures") and what it adds to the
// per-(agency, day) document aggregates (ADR 011): the same signed-change scheme as dossiers.
import { boundaryDay, compareBytes, later, vnDay, type Boundary } from './instants'

/** One stored document event of an exchange, compact: `at` in microseconds since the epoch. */
export interface ExchangeEvent {
  id: string
  status: string
  at: number
}

export interface ExchangeState {
  document_id: string
  from_agency: string
  to_agency: string
  sent_at: number | null
  arrived_at: number | null
  accepted_at: number | null
  refused_at: number | null
}

/** The key of an exchange in the key-value table. */
export const exchangeKey = (document_id: string, from: string, to: string) => `${document_id}\u0000${from}\u0000${to}`

export function splitExchangeKey(key: string): { document_id: string; from_agency: string; to_agency: string } {
  const [document_id, from_agency, to_agency] = key.split('\u0000')
  return { document_id, from_agency, to_agency }
}

/** Per exchange, over all its events: the earliest 00 (sent), 01 (arrived), 03 (accepted) and 02 (refused). */
export function deriveExchange(key: string, events: ExchangeEvent[]): ExchangeState {
  const first = (status: string) => {
    let t: number | null = null
    for (const e of events) if (e.status === status && (t === null || e.at < t)) t = e.at
    return t
  }
  return { ...splitExchangeKey(key), sent_at: first('00'), arrived_at: first('01'), accepted_at: first('03'), refused_at: first('02') }
}

export interface DocumentDayRow {
  day: number
  agency_code: string
  sent: number
  received: number
  accepted: number
  refused: number
  unack_d: number
}

export interface DocumentInstantRow {
  day: number
  agency_code: string
  x: number
  strict: boolean
  unack_d: number
}

export interface LatencyRow {
  sent_day: number
  to_agency: string
  document_id: string
  from_agency: string
  latency_us: number
  sign: 1 | -1
}

const DAY_US = 86_400_000_000

/** Adds up the changes of a batch of exchanges (−old + new), as sql/queries/dossier-batch-contrib.sql does for dossiers. */
export class ExchangeSum {
  private readonly days = new Map<string, DocumentDayRow>()
  private readonly instants = new Map<string, DocumentInstantRow>()
  private readonly latencies: LatencyRow[] = []

  private day(agency: string, day: number): DocumentDayRow {
    const k = `${day}\u0000${agency}`
    let r = this.days.get(k)
    if (!r) this.days.set(k, (r = { day, agency_code: agency, sent: 0, received: 0, accepted: 0, refused: 0, unack_d: 0 }))
    return r
  }

  private boundary(agency: string, b: Boundary, sign: number): void {
    const day = boundaryDay(b)
    this.day(agency, day).unack_d += sign
    const k = `${b.x}\u0000${b.strict ? 1 : 0}\u0000${agency}`
    let r = this.instants.get(k)
    if (!r) this.instants.set(k, (r = { day, agency_code: agency, x: b.x, strict: b.strict, unack_d: 0 }))
    r.unack_d += sign
  }

  private add(s: ExchangeState, sign: 1 | -1): void {
    if (s.sent_at === null) return // no 00 event: counts in no figure
    const d = vnDay(s.sent_at)
    this.day(s.from_agency, d).sent += sign
    const r = this.day(s.to_agency, d)
    r.received += sign
    if (s.accepted_at !== null) r.accepted += sign
    if (s.refused_at !== null) r.refused += sign
    // unacknowledged at T: sent_at ≤ T − 24 h, until arrived_at ≤ T or refused_at ≤ T
    const start: Boundary = { x: s.sent_at + DAY_US, strict: false }
    this.boundary(s.to_agency, start, sign)
    const acks = [s.arrived_at, s.refused_at].filter((x): x is number => x !== null)
    if (acks.length > 0) this.boundary(s.to_agency, later(start, { x: Math.min(...acks), strict: false }), -sign)
    if (s.accepted_at !== null)
      this.latencies.push({ sent_day: d, to_agency: s.to_agency, document_id: s.document_id, from_agency: s.from_agency, latency_us: s.accepted_at - s.sent_at, sign })
  }

  transition(_key: string, before: ExchangeState | null, after: ExchangeState | null): void {
    if (before) this.add(before, -1)
    if (after) this.add(after, 1)
  }

  result(): { days: DocumentDayRow[]; instants: DocumentInstantRow[]; latencies: LatencyRow[] } {
    const byKey = <T extends { day: number; agency_code: string }>(a: T, b: T) =>
      a.day - b.day || (a.agency_code < b.agency_code ? -1 : a.agency_code > b.agency_code ? 1 : 0)
    // A latency row and its cancelling −1 row in one batch cancel out here.
    const net = new Map<string, LatencyRow>()
    for (const l of this.latencies) {
      const k = `${l.sent_day}\u0000${l.to_agency}\u0000${l.document_id}\u0000${l.from_agency}\u0000${l.latency_us}`
      const o = net.get(k)
      if (o && o.sign !== l.sign) net.delete(k)
      else net.set(k, l)
    }
    return {
      days: [...this.days.values()].filter((r) => r.sent || r.received || r.accepted || r.refused || r.unack_d).sort(byKey),
      instants: [...this.instants.values()].filter((r) => r.unack_d !== 0).sort((a, b) => byKey(a, b) || a.x - b.x || Number(a.strict) - Number(b.strict)),
      latencies: [...net.values()].sort((a, b) => a.sent_day - b.sent_day || compareBytes(`${a.document_id}\u0000${a.from_agency}\u0000${a.to_agency}`, `${b.document_id}\u0000${b.from_agency}\u0000${b.to_agency}`) || a.sign - b.sign),
    }
  }
}
