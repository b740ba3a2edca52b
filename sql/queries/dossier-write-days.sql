-- A dossier batch's signed changes (dossier_contrib, with its marker row) into one of the
-- day / month tables: per agency, per procedure of each agency, or for the nation (per_agency = 0:
-- one row per day, the marker row kept apart) (ADR 011): one INSERT … SELECT, so one part that
-- holds the marker if and only if it holds the batch's rows.
SELECT
  if({by_month:UInt8} = 1, toStartOfMonth(day), day) AS d,
  if({per_agency:UInt8} = 1 OR day = {marker_day:Date}, agency_code, '') AS a,
  if({per_procedure:UInt8} = 1, procedure_code, '') AS p,
  sum(received), sum(online), sum(paid), sum(digitized), sum(resolved), sum(on_time), sum(dur_us), sum(dur_n), sum(closed),
  sum(pending_d), sum(overdue_d), sum(dossiers)
FROM dossier_contrib
GROUP BY d, a, p
