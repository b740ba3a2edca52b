-- The newest finished dossier batch, and whether the key-value state was ever written.
SELECT
  (SELECT max(ingested_at) FROM ingest_batches WHERE phase = 'done') AS last_done,
  (SELECT count() FROM ingest_batches) AS batches,
  (SELECT count() FROM dossier_events) AS raw_events
