-- A dossier batch's at-T changes and dossiers counted, summed over all time per unit key
-- (dossier_unit_at_total, migration 020), or per unit key and procedure (per_procedure = 1:
-- dossier_unit_proc_at_total, migration 022), as dossier-write-at-totals.sql does per agency. The
-- batch's marker row (on {marker_day}) counts as a batch and keeps its key.
SELECT
  k,
  if({per_procedure:UInt8} = 1, procedure_code, '') AS p,
  sum(pending_d) AS s_pending_d,
  sum(overdue_d) AS s_overdue_d,
  sumIf(dossiers, day != {marker_day:Date}) AS s_dossiers,
  countIf(day = {marker_day:Date}) AS s_batches
FROM dossier_contrib
ARRAY JOIN if(day = {marker_day:Date}, [agency_code], egp_unit_keys(agency_code)) AS k
GROUP BY k, p
HAVING s_pending_d != 0 OR s_overdue_d != 0 OR s_dossiers != 0 OR s_batches != 0
