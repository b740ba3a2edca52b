-- Stored events per kind, and dossier events timed by arrival (national sync without a state date).
-- From event_stats (ADR 011; a document event once, by its sender's row).
SELECT kind, sum(events) AS events, sum(timed_by_arrival) AS timed_by_arrival
FROM event_stats
WHERE role IN ('', 'from')
GROUP BY kind
ORDER BY kind = 'dossier' DESC, kind = 'document' DESC, kind
