-- The per-dossier mirror of the state (dossier_state) is gone (ADR 011): every batch wrote one
-- wide row per dossier it changed, a tenth of the ingest time, for one reader (the dossier page),
-- which now reads the state from the key-value table (dossier_kv) by its key.
DROP VIEW IF EXISTS dossier_in_unit;
DROP VIEW IF EXISTS dossier_state_units;
DROP TABLE IF EXISTS dossier_state;
