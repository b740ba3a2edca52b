-- Agencies named by events but missing from the registry, with their event counts per kind
-- (a document counts for its sender and its recipient). From event_stats (ADR 011).
SELECT agency_code, kind, sum(events) AS events, max(last_occurred_at) AS last_occurred_at
FROM event_stats
WHERE agency_code NOT IN (SELECT agency_code FROM agencies)
GROUP BY agency_code, kind
ORDER BY events DESC, agency_code, kind
LIMIT 1000
