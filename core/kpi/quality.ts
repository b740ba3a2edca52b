// The data-quality view: what the figures could not use, or used with a caveat.
import type { Store } from '../db'
import { chTime } from '../time'
import { isoVn } from './period'

/** With `lastSeen` false, `last_seen` is left empty (a page that shows silentAgencies() instead). */
export async function quality(store: Store, q: { lastSeen?: boolean } = {}) {
  const [unmapped, rejects, duplicates, late, lastSeen, totals, sources] = await Promise.all([
    store.named<Record<string, string>>('quality-unmapped'),
    store.named<Record<string, string>>('quality-rejects'),
    store.named<Record<string, string>>('quality-duplicates'),
    store.named<Record<string, string>>('quality-late'),
    q.lastSeen === false ? [] : store.named<Record<string, string>>('quality-last-seen'),
    store.named<Record<string, string>>('quality-totals'),
    store.named<Record<string, string>>('quality-sources'),
  ])
  return {
    totals: totals.map((t) => ({ kind: t.kind, events: Number(t.events), timed_by_arrival: Number(t.timed_by_arrival) })),
    unmapped: unmapped.map((u) => ({ agency_code: u.agency_code, kind: u.kind, events: Number(u.events), last_occurred_at: isoVn(u.last_occurred_at) })),
    rejects: rejects.map((r) => ({ kind: r.kind, field: r.field, reason: r.reason, records: Number(r.records), last_at: isoVn(r.last_at), last_source: r.last_source, last_line: Number(r.last_line) })),
    duplicates: duplicates.map((d) => ({ kind: d.kind, source: d.source, duplicates: Number(d.duplicates), last_at: isoVn(d.last_at) })),
    late_arrivals: late.map((l) => ({ kind: l.kind, unit: l.unit || null, events: Number(l.events), max_delay_s: Number(l.max_delay_s) })),
    sources: sources.map((x) => ({ source: x.source, kind: x.kind, last_ingested_at: isoVn(x.last_ingested_at), last_occurred_at: isoVn(x.last_occurred_at), events: Number(x.events) })),
    last_seen: lastSeen.map((l) => ({ agency_code: l.agency_code, kind: l.kind, last_ingested_at: isoVn(l.last_ingested_at), last_occurred_at: isoVn(l.last_occurred_at), events: Number(l.events) })),
  }
}

/**
 * Agencies gone silent: of the agencies that have sent dossier or document events, how many there
 * are, how many sent nothing that occurred in the `days` days before `now`, and the first `shown`
 * of those, the longest silent first (sql/queries/quality-silent.sql).
 */
export async function silentAgencies(store: Store, q: { now: Date; days: number; shown: number }) {
  const rows = await store.named<Record<string, string> & { kinds: string[] }>('quality-silent', { now: chTime(q.now), days: q.days, shown: q.shown })
  return {
    agencies: Number(rows[0]?.agencies ?? 0),
    silent: Number(rows[0]?.silent ?? 0),
    longest: rows
      .filter((r) => Number(r.days) >= q.days)
      .map((r) => ({
        agency_code: r.agency_code,
        kinds: r.kinds,
        events: Number(r.events),
        days: Number(r.days),
        last_occurred_at: isoVn(r.last_occurred_at),
        last_ingested_at: isoVn(r.last_ingested_at),
      })),
  }
}
