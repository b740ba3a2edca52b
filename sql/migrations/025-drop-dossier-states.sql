-- The key-value rows with their two states, converted by 024 into dossier_rows (a migration of its
-- own, so that an interrupted conversion runs again from them).
DROP VIEW IF EXISTS dossier_states_changed;

DROP TABLE IF EXISTS dossier_states;
