-- The last event seen per source (a file, an API token, the demo feed) and kind. From event_stats (ADR 011).
SELECT source, kind, max(last_ingested_at) AS last_ingested_at, max(last_occurred_at) AS last_occurred_at, sum(events) AS events
FROM event_stats
WHERE role IN ('', 'from')
GROUP BY source, kind
ORDER BY last_ingested_at DESC, source, kind
