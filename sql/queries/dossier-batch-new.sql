-- A dossier batch's new events (ADR 011): the first line of each event_id in the delivery (by its
-- position, ord), less those already stored (event_keys: point look-ups in the key-value table).
INSERT INTO dossier_new
SELECT *, 1 AS fresh
FROM dossier_stage
WHERE concat('dossier:', event_id) NOT IN (SELECT key FROM event_keys WHERE key IN (SELECT concat('dossier:', event_id) FROM dossier_stage))
ORDER BY ord
LIMIT 1 BY event_id
