-- How fresh the data are (the page header): per source, its last arrival and its newest event.
-- Params: now (instants after it, from clocks ahead of ours, are not "newest").
SELECT source, max(ingested_at) AS last_ingested_at, maxIf(occurred_at, occurred_at <= {now:DateTime64(6, 'UTC')}) AS last_occurred_at
FROM
(
  SELECT source, ingested_at, occurred_at FROM dossier_events
  UNION ALL
  SELECT source, ingested_at, occurred_at FROM document_events
  UNION ALL
  SELECT source, ingested_at, occurred_at FROM connection_events
)
GROUP BY source
