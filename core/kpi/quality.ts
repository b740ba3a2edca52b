// The data-quality view: what the figures could not use, or used with a caveat.
import type { Store } from '../db'
import { isoVn } from './period'

export async function quality(store: Store) {
  const [unmapped, rejects, duplicates, late, lastSeen, totals, sources] = await Promise.all([
    store.named<Record<string, string>>('quality-unmapped'),
    store.named<Record<string, string>>('quality-rejects'),
    store.named<Record<string, string>>('quality-duplicates'),
    store.named<Record<string, string>>('quality-late'),
    store.named<Record<string, string>>('quality-last-seen'),
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
