-- The dossiers whose state the batch changed, before and after (compared as text: a tuple
-- comparison is NULL when either side holds a NULL); a dossier new to the store always.
INSERT INTO dossier_changed
SELECT dossier_code, had_prev, prev, state
FROM dossier_derived
WHERE had_prev = 0 OR toString(prev) != toString(state)
