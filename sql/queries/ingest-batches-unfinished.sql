-- Batches of a kind that started and were never done (a crash between their writes), oldest first.
SELECT batch, any(ingested_at) AS ingested_at
FROM ingest_batches
WHERE kind = {kind:String}
GROUP BY batch
HAVING countIf(phase = 'done') = 0
ORDER BY batch
