-- Dossier batches that started and were never done (a crash between their writes), oldest first.
SELECT batch, any(ingested_at) AS ingested_at
FROM ingest_batches
GROUP BY batch
HAVING countIf(phase = 'done') = 0
ORDER BY batch
