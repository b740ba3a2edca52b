-- A dossier batch's new events (ADR 011): the first line of each event_id in the delivery (by its
-- position, ord), less those already stored (event_keys: point look-ups in the key-value table),
-- stamped with the batch's instant. {stage} is the staging table the batch was written to.
INSERT INTO dossier_new
SELECT * REPLACE ({at:DateTime64(6, 'UTC')} AS ingested_at), 1 AS fresh
FROM {stage:Identifier}
WHERE concat('dossier:', event_id) NOT IN (SELECT key FROM event_keys WHERE key IN (SELECT concat('dossier:', event_id) FROM {stage:Identifier}))
ORDER BY ord
LIMIT 1 BY event_id
