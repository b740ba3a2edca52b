-- Raw events, one table per kind, exactly as accepted (every acknowledged event, once).
-- Ordered by the key that the per-entity recomputation reads (a dossier's events, an exchange's events).
CREATE TABLE IF NOT EXISTS dossier_events (
  event_id String,
  dossier_code String,
  status UInt8,
  occurred_at DateTime64(6, 'UTC'),
  agency_code String,
  procedure_code String,
  sector_code Nullable(String),
  channel Nullable(UInt8),
  applicant_type Nullable(UInt8),
  received_at Nullable(DateTime64(6, 'UTC')),
  due_at Nullable(DateTime64(6, 'UTC')),
  finished_at Nullable(DateTime64(6, 'UTC')),
  paid_online Nullable(UInt8),
  digitized Nullable(UInt8),
  source LowCardinality(String),
  timed_by_arrival UInt8 DEFAULT 0,
  ingested_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (dossier_code, occurred_at, status, event_id);

CREATE TABLE IF NOT EXISTS document_events (
  event_id String,
  document_id String,
  from_agency String,
  to_agency String,
  status LowCardinality(String),
  occurred_at DateTime64(6, 'UTC'),
  business_type UInt8,
  due_at Nullable(DateTime64(6, 'UTC')),
  source LowCardinality(String),
  ingested_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (document_id, from_agency, to_agency, occurred_at, event_id);

CREATE TABLE IF NOT EXISTS connection_events (
  event_id String,
  agency_code String,
  platform LowCardinality(String),
  state LowCardinality(String),
  occurred_at DateTime64(6, 'UTC'),
  source LowCardinality(String),
  ingested_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (agency_code, platform, occurred_at, event_id);

-- The idempotency index: every stored event_id per kind, ordered for point look-ups.
-- Filled by the views below in the same insert as the raw row, so the two never disagree.
CREATE TABLE IF NOT EXISTS event_ids (
  kind LowCardinality(String),
  event_id String,
  ingested_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (kind, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS dossier_event_ids TO event_ids AS
SELECT 'dossier' AS kind, event_id, ingested_at FROM dossier_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS document_event_ids TO event_ids AS
SELECT 'document' AS kind, event_id, ingested_at FROM document_events;

CREATE MATERIALIZED VIEW IF NOT EXISTS connection_event_ids TO event_ids AS
SELECT 'connection' AS kind, event_id, ingested_at FROM connection_events;

-- The agency registry: the latest load of an agency_code wins (load_seq grows with every row loaded).
CREATE TABLE IF NOT EXISTS agencies (
  agency_code String,
  name String,
  level LowCardinality(String),
  ministry String,
  province_code String,
  parent_code String,
  load_seq UInt64,
  loaded_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(load_seq)
ORDER BY agency_code;

-- Records that failed validation, for the operator (data-quality view).
CREATE TABLE IF NOT EXISTS rejects (
  kind LowCardinality(String),
  source String,
  line UInt64,
  field String,
  reason String,
  record String,
  rejected_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (kind, rejected_at);

-- Duplicate deliveries, counted per kind and source (the events themselves change nothing).
CREATE TABLE IF NOT EXISTS duplicate_counts (
  kind LowCardinality(String),
  source String,
  duplicates UInt64,
  counted_at DateTime64(6, 'UTC')
) ENGINE = MergeTree
ORDER BY (kind, counted_at);
