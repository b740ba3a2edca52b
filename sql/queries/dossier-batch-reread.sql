-- Every stored event of these dossiers (the first stored copy of each event_id), added to the
-- batch's events: their state is rebuilt from the raw table (a repair).
INSERT INTO dossier_new
SELECT 0 AS ord, *, 0 AS fresh
FROM dossier_events
WHERE dossier_code IN {codes:Array(String)}
ORDER BY ingested_at
LIMIT 1 BY event_id
