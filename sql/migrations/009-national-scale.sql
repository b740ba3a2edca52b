-- National scale (ADR 011): figures read pre-aggregated rows per (agency, day), and ingest keeps
-- them exact by key-value look-ups whose cost does not grow with the store.

-- The idempotency index as a key-value table ('kind:event_id'): one point look-up per id,
-- whatever the number of ids stored. Filled in the same insert as the raw row, as before.
CREATE TABLE IF NOT EXISTS event_keys (
  key String,
  ingested_at DateTime64(6, 'UTC')
) ENGINE = EmbeddedRocksDB
PRIMARY KEY key;

DROP VIEW IF EXISTS dossier_event_ids;
DROP VIEW IF EXISTS document_event_ids;
DROP VIEW IF EXISTS connection_event_ids;

CREATE MATERIALIZED VIEW IF NOT EXISTS dossier_event_keys TO event_keys AS
SELECT concat('dossier:', event_id) AS key, ingested_at FROM dossier_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS document_event_keys TO event_keys AS
SELECT concat('document:', event_id) AS key, ingested_at FROM document_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS connection_event_keys TO event_keys AS
SELECT concat('connection:', event_id) AS key, ingested_at FROM connection_events;

INSERT INTO event_keys SELECT concat(kind, ':', event_id) AS key, min(ingested_at) FROM event_ids GROUP BY kind, event_id;

DROP TABLE IF EXISTS event_ids;

-- Every dossier's stored events (first stored copy of each event_id, compact JSON), its derived
-- state, and the state before the batch that wrote it (for the repair after a crash).
CREATE TABLE IF NOT EXISTS dossier_kv (
  dossier_code String,
  events String,
  state String,
  prev String,
  batch UInt64
) ENGINE = EmbeddedRocksDB
PRIMARY KEY dossier_code;

-- What every dossier adds to the figures, per owner agency and Vietnamese day (core/kpi/dossier-state.ts):
-- period counts on the day of their instant; pending_d / overdue_d change the at-T counts from
-- the end of that day on. Rows are signed changes (a state that changes is taken away, then
-- added anew), summed on read. Written with a deduplication token per batch, so a batch replayed
-- after a crash is counted once.
CREATE TABLE IF NOT EXISTS dossier_day (
  day Date,
  agency_code String,
  procedure_code String, -- '' here; dossier_proc_day has the same columns per procedure
  received Int64,
  online Int64,
  paid Int64,
  digitized Int64,
  resolved Int64,
  on_time Int64,
  dur_us Int128,
  dur_n Int64,
  closed Int64,
  pending_d Int64,
  overdue_d Int64,
  dossiers Int64 -- dossiers present, on the day of their first counted event (a unit's procedures)
) ENGINE = SummingMergeTree
ORDER BY (day, agency_code, procedure_code)
SETTINGS non_replicated_deduplication_window = 10000;

-- The same per month (its first day): long periods and the at-T sums over all history read
-- months, and days only for the ends of the period.
CREATE TABLE IF NOT EXISTS dossier_month (
  month Date,
  agency_code String,
  procedure_code String,
  received Int64,
  online Int64,
  paid Int64,
  digitized Int64,
  resolved Int64,
  on_time Int64,
  dur_us Int128,
  dur_n Int64,
  closed Int64,
  pending_d Int64,
  overdue_d Int64,
  dossiers Int64
) ENGINE = SummingMergeTree
ORDER BY (month, agency_code, procedure_code)
SETTINGS non_replicated_deduplication_window = 10000;

-- The same two per procedure of each agency (a unit's procedures read these; units and agencies
-- read the smaller per-agency tables above).
CREATE TABLE IF NOT EXISTS dossier_proc_day AS dossier_day;

CREATE TABLE IF NOT EXISTS dossier_proc_month AS dossier_month;

-- The at-T boundaries at their exact instant, for "now" inside today: only the day of "now" is read.
CREATE TABLE IF NOT EXISTS dossier_instant (
  day Date,
  agency_code String,
  procedure_code String,
  x DateTime64(6, 'UTC'),
  strict UInt8,
  pending_d Int64,
  overdue_d Int64
) ENGINE = SummingMergeTree
ORDER BY (day, agency_code, procedure_code, x, strict)
SETTINGS non_replicated_deduplication_window = 10000;

-- One row when a dossier or document batch starts and one when it is done (ADR 011): a batch
-- started and never done is repaired at start-up.
CREATE TABLE IF NOT EXISTS ingest_batches (
  kind LowCardinality(String),
  batch UInt64,
  phase LowCardinality(String),
  ingested_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (kind, batch);

-- The overdue case list (kpi.md): one row per dossier that is overdue at some T, kept by the same
-- signed changes (a changed dossier's old row is cancelled by a −1 row). Ordered by the end, so the
-- cases at T (ended_key > T) are a range; then by due_at, the list's order.
CREATE TABLE IF NOT EXISTS dossier_overdue_cases (
  ended_key DateTime64(6, 'UTC'),
  due_at DateTime64(6, 'UTC'),
  dossier_code String,
  owner_agency String,
  procedure_code String,
  received_at DateTime64(6, 'UTC'),
  sign Int8
) ENGINE = CollapsingMergeTree(sign)
ORDER BY (ended_key, due_at, dossier_code, owner_agency, procedure_code, received_at)
SETTINGS non_replicated_deduplication_window = 10000
;

-- Document exchanges, the same way (ADR 011): each exchange's events and state by key
-- 'document_id\0from_agency\0to_agency'.
CREATE TABLE IF NOT EXISTS exchange_kv (
  key String,
  events String,
  state String,
  prev String,
  batch UInt64
) ENGINE = EmbeddedRocksDB
PRIMARY KEY key;

-- What every exchange adds to the document figures, per agency and Vietnamese day of its sent_at:
-- sent (the sender), received / accepted / refused (the recipient); unack_d changes the count of
-- unacknowledged exchanges at T from the end of that day on (the recipient).
CREATE TABLE IF NOT EXISTS document_day (
  day Date,
  agency_code String,
  sent Int64,
  received Int64,
  accepted Int64,
  refused Int64,
  unack_d Int64
) ENGINE = SummingMergeTree
ORDER BY (day, agency_code)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS document_month (
  month Date,
  agency_code String,
  sent Int64,
  received Int64,
  accepted Int64,
  refused Int64,
  unack_d Int64
) ENGINE = SummingMergeTree
ORDER BY (month, agency_code)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS document_instant (
  day Date,
  agency_code String,
  x DateTime64(6, 'UTC'),
  strict UInt8,
  unack_d Int64
) ENGINE = SummingMergeTree
ORDER BY (day, agency_code, x, strict)
SETTINGS non_replicated_deduplication_window = 10000;

-- Each accepted exchange's latency, by the day it was sent and its recipient: the latency
-- percentiles (exact quantiles) read only the exchanges sent in the period.
CREATE TABLE IF NOT EXISTS exchange_latency (
  sent_day Date,
  to_agency String,
  document_id String,
  from_agency String,
  latency_us Int64,
  sign Int8
) ENGINE = CollapsingMergeTree(sign)
ORDER BY (sent_day, to_agency, document_id, from_agency, latency_us)
SETTINGS non_replicated_deduplication_window = 10000
;

-- Activity per platform, agency and Vietnamese day: the first and last event naming the agency
-- (connection figures' `active`: an event in (T − 30 days, T]). Filled from the raw inserts, which
-- hold each event once.
CREATE TABLE IF NOT EXISTS agency_activity (
  platform LowCardinality(String),
  day Date,
  agency_code String,
  first SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
  last SimpleAggregateFunction(max, DateTime64(6, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY (platform, day, agency_code);

CREATE MATERIALIZED VIEW IF NOT EXISTS agency_activity_dossiers TO agency_activity AS
SELECT 'service_portal' AS platform, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, agency_code, min(occurred_at) AS first, max(occurred_at) AS last
FROM dossier_events
GROUP BY day, agency_code;

CREATE MATERIALIZED VIEW IF NOT EXISTS agency_activity_documents TO agency_activity AS
SELECT 'document_axis' AS platform, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, arrayJoin([from_agency, to_agency]) AS agency_code, min(occurred_at) AS first, max(occurred_at) AS last
FROM document_events
GROUP BY day, agency_code;

INSERT INTO agency_activity
SELECT 'service_portal', toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, agency_code, min(occurred_at), max(occurred_at)
FROM dossier_events GROUP BY day, agency_code;

INSERT INTO agency_activity
SELECT 'document_axis', toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, arrayJoin([from_agency, to_agency]) AS agency_code, min(occurred_at), max(occurred_at)
FROM document_events GROUP BY day, agency_code
;

-- Data quality and freshness without reading the raw events (ADR 011): per kind, source, agency and
-- role (a document event counts for its sender, role 'from', and its recipient, 'to'; other kinds
-- have role ''), the events, those timed by arrival, those stored more than 24 h after they
-- occurred and the worst such delay, and the newest arrival and occurrence.
CREATE TABLE IF NOT EXISTS event_stats (
  kind LowCardinality(String),
  source String,
  agency_code String,
  role LowCardinality(String),
  events SimpleAggregateFunction(sum, UInt64),
  timed_by_arrival SimpleAggregateFunction(sum, UInt64),
  late_events SimpleAggregateFunction(sum, UInt64),
  max_late_delay_s SimpleAggregateFunction(max, Int64),
  last_ingested_at SimpleAggregateFunction(max, DateTime64(6, 'UTC')),
  last_occurred_at SimpleAggregateFunction(max, DateTime64(6, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY (kind, source, agency_code, role);

-- (the views add up each inserted block before writing, so a batch writes a row per source and agency, not per event)
CREATE MATERIALIZED VIEW IF NOT EXISTS event_stats_dossiers TO event_stats AS
SELECT 'dossier' AS kind, source, agency_code, '' AS role, count() AS events, toUInt64(sum(timed_by_arrival)) AS timed_by_arrival,
  countIf(delay_s > 86400) AS late_events, maxIf(delay_s, delay_s > 86400) AS max_late_delay_s, max(ingested_at) AS last_ingested_at, max(occurred_at) AS last_occurred_at
FROM (SELECT source, agency_code, timed_by_arrival, ingested_at, occurred_at, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s FROM dossier_events)
GROUP BY source, agency_code;

CREATE MATERIALIZED VIEW IF NOT EXISTS event_stats_documents TO event_stats AS
SELECT 'document' AS kind, source, r.1 AS agency_code, r.2 AS role, count() AS events, toUInt64(0) AS timed_by_arrival,
  countIf(delay_s > 86400) AS late_events, maxIf(delay_s, delay_s > 86400) AS max_late_delay_s, max(ingested_at) AS last_ingested_at, max(occurred_at) AS last_occurred_at
FROM (SELECT source, ingested_at, occurred_at, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s,
        arrayJoin([(from_agency, 'from'), (to_agency, 'to')]) AS r FROM document_events)
GROUP BY source, r;

CREATE MATERIALIZED VIEW IF NOT EXISTS event_stats_connections TO event_stats AS
SELECT 'connection' AS kind, source, agency_code, '' AS role, count() AS events, toUInt64(0) AS timed_by_arrival,
  countIf(delay_s > 86400) AS late_events, maxIf(delay_s, delay_s > 86400) AS max_late_delay_s, max(ingested_at) AS last_ingested_at, max(occurred_at) AS last_occurred_at
FROM (SELECT source, agency_code, ingested_at, occurred_at, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s FROM connection_events)
GROUP BY source, agency_code;

-- The newest occurrence per source and Vietnamese day (the page header's freshness: the newest
-- event not after now).
CREATE TABLE IF NOT EXISTS source_days (
  source String,
  day Date,
  last_occurred_at SimpleAggregateFunction(max, DateTime64(6, 'UTC')),
  last_ingested_at SimpleAggregateFunction(max, DateTime64(6, 'UTC'))
) ENGINE = AggregatingMergeTree
ORDER BY (source, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS source_days_dossiers TO source_days AS
SELECT source, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, max(occurred_at) AS last_occurred_at, max(ingested_at) AS last_ingested_at FROM dossier_events GROUP BY source, day;

CREATE MATERIALIZED VIEW IF NOT EXISTS source_days_documents TO source_days AS
SELECT source, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, max(occurred_at) AS last_occurred_at, max(ingested_at) AS last_ingested_at FROM document_events GROUP BY source, day;

CREATE MATERIALIZED VIEW IF NOT EXISTS source_days_connections TO source_days AS
SELECT source, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, max(occurred_at) AS last_occurred_at, max(ingested_at) AS last_ingested_at FROM connection_events GROUP BY source, day;

INSERT INTO event_stats
SELECT 'dossier', source, agency_code, '', count(), sum(timed_by_arrival), countIf(delay_s > 86400), maxIf(delay_s, delay_s > 86400), max(ingested_at), max(occurred_at)
FROM (SELECT *, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s FROM dossier_events)
GROUP BY source, agency_code;

INSERT INTO event_stats
SELECT 'document', source, r.1, r.2, count(), 0, countIf(delay_s > 86400), maxIf(delay_s, delay_s > 86400), max(ingested_at), max(occurred_at)
FROM (SELECT *, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s,
        arrayJoin([(from_agency, 'from'), (to_agency, 'to')]) AS r FROM document_events)
GROUP BY source, r;

INSERT INTO event_stats
SELECT 'connection', source, agency_code, '', count(), 0, countIf(delay_s > 86400), maxIf(delay_s, delay_s > 86400), max(ingested_at), max(occurred_at)
FROM (SELECT *, toInt64(toUnixTimestamp(ingested_at)) - toInt64(toUnixTimestamp(occurred_at)) AS delay_s FROM connection_events)
GROUP BY source, agency_code;

INSERT INTO source_days
SELECT source, toDate(occurred_at, 'Asia/Ho_Chi_Minh') AS day, max(occurred_at), max(ingested_at)
FROM (SELECT source, occurred_at, ingested_at FROM dossier_events UNION ALL SELECT source, occurred_at, ingested_at FROM document_events
      UNION ALL SELECT source, occurred_at, ingested_at FROM connection_events)
GROUP BY source, day
