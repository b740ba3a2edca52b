-- The dossiers a batch wrote, before and after it, from their state rows (the repair after a crash:
-- a full scan of the key-value table, rare; a batch that runs to its end gets the changed ones from
-- the view dossier_states_changed as it writes them). A state that did not change cancels out in
-- the changes computed from these rows.
INSERT INTO dossier_changed
SELECT dossier_code, had_prev, prev, state
FROM dossier_states
WHERE batch = {batch:UInt64}
