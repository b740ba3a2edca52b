-- One row per dossier: its state derived from all its stored events by the rules of kpi.md
-- (recomputed in ClickHouse for the dossiers an ingest batch touches; see ADR 003).
-- The newest computation wins: version is the latest ingested_at among the events it read.
CREATE TABLE IF NOT EXISTS dossier_state (
  dossier_code String,
  owner_agency String,
  procedure_code String,
  received UInt8,
  received_at Nullable(DateTime64(6, 'UTC')),
  finished_at Nullable(DateTime64(6, 'UTC')),
  closed_at Nullable(DateTime64(6, 'UTC')),
  ended_at Nullable(DateTime64(6, 'UTC')),
  due_at Nullable(DateTime64(6, 'UTC')),
  channel Nullable(UInt8),
  paid_online UInt8,
  digitized UInt8,
  on_time UInt8,
  end_status UInt8,
  events UInt32,
  version DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(version)
ORDER BY dossier_code;
