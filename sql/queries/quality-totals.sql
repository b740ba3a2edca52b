-- Stored events per kind, and dossier events timed by arrival (national sync without a state date).
SELECT 'dossier' AS kind, count() AS events, countIf(timed_by_arrival = 1) AS timed_by_arrival FROM dossier_events
UNION ALL SELECT 'document', count(), 0 FROM document_events
UNION ALL SELECT 'connection', count(), 0 FROM connection_events
