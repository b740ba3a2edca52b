-- The last event seen per agency and kind (by arrival and by occurrence), so a source that has gone silent shows.
SELECT agency_code, kind, max(ingested_at) AS last_ingested_at, max(occurred_at) AS last_occurred_at, count() AS events
FROM
(
  SELECT agency_code, 'dossier' AS kind, ingested_at, occurred_at FROM dossier_events
  UNION ALL
  SELECT from_agency AS agency_code, 'document' AS kind, ingested_at, occurred_at FROM document_events
  UNION ALL
  SELECT agency_code, 'connection' AS kind, ingested_at, occurred_at FROM connection_events
)
GROUP BY agency_code, kind
ORDER BY last_ingested_at ASC, agency_code, kind
LIMIT 5000
