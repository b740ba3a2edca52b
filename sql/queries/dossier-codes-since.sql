-- Dossiers with raw events stored at or after an instant (the events of an unfinished batch, or
-- everything when the key-value state is new): read once at start-up after a crash or an upgrade.
SELECT DISTINCT dossier_code AS key FROM dossier_events WHERE ingested_at >= {since:DateTime64(6, 'UTC')}
