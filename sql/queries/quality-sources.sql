-- The last event seen per source (a file, an API token, the demo feed) and kind.
SELECT source, kind, max(ingested_at) AS last_ingested_at, max(occurred_at) AS last_occurred_at, count() AS events
FROM
(
  SELECT source, 'dossier' AS kind, ingested_at, occurred_at FROM dossier_events
  UNION ALL
  SELECT source, 'document' AS kind, ingested_at, occurred_at FROM document_events
  UNION ALL
  SELECT source, 'connection' AS kind, ingested_at, occurred_at FROM connection_events
)
GROUP BY source, kind
ORDER BY last_ingested_at DESC, source, kind
