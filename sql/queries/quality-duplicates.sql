-- Duplicate deliveries by kind and source (acknowledged, stored once).
SELECT kind, source, sum(duplicates) AS duplicates, max(counted_at) AS last_at
FROM duplicate_counts
GROUP BY kind, source
ORDER BY duplicates DESC, kind, source
