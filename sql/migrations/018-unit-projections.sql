-- The per-agency aggregate tables also sorted by the agency code read from its end (ADR 011, session
-- 10): a projection each, which a unit's figures read. An agency's code ends with its province's or
-- ministry's (000.01.02.H29, 000.00.03.G09), so a unit's agencies lie together in that order, and a
-- query that names them as a set (dossier-figures.sql) reads their rows only, instead of every
-- agency's. Which agencies belong to the unit still comes from the registry: the order only makes
-- the reading short. Sum and collapse merges rebuild the projection of the merged part.
ALTER TABLE dossier_day MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_day ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), day, procedure_code);

ALTER TABLE dossier_day MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_month MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_month ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), month, procedure_code);

ALTER TABLE dossier_month MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_proc_day MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_proc_day ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), day, procedure_code);

ALTER TABLE dossier_proc_day MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_proc_month MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_proc_month ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), month, procedure_code);

ALTER TABLE dossier_proc_month MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_at_total MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_at_total ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), procedure_code);

ALTER TABLE dossier_at_total MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_proc_at_total MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';

ALTER TABLE dossier_proc_at_total ADD PROJECTION IF NOT EXISTS by_unit (SELECT * ORDER BY reverse(agency_code), procedure_code);

ALTER TABLE dossier_proc_at_total MATERIALIZE PROJECTION by_unit SETTINGS mutations_sync = 1;
