-- Bench and tests only: every dossier's state (kpi.md, "The state of a dossier") computed a second,
-- independent way, straight from the raw events with window functions, to check the ingest's
-- state and aggregates (ADR 011). Written into a table once (scripts/brute-force.ts), then every
-- figure set is read from it (brute-dossier-figures.sql). Params: lo, and hi with section `upper`:
-- the dossiers whose code is in [lo, hi), a range of the raw table's key, so that a large store is
-- read in parts, each within the engine's memory limit and each reading only its own granules.
WITH
  ev AS (
    SELECT * FROM dossier_events
    WHERE dossier_code >= {lo:String}
-- @if upper
      AND dossier_code < {hi:String}
-- @end
    ORDER BY ingested_at LIMIT 1 BY event_id),
  ranked AS (
    SELECT *,
      row_number() OVER w AS rn,
      sum(status IN (3, 7, 8, 9, 10)) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS terminals_before
    FROM ev
    WINDOW w AS (PARTITION BY dossier_code ORDER BY occurred_at, status, event_id)
  )
SELECT
  dossier_code,
  countIf(status = 2) > 0 AS is_received,
  if(is_received, argMinIf(agency_code, rn, status = 2), argMin(agency_code, rn)) AS owner,
  if(is_received, argMinIf(procedure_code, rn, status = 2), argMin(procedure_code, rn)) AS procedure,
  argMinIf(ifNull(received_at, occurred_at), rn, status = 2) AS recv_at,
  argMaxIf(status, rn, status IN (3, 7, 8, 9, 10)) AS end_status,
  argMaxIf(ifNull(finished_at, occurred_at), rn, status IN (9, 10)) AS fin_at,
  argMaxIf(occurred_at, rn, status IN (3, 7, 8)) AS close_at,
    countIf(due_at IS NOT NULL) > 0 AS has_due,
  argMaxIf(due_at, rn, due_at IS NOT NULL) AS due,
  argMinIf(channel, rn, channel IS NOT NULL) AS chan,
  max(ifNull(paid_online, 0)) AS paid,
  max(ifNull(digitized, 0)) AS dig
FROM ranked
WHERE terminals_before = 0
GROUP BY dossier_code
