-- The overdue case list also sorted by the owner agency's code read from its end (ADR 011, session
-- 11), as the aggregate tables are (migration 018): a unit's case list names its agencies as a set
-- of that key (dossier-overdue.sql) and reads their rows only, instead of every open dossier's.
-- Collapse merges rebuild the projection of the merged part.
ALTER TABLE dossier_overdue_cases MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_overdue_cases ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(owner_agency), ended_key, due_at, dossier_code, procedure_code, received_at);

ALTER TABLE dossier_overdue_cases MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;
