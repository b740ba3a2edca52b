-- Rejected records by kind, field and reason, with the latest example.
SELECT kind, field, reason, count() AS records, max(rejected_at) AS last_at, argMax(source, rejected_at) AS last_source,
       argMax(line, rejected_at) AS last_line
FROM rejects
GROUP BY kind, field, reason
ORDER BY records DESC, kind, field, reason
LIMIT 500
