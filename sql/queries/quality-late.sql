-- Late arrivals: events stored more than 24 h after they occurred, by kind and province unit
-- (structure=current; '' = unmapped or central), with the worst delay.
SELECT kind, unit, count() AS events, max(delay_s) AS max_delay_s
FROM
(
  SELECT 'dossier' AS kind, agency_code, toUnixTimestamp(ingested_at) - toUnixTimestamp(occurred_at) AS delay_s FROM dossier_events
  UNION ALL
  SELECT 'document' AS kind, to_agency AS agency_code, toUnixTimestamp(ingested_at) - toUnixTimestamp(occurred_at) AS delay_s FROM document_events
  UNION ALL
  SELECT 'connection' AS kind, agency_code, toUnixTimestamp(ingested_at) - toUnixTimestamp(occurred_at) AS delay_s FROM connection_events
) AS e
LEFT ANY JOIN unit_of_agency(level = 'province', structure = 'current') AS u ON e.agency_code = u.agency_code
WHERE delay_s > 86400
GROUP BY kind, unit
ORDER BY events DESC, kind, unit
