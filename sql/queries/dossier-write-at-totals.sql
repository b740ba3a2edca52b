-- A dossier batch's at-T changes and dossiers counted, summed over all time (ADR 011), per agency
-- per procedure of each agency, or for the nation (per_agency = 0): only rows that change them.
-- The batch's marker row (on {marker_day}) counts as a batch, not as a dossier, and keeps its key.
SELECT
  if({per_agency:UInt8} = 1 OR day = {marker_day:Date}, agency_code, '') AS a,
  if({per_procedure:UInt8} = 1, procedure_code, '') AS p,
  sum(pending_d) AS s_pending_d,
  sum(overdue_d) AS s_overdue_d,
  sumIf(dossiers, day != {marker_day:Date}) AS s_dossiers,
  countIf(day = {marker_day:Date}) AS s_batches
FROM dossier_contrib
GROUP BY a, p
HAVING s_pending_d != 0 OR s_overdue_d != 0 OR s_dossiers != 0 OR s_batches != 0
