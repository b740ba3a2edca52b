-- The dossiers whose state a batch changed, before and after it, from the state rows it wrote (the
-- repair after a crash: a full scan of the key-value table, rare; a batch that runs to its end
-- gets them from the view dossier_states_changed as it writes them).
INSERT INTO dossier_changed
SELECT dossier_code, had_prev, prev, state
FROM dossier_states
WHERE batch = {batch:UInt64} AND (had_prev = 0 OR toString(prev) != toString(state))
