-- The at-T counts' changes summed over all time, per agency (and per procedure of each agency) (ADR 011,
-- session 7). A figure at T needs every pending/overdue change filed before the period: read as
-- "all of them, less those filed from the cutoff's month on", it reads one row per agency and the
-- few months since, instead of every month of the history. `dossiers` is the dossiers counted for
-- each (the procedures of a unit are those with at least one). Written by ingest with the other
-- aggregates (each insert with its batch marker, whose `batches` is 1); `batches` is otherwise 0.
CREATE TABLE IF NOT EXISTS dossier_at_total (
  agency_code String,
  procedure_code String, -- '' here; dossier_proc_at_total has one row per procedure of each agency
  pending_d Int64,
  overdue_d Int64,
  dossiers Int64,
  batches Int64
) ENGINE = SummingMergeTree
ORDER BY (agency_code, procedure_code)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE TABLE IF NOT EXISTS dossier_proc_at_total AS dossier_at_total;

-- A store from before: the totals of what it holds (once: a migration interrupted after this runs again).
INSERT INTO dossier_at_total
SELECT agency_code, procedure_code, sum(pending_d), sum(overdue_d), sum(dossiers), 0 FROM dossier_month
WHERE (SELECT count() FROM dossier_at_total) = 0
GROUP BY agency_code, procedure_code;

INSERT INTO dossier_proc_at_total
SELECT agency_code, procedure_code, sum(pending_d), sum(overdue_d), sum(dossiers), 0 FROM dossier_proc_month
WHERE (SELECT count() FROM dossier_proc_at_total) = 0
GROUP BY agency_code, procedure_code;
