-- The overdue cases of a unit at T (kpi.md): pending (received_at <= T, no ended_at <= T) with due_at < T,
-- ordered by due_at, then dossier_code. Params: level, structure, unit, T, limit, offset.
SELECT
  dossier_code,
  owner_agency AS agency_code,
  procedure_code,
  received_at,
  due_at,
  intDiv(toUnixTimestamp64Micro({T:DateTime64(6, 'UTC')}) - toUnixTimestamp64Micro(assumeNotNull(due_at)), 86400000000) AS days_overdue
FROM dossier_in_unit(level = {level:String}, structure = {structure:String})
WHERE ({level:String} = 'national' OR (unit != '' AND unit = {unit:String}))
  AND received AND received_at <= {T:DateTime64(6, 'UTC')}
  AND NOT (ended_at IS NOT NULL AND ended_at <= {T:DateTime64(6, 'UTC')})
  AND due_at IS NOT NULL AND due_at < {T:DateTime64(6, 'UTC')}
ORDER BY due_at ASC, dossier_code ASC
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
