-- Brings dossier_unit_at_total in line with the agency → unit mapping as it is now, in one insert
-- (unit-sums-align-days.sql for the days and months): dossier_at_total added up per unit key now,
-- less what the unit table holds; batch marker rows (batches > 0) are left as they are.
SELECT k, '', sum(pending_d) AS s1, sum(overdue_d) AS s2, sum(dossiers) AS s3, 0
FROM
(
  SELECT k, pending_d, overdue_d, dossiers FROM dossier_at_total ARRAY JOIN egp_unit_keys(agency_code) AS k WHERE batches = 0
  UNION ALL
  SELECT agency_code AS k, -pending_d, -overdue_d, -dossiers FROM dossier_unit_at_total WHERE batches = 0
)
GROUP BY k
HAVING s1 != 0 OR s2 != 0 OR s3 != 0
