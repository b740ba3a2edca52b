-- The JSON key-value rows of dossiers, converted by 014 into dossier_states (a migration of its
-- own, so that 014 can run again whole if it was interrupted).
DROP TABLE IF EXISTS dossier_kv;
