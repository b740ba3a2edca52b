-- The overdue cases of a unit at T (kpi.md): received_at <= T, due_at < T, no ended_at <= T, in the
-- order due_at, then dossier_code. Read from dossier_overdue_cases (ADR 011): the dossiers ending
-- after T are one range of its key; a row and its cancelling −1 row sum to nothing.
-- Params: level, structure, unit, T, limit, offset.
SELECT
  dossier_code,
  owner_agency AS agency_code,
  procedure_code,
  received_at,
  due_at,
  intDiv(toUnixTimestamp64Micro({T:DateTime64(6, 'UTC')}) - toUnixTimestamp64Micro(due_at), 86400000000) AS days_overdue
FROM dossier_overdue_cases
WHERE ended_key > {T:DateTime64(6, 'UTC')}
  AND due_at < {T:DateTime64(6, 'UTC')}
  AND received_at <= {T:DateTime64(6, 'UTC')}
  AND ({level:String} = 'national'
       OR ({unit:String} != '' AND egp_unit({level:String}, {structure:String}, owner_agency) = {unit:String}))
GROUP BY ended_key, due_at, dossier_code, owner_agency, procedure_code, received_at
HAVING sum(sign) > 0
ORDER BY due_at ASC, dossier_code ASC
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
