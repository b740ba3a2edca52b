-- Every stored event of these dossiers, first stored copy of each event_id (rebuilding their state from the raw table).
SELECT event_id, dossier_code, status, occurred_at, agency_code, procedure_code, received_at, due_at, finished_at, channel, paid_online, digitized
FROM dossier_events
WHERE dossier_code IN {codes:Array(String)}
ORDER BY ingested_at
LIMIT 1 BY event_id
