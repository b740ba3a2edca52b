-- Whether the key-value state of a kind was ever written, and how many raw events of that kind are stored.
SELECT
  (SELECT count() FROM ingest_batches WHERE kind = {kind:String}) AS batches,
  if({kind:String} = 'dossier', (SELECT count() FROM dossier_events), (SELECT count() FROM document_events)) AS raw_events
