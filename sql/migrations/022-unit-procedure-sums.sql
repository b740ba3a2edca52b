-- Procedure figures summed per unit (ADR 011, session 18): the per-(agency, procedure) day, month
-- and at-T total rows added up per unit key (the keys of migration 020: 'national:',
-- 'province/current:79', 'province/historical:79', 'ministry:000.00.00.G09') and procedure, so a
-- unit's procedures read its procedures × days instead of its agencies × procedures × days. Sorted
-- by the key first: one unit's rows are one range of the table. Written by each dossier batch
-- beside the unit sums, and brought in line with the agency → unit mapping with them
-- (ingest/unit-sums.ts) from dossier_proc_day / _month / _at_total; the new fingerprint of
-- unit-sums-fingerprint.sql makes the first start after this migration fill them that way.
-- The columns of the unit sums (migration 020, no projection), sorted by the key first.
CREATE TABLE IF NOT EXISTS dossier_unit_proc_day AS dossier_unit_day
ENGINE = SummingMergeTree ORDER BY (agency_code, day, procedure_code) SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS dossier_unit_proc_month AS dossier_unit_month
ENGINE = SummingMergeTree ORDER BY (agency_code, month, procedure_code) SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS dossier_unit_proc_at_total AS dossier_unit_at_total
ENGINE = SummingMergeTree ORDER BY (agency_code, procedure_code) SETTINGS non_replicated_deduplication_window = 10000;

-- The per-agency procedure tables are now read whole only (the alignment above): their projection
-- by unit (migration 018) served the unit's procedures, read from the sums instead, and each
-- batch's insert and merge wrote it again.
ALTER TABLE dossier_proc_day DROP PROJECTION IF EXISTS by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_proc_month DROP PROJECTION IF EXISTS by_unit SETTINGS mutations_sync = 1;

ALTER TABLE dossier_proc_at_total DROP PROJECTION IF EXISTS by_unit SETTINGS mutations_sync = 1;
