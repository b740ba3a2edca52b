-- Dossiers with events stored after the newest state computation (5 minutes of margin).
SELECT DISTINCT dossier_code
FROM dossier_events
WHERE ingested_at >= (SELECT if(count() = 0, toDateTime64(0, 6, 'UTC'), max(version) - INTERVAL 5 MINUTE) FROM dossier_state)
