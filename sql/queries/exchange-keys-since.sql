-- Exchanges with raw events stored at or after an instant (repair after a crash, or an upgrade).
SELECT DISTINCT concat(document_id, '\0', from_agency, '\0', to_agency) AS key
FROM document_events
WHERE ingested_at >= {since:DateTime64(6, 'UTC')}
