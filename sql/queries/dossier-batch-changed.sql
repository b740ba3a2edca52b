-- The dossiers a batch wrote, before and after it, from their key-value rows (the repair after a
-- crash; a batch that runs to its end takes the changed ones from dossier_derived). The state
-- before is that of the row's events that another batch added (each event keeps the batch that
-- added it, migration 024). Its dossiers all have raw events stored since the first unfinished
-- batch started (raw events are written before rows), so only their rows are read, by key: a scan
-- of the whole key-value table ran over 20 minutes on the national year's store (ADR 011, session
-- 17). A state that did not change cancels out in the changes computed from these rows.
INSERT INTO dossier_changed
SELECT dossier_code, length(before) > 0 AS had_prev, egp_dossier_state(before) AS prev, egp_dossier_state(events) AS state
FROM
(
  SELECT dossier_code, events, arrayFilter(e -> e.batch != {batch:UInt64}, events) AS before
  FROM dossier_rows
  WHERE dossier_code IN (SELECT DISTINCT dossier_code FROM dossier_events WHERE ingested_at >= {since:DateTime64(6, 'UTC')})
    AND batch = {batch:UInt64}
)
