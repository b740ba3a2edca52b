-- The nation's dossier figures per day, per month and over all time (ADR 011, session 10): the
-- per-agency tables summed over every agency, written by each dossier batch beside them, each
-- insert with the batch's marker row. National figures (the summary, the trend) read about one row
-- per day instead of one per agency and day. The nation is every agency, in the registry or not,
-- so a registry change never touches these.
CREATE TABLE IF NOT EXISTS dossier_nat_day AS dossier_day;

CREATE TABLE IF NOT EXISTS dossier_nat_month AS dossier_month;

CREATE TABLE IF NOT EXISTS dossier_nat_at_total AS dossier_at_total;

-- A store from before: the sums of what it holds, each batch's marker row kept as it is, so the
-- start-up repair finds the same batches committed here as in the per-agency tables. A migration
-- interrupted after this point runs it again from empty tables.
TRUNCATE TABLE dossier_nat_day;

INSERT INTO dossier_nat_day
SELECT day, if(day = toDate('2149-06-01'), agency_code, '') AS a, '', sum(received), sum(online), sum(paid), sum(digitized), sum(resolved), sum(on_time),
  sum(dur_us), sum(dur_n), sum(closed), sum(pending_d), sum(overdue_d), sum(dossiers)
FROM dossier_day GROUP BY day, a;

TRUNCATE TABLE dossier_nat_month;

INSERT INTO dossier_nat_month
SELECT month, if(month = toDate('2149-06-01'), agency_code, '') AS a, '', sum(received), sum(online), sum(paid), sum(digitized), sum(resolved), sum(on_time),
  sum(dur_us), sum(dur_n), sum(closed), sum(pending_d), sum(overdue_d), sum(dossiers)
FROM dossier_month GROUP BY month, a;

TRUNCATE TABLE dossier_nat_at_total;

INSERT INTO dossier_nat_at_total
SELECT if(batches > 0, agency_code, '') AS a, '', sum(pending_d), sum(overdue_d), sum(dossiers), sum(batches)
FROM dossier_at_total GROUP BY a;
