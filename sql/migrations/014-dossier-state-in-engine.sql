-- The dossier state derived in the engine (ADR 011, session 9). A batch is staged once; its new
-- events, every touched dossier's new state and the signed changes of the aggregates are then
-- INSERT … SELECTs (ingest/dossier-batch.ts, sql/queries/dossier-batch-*.sql), so no dossier's
-- events or rows travel through the Node process. The key-value row keeps typed columns instead
-- of JSON, and the state before the batch that wrote it (the repair after a crash reads it).
CREATE TABLE IF NOT EXISTS dossier_states (
  dossier_code String,
  -- every stored event (the first stored copy of each event_id), in kpi.md's order
  events Array(Tuple(
    id String, status UInt8, at DateTime64(6, 'UTC'), agency String, procedure String,
    received Nullable(DateTime64(6, 'UTC')), due Nullable(DateTime64(6, 'UTC')), finished Nullable(DateTime64(6, 'UTC')),
    channel Nullable(UInt8), paid Nullable(UInt8), digitized Nullable(UInt8))),
  -- kpi.md "The state of a dossier" (ended_at = finished_at or closed_at; on_time = finished and not after due_at)
  state Tuple(
    owner String, procedure String, received UInt8,
    received_at Nullable(DateTime64(6, 'UTC')), finished_at Nullable(DateTime64(6, 'UTC')), closed_at Nullable(DateTime64(6, 'UTC')),
    due_at Nullable(DateTime64(6, 'UTC')), channel Nullable(UInt8), paid_online UInt8, digitized UInt8, end_status UInt8,
    first_at DateTime64(6, 'UTC')),
  -- the state before the batch that wrote this row (had_prev = 0: the dossier was new to it)
  had_prev UInt8,
  prev Tuple(
    owner String, procedure String, received UInt8,
    received_at Nullable(DateTime64(6, 'UTC')), finished_at Nullable(DateTime64(6, 'UTC')), closed_at Nullable(DateTime64(6, 'UTC')),
    due_at Nullable(DateTime64(6, 'UTC')), channel Nullable(UInt8), paid_online UInt8, digitized UInt8, end_status UInt8,
    first_at DateTime64(6, 'UTC')),
  batch UInt64
) ENGINE = EmbeddedRocksDB
PRIMARY KEY dossier_code
SETTINGS optimize_for_bulk_insert = 0;

-- (for the conversion below only) a JSON state of ingest before session 9 as a typed state; times were µs since the epoch
CREATE FUNCTION IF NOT EXISTS egp_kv_time AS (j, k) ->
  if(JSONExtract(j, k, 'Nullable(Int64)') IS NULL, NULL, fromUnixTimestamp64Micro(assumeNotNull(JSONExtract(j, k, 'Nullable(Int64)')), 'UTC'));

CREATE FUNCTION IF NOT EXISTS egp_kv_state AS (j) ->
  CAST((JSONExtractString(j, 'owner'), JSONExtractString(j, 'procedure'), JSONExtractBool(j, 'received'),
        egp_kv_time(j, 'received_at'), egp_kv_time(j, 'finished_at'), egp_kv_time(j, 'closed_at'), egp_kv_time(j, 'due_at'),
        JSONExtract(j, 'channel', 'Nullable(UInt8)'), JSONExtractBool(j, 'paid_online'), JSONExtractBool(j, 'digitized'),
        JSONExtractUInt(j, 'end_status'), fromUnixTimestamp64Micro(JSONExtractInt(j, 'first_at'), 'UTC')),
    'Tuple(owner String, procedure String, received UInt8, received_at Nullable(DateTime64(6, \'UTC\')), finished_at Nullable(DateTime64(6, \'UTC\')), closed_at Nullable(DateTime64(6, \'UTC\')), due_at Nullable(DateTime64(6, \'UTC\')), channel Nullable(UInt8), paid_online UInt8, digitized UInt8, end_status UInt8, first_at DateTime64(6, \'UTC\'))');

-- A store from before: its key-value rows as typed rows (the same events and states, so the
-- aggregates need no change). Upserts by key: a migration interrupted here runs again whole.
INSERT INTO dossier_states
SELECT
  dossier_code,
  arrayMap(e -> (e.1, e.2, fromUnixTimestamp64Micro(e.3, 'UTC'), e.4, e.5,
      if(e.6 IS NULL, NULL, fromUnixTimestamp64Micro(assumeNotNull(e.6), 'UTC')),
      if(e.7 IS NULL, NULL, fromUnixTimestamp64Micro(assumeNotNull(e.7), 'UTC')),
      if(e.8 IS NULL, NULL, fromUnixTimestamp64Micro(assumeNotNull(e.8), 'UTC')),
      e.9, e.10, e.11),
    JSONExtract(events, 'Array(Tuple(String, UInt8, Int64, String, String, Nullable(Int64), Nullable(Int64), Nullable(Int64), Nullable(UInt8), Nullable(UInt8), Nullable(UInt8)))')),
  egp_kv_state(state),
  prev != '',
  egp_kv_state(if(prev = '', '{}', prev)), -- none: the empty state, as a batch writes it
  batch
FROM dossier_kv;

DROP FUNCTION IF EXISTS egp_kv_state;

DROP FUNCTION IF EXISTS egp_kv_time;

-- The batch's working tables, emptied at the start of each dossier batch (one writer per kind,
-- ADR 003). Memory: they hold one batch and need not survive a restart.
-- The delivered records as they came, with their position in the delivery.
CREATE TABLE IF NOT EXISTS dossier_stage AS dossier_events ENGINE = Memory;

ALTER TABLE dossier_stage ADD COLUMN IF NOT EXISTS ord UInt32 FIRST;

-- The events the batch adds to its dossiers' states: its new ones (fresh = 1, stored by it) and,
-- for a dossier being repaired, every one the raw table holds (fresh = 0).
CREATE TABLE IF NOT EXISTS dossier_new AS dossier_stage ENGINE = Memory;

ALTER TABLE dossier_new ADD COLUMN IF NOT EXISTS fresh UInt8;

-- The dossiers whose state the batch changed: before and after.
CREATE TABLE IF NOT EXISTS dossier_changed ENGINE = Memory EMPTY AS
SELECT dossier_code, had_prev, prev, state FROM dossier_states;

-- The batch's signed changes per procedure of each agency and day, per instant, and of the
-- overdue case list, each with the batch's marker row (ingest/batch-markers.ts), before they go
-- into the aggregate tables (one INSERT … SELECT each, so one part with its marker).
CREATE TABLE IF NOT EXISTS dossier_contrib AS dossier_proc_day ENGINE = Memory;

CREATE TABLE IF NOT EXISTS dossier_instant_new AS dossier_instant ENGINE = Memory;

CREATE TABLE IF NOT EXISTS dossier_cases_new AS dossier_overdue_cases ENGINE = Memory;

-- Pending and overdue at T as runs of instants (ADR 011): each boundary is (x, strict, pending_d,
-- overdue_d), +1 where a received dossier starts to count and −1 where it stops; strict means
-- "x < T", else "x ≤ T". Pending runs from received_at (inclusive) to the later of it and the
-- end; overdue from the later of received_at (inclusive) and due_at (strict) to the later of that
-- and the end (a tie of two boundaries is strict if either is).
CREATE FUNCTION IF NOT EXISTS egp_runs AS (ra, due, ended, ox, ostrict) ->
  arrayConcat(
    [(ra, toUInt8(0), toInt64(1), toInt64(0))],
    if(isNull(ended), [], [(greatest(ra, assumeNotNull(ended)), toUInt8(0), toInt64(-1), toInt64(0))]),
    if(isNull(due), [], [(ox, ostrict, toInt64(0), toInt64(1))]),
    if(isNull(due) OR isNull(ended), [], [(greatest(ox, assumeNotNull(ended)), if(assumeNotNull(ended) > ox, toUInt8(0), ostrict), toInt64(0), toInt64(-1))]));

-- The boundaries of a dossier's state (dossier_states.state): none before it is received.
CREATE FUNCTION IF NOT EXISTS egp_dossier_runs AS (s) ->
  if(s.received = 0 OR isNull(s.received_at), [],
    egp_runs(assumeNotNull(s.received_at), s.due_at, coalesce(s.finished_at, s.closed_at),
      greatest(assumeNotNull(s.received_at), assumeNotNull(s.due_at)), toUInt8(assumeNotNull(s.due_at) >= assumeNotNull(s.received_at))));

-- The day a boundary is filed under: the first Vietnamese day whose end is past it (an inclusive
-- boundary at exactly 00:00 belongs to the day before, a strict one to its own day).
CREATE FUNCTION IF NOT EXISTS egp_run_day AS (x, strict) ->
  toDate(if(strict = 1, x, x - toIntervalMicrosecond(1)), 'Asia/Ho_Chi_Minh');

-- Every state row a batch writes whose state changed goes to dossier_changed as it is written
-- (compared as text: a tuple comparison is NULL when either side holds a NULL).
CREATE MATERIALIZED VIEW IF NOT EXISTS dossier_states_changed TO dossier_changed AS
SELECT dossier_code, had_prev, prev, state FROM dossier_states
WHERE had_prev = 0 OR toString(prev) != toString(state);

-- Whether a dossier's state (dossier_states.state) is finished on time: finished, and not after due_at when it has one.
CREATE FUNCTION IF NOT EXISTS egp_dossier_on_time AS (s) ->
  isNotNull(s.finished_at) AND (isNull(s.due_at) OR assumeNotNull(s.finished_at) <= assumeNotNull(s.due_at));

-- The changed dossiers' states, signed: the state after the batch counts +1, the one before −1.
CREATE VIEW IF NOT EXISTS dossier_changed_signed AS
SELECT dossier_code, state AS s, toInt64(1) AS sign FROM dossier_changed
UNION ALL
SELECT dossier_code, prev AS s, toInt64(-1) AS sign FROM dossier_changed WHERE had_prev = 1;
