-- Brings dossier_unit_at_total in line with the agency → unit mapping as it is now, in one insert
-- (unit-sums-align-days.sql for the days and months): dossier_at_total added up per unit key now,
-- less what the unit table holds; batch marker rows (batches > 0) are left as they are. With
-- per_procedure = 1, dossier_proc_at_total per unit key and procedure into dossier_unit_proc_at_total.
-- Params: agency_table, unit_table, per_procedure.
SELECT k, p, sum(pending_d) AS s1, sum(overdue_d) AS s2, sum(dossiers) AS s3, 0
FROM
(
  SELECT k, if({per_procedure:UInt8} = 1, procedure_code, '') AS p, pending_d, overdue_d, dossiers FROM {agency_table:Identifier} ARRAY JOIN egp_unit_keys(agency_code) AS k WHERE batches = 0
  UNION ALL
  SELECT agency_code AS k, procedure_code AS p, -pending_d, -overdue_d, -dossiers FROM {unit_table:Identifier} WHERE batches = 0
)
GROUP BY k, p
HAVING s1 != 0 OR s2 != 0 OR s3 != 0
