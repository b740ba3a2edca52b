-- How many overdue cases a unit has at T (the same condition as dossier-overdue.sql).
SELECT count() AS total
FROM dossier_in_unit(level = {level:String}, structure = {structure:String})
WHERE ({level:String} = 'national' OR (unit != '' AND unit = {unit:String}))
  AND received AND received_at <= {T:DateTime64(6, 'UTC')}
  AND NOT (ended_at IS NOT NULL AND ended_at <= {T:DateTime64(6, 'UTC')})
  AND due_at IS NOT NULL AND due_at < {T:DateTime64(6, 'UTC')}
