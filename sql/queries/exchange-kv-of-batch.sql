-- The exchanges a batch wrote, with their state before and after it (the repair after a crash).
-- Its exchanges all have raw events stored since it started (raw events are written before
-- states), so only their rows are read, by key, as dossier-batch-changed.sql reads dossiers: a
-- scan of the whole key-value table decodes every exchange of the store (ADR 011, session 20).
-- Params: batch, since (the batch's start).
SELECT key, state, prev
FROM exchange_kv
WHERE key IN (SELECT DISTINCT concat(document_id, '\0', from_agency, '\0', to_agency)
              FROM document_events WHERE ingested_at >= {since:DateTime64(6, 'UTC')})
  AND batch = {batch:UInt64}
