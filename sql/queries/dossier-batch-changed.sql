-- The dossiers a batch wrote, before and after it, from their state rows (the repair after a crash;
-- a batch that runs to its end gets the changed ones from the view dossier_states_changed as it
-- writes them). Its dossiers all have raw events stored since it started (raw events are written
-- before states), so only their state rows are read, by key: a scan of the whole key-value table
-- ran over 20 minutes on the national year's store (ADR 011, session 17). A state that did not
-- change cancels out in the changes computed from these rows.
INSERT INTO dossier_changed
SELECT dossier_code, had_prev, prev, state
FROM dossier_states
WHERE dossier_code IN (SELECT DISTINCT dossier_code FROM dossier_events WHERE ingested_at >= {since:DateTime64(6, 'UTC')})
  AND batch = {batch:UInt64}
