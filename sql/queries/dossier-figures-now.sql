-- The at-T changes filed today that have happened by `now` (dossier-figures.sql): an inclusive
-- boundary counts when x <= now, a strict one when x < now. Params: level, structure, unit, today, now.
SELECT multiIf({by:String} = 'procedure', d.procedure_code, {by:String} = 'agency', d.agency_code, {level:String} = 'national', '', d.unit) AS unit_code, sum(pending_d) AS pending_d, sum(overdue_d) AS overdue_d
FROM
(
  SELECT agency_code, procedure_code, pending_d, overdue_d, egp_unit({level:String}, {structure:String}, agency_code) AS unit
  FROM dossier_instant
  WHERE day = {today:Date}
    AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
) AS d
WHERE {level:String} = 'national' OR (d.unit != '' AND ({unit:String} = '' OR d.unit = {unit:String}))
GROUP BY unit_code
