-- A dossier's key-value row holds its events only (ADR 011, session 28). A row of dossier_states
-- also held the derived state and the state before the batch that wrote it: two tuples of 12
-- typed elements, which the engine decodes on every look-up by key whatever a statement asks for
-- (session 23), for a state derived from the events in a fraction of the time. Both states are
-- now derived when read (egp_dossier_state, the one definition of kpi.md "The state of a
-- dossier"); each event keeps the batch that added it, so the state before the batch that wrote a
-- row is the state of the row's other events (what the repair after a crash reads).
CREATE TABLE IF NOT EXISTS dossier_rows (
  dossier_code String,
  -- every stored event (the first stored copy of each event_id) in kpi.md's order, with the batch that added it
  events Array(Tuple(
    id String, status UInt8, at DateTime64(6, 'UTC'), agency String, procedure String,
    received Nullable(DateTime64(6, 'UTC')), due Nullable(DateTime64(6, 'UTC')), finished Nullable(DateTime64(6, 'UTC')),
    channel Nullable(UInt8), paid Nullable(UInt8), digitized Nullable(UInt8), batch UInt64)),
  -- the batch that last wrote the row
  batch UInt64
) ENGINE = EmbeddedRocksDB
PRIMARY KEY dossier_code
SETTINGS optimize_for_bulk_insert = 0;

-- kpi.md "The state of a dossier", from its events in kpi.md's order (occurred_at, then status,
-- then event_id in byte order): events up to the first terminal one (3, 7, 8, 9, 10) count; the
-- owner is the first 02's agency and procedure (else the first counted event's); received_at the
-- 02's received_at (else its occurred_at); due_at the last counted one given; channel the first
-- given; paid / digitized if any counted event says so; a terminal 09 / 10 finishes at its
-- finished_at (else its occurred_at), any other closes at its occurred_at. No events: the empty
-- state (not received). The four functions name the steps (end_i: the terminal event's position,
-- counted: the events that count, recv_i: the 02's position among them).
CREATE FUNCTION IF NOT EXISTS egp_state_of_run AS (end_ev, end_i, counted, recv_i) ->
  CAST((
    counted[if(recv_i = 0, 1, recv_i)].agency,
    counted[if(recv_i = 0, 1, recv_i)].procedure,
    recv_i > 0,
    if(recv_i > 0, ifNull(counted[recv_i].received, counted[recv_i].at), NULL),
    if(end_i > 0 AND end_ev.status IN (9, 10), ifNull(end_ev.finished, end_ev.at), NULL),
    if(end_i > 0 AND end_ev.status NOT IN (9, 10), end_ev.at, NULL),
    arrayLast(x -> isNotNull(x), arrayMap(e -> e.due, counted)),
    arrayFirst(x -> isNotNull(x), arrayMap(e -> e.channel, counted)),
    arrayExists(e -> e.paid = 1, counted),
    arrayExists(e -> e.digitized = 1, counted),
    if(end_i > 0, end_ev.status, 0),
    counted[1].at),
  'Tuple(owner String, procedure String, received UInt8, received_at Nullable(DateTime64(6, \'UTC\')), finished_at Nullable(DateTime64(6, \'UTC\')), closed_at Nullable(DateTime64(6, \'UTC\')), due_at Nullable(DateTime64(6, \'UTC\')), channel Nullable(UInt8), paid_online UInt8, digitized UInt8, end_status UInt8, first_at DateTime64(6, \'UTC\'))');

CREATE FUNCTION IF NOT EXISTS egp_state_of_counted AS (evs, end_i, counted) ->
  egp_state_of_run(evs[end_i], end_i, counted, arrayFirstIndex(e -> e.status = 2, counted));

CREATE FUNCTION IF NOT EXISTS egp_state_of_end AS (evs, end_i) ->
  egp_state_of_counted(evs, end_i, if(end_i = 0, evs, arraySlice(evs, 1, end_i)));

CREATE FUNCTION IF NOT EXISTS egp_dossier_state AS (evs) ->
  egp_state_of_end(evs, arrayFirstIndex(e -> e.status IN (3, 7, 8, 9, 10), evs));

-- A batch's derived rows (Memory, one batch): every touched dossier's events, state and state
-- before the batch; written to dossier_rows, and the changed ones to dossier_changed.
CREATE TABLE IF NOT EXISTS dossier_derived ENGINE = Memory EMPTY AS
SELECT dossier_code, events, had_prev, prev, state, batch
FROM (SELECT dossier_code, events, batch FROM dossier_rows) AS r
CROSS JOIN (SELECT had_prev, prev, state FROM dossier_changed) AS c;

-- A store from before: its rows, each event tagged with batch 0 but for a batch left unfinished
-- (a crash): the events its raw inserts stored are tagged with it, so that its repair finds the
-- state before it. Upserts by key: a migration interrupted here runs again whole. The memory
-- tracker counts what the key-value table's reading allocates as the query's and does not count it
-- back (on the 50M store: 2 GiB counted while the process held under 2 GB), so the query's limit is
-- lifted for this one statement.
INSERT INTO dossier_rows
SELECT
  s.dossier_code,
  arrayMap(e -> (e.id, e.status, e.at, e.agency, e.procedure, e.received, e.due, e.finished, e.channel, e.paid, e.digitized,
      if(s.batch IN (SELECT batch FROM ingest_batches WHERE kind = 'dossier' GROUP BY batch HAVING countIf(phase = 'done') = 0) AND has(u.ids, e.id), s.batch, toUInt64(0))),
    s.events),
  s.batch
FROM dossier_states AS s
LEFT JOIN
(
  SELECT dossier_code, groupArray(event_id) AS ids
  FROM dossier_events
  WHERE ingested_at >= (SELECT ifNull(minOrNull(ingested_at), toDateTime64('2149-06-01 00:00:00', 6, 'UTC')) FROM ingest_batches
                        WHERE kind = 'dossier' AND batch IN (SELECT batch FROM ingest_batches WHERE kind = 'dossier' GROUP BY batch HAVING countIf(phase = 'done') = 0))
  GROUP BY dossier_code
) AS u ON u.dossier_code = s.dossier_code
SETTINGS max_memory_usage = 0;
