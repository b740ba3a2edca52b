-- Agencies named by events but missing from the registry, with their event counts per kind.
SELECT agency_code, kind, count() AS events, max(occurred_at) AS last_occurred_at
FROM
(
  SELECT agency_code, 'dossier' AS kind, occurred_at FROM dossier_events
  UNION ALL
  SELECT arrayJoin([from_agency, to_agency]) AS agency_code, 'document' AS kind, occurred_at FROM document_events
  UNION ALL
  SELECT agency_code, 'connection' AS kind, occurred_at FROM connection_events
)
WHERE agency_code NOT IN (SELECT agency_code FROM agencies)
GROUP BY agency_code, kind
ORDER BY events DESC, agency_code, kind
LIMIT 1000
