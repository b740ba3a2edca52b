-- A dossier batch's signed changes (dossier_contrib, with its marker row) into dossier_unit_day or
-- dossier_unit_month (by_month = 1), or per procedure (per_procedure = 1) into dossier_unit_proc_day
-- or _month (migration 022): per unit key of each agency's units (egp_unit_keys, migration 020),
-- the marker row under its own key. One INSERT … SELECT, so one part that holds the marker
-- if and only if it holds the batch's rows (ADR 011).
SELECT
  if({by_month:UInt8} = 1, toStartOfMonth(day), day) AS d,
  k,
  if({per_procedure:UInt8} = 1, procedure_code, '') AS p,
  sum(received), sum(online), sum(paid), sum(digitized), sum(resolved), sum(on_time), sum(dur_us), sum(dur_n), sum(closed),
  sum(pending_d), sum(overdue_d), sum(dossiers)
FROM dossier_contrib
ARRAY JOIN if(day = {marker_day:Date}, [agency_code], egp_unit_keys(agency_code)) AS k
GROUP BY d, k, p
