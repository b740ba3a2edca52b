-- The unacknowledged count per unit at the start of a period: every change filed before `cutoff`
-- = min(the period's first day, today). Params: level, structure, cutoff.
WITH {cutoff:Date} AS p_cutoff
SELECT u.unit AS unit_code, sum(unack_d) AS unack_d
FROM
(
  SELECT agency_code, unack_d FROM document_month WHERE month < toStartOfMonth(p_cutoff)
  UNION ALL
  SELECT agency_code, unack_d FROM document_day WHERE day >= toStartOfMonth(p_cutoff) AND day < p_cutoff
) AS d
INNER JOIN unit_of_agency(level = {level:String}, structure = {structure:String}) AS u ON u.agency_code = d.agency_code
WHERE u.unit != ''
GROUP BY unit_code
