-- The last event seen per agency and kind (by arrival and by occurrence; a document by its sender),
-- so a source that has gone silent shows. From event_stats (ADR 011).
SELECT agency_code, kind, max(last_ingested_at) AS last_ingested_at, max(last_occurred_at) AS last_occurred_at, sum(events) AS events
FROM event_stats
WHERE role IN ('', 'from')
GROUP BY agency_code, kind
ORDER BY last_ingested_at ASC, agency_code, kind
LIMIT 5000
