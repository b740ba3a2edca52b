-- The unacknowledged count per unit at the start of a period: every change filed before `cutoff`
-- = min(the period's first day, today). Params: level, structure, cutoff.
WITH {cutoff:Date} AS p_cutoff
SELECT egp_unit({level:String}, {structure:String}, d.agency_code) AS unit_code, sum(unack_d) AS unack_d
FROM
(
  SELECT agency_code, unack_d FROM document_month WHERE month < toStartOfMonth(p_cutoff)
  UNION ALL
  SELECT agency_code, unack_d FROM document_day WHERE day >= toStartOfMonth(p_cutoff) AND day < p_cutoff
) AS d
WHERE unit_code != ''
GROUP BY unit_code
