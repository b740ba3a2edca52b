-- The at-T counts (pending, overdue) per unit at the start of a period: the sum of every change
-- filed before `cutoff` = min(the period's first day, today) (dossier-figures.sql). Whole months
-- from dossier_month, the days of cutoff's month from dossier_day. Params: level, structure, unit, cutoff.
WITH {cutoff:Date} AS p_cutoff
SELECT multiIf({by:String} = 'procedure', d.procedure_code, {by:String} = 'agency', d.agency_code, {level:String} = 'national', '', d.unit) AS unit_code, sum(pending_d) AS pending_d, sum(overdue_d) AS overdue_d
FROM
(
  SELECT agency_code, procedure_code, pending_d, overdue_d, egp_unit({level:String}, {structure:String}, agency_code) AS unit FROM {month_table:Identifier} WHERE month < toStartOfMonth(p_cutoff)
  UNION ALL
  SELECT agency_code, procedure_code, pending_d, overdue_d, egp_unit({level:String}, {structure:String}, agency_code) AS unit FROM {day_table:Identifier} WHERE day >= toStartOfMonth(p_cutoff) AND day < p_cutoff
) AS d
WHERE {level:String} = 'national' OR (d.unit != '' AND ({unit:String} = '' OR d.unit = {unit:String}))
GROUP BY unit_code
