-- The overdue cases of a unit at T (kpi.md): received_at <= T, due_at < T, no ended_at <= T, in the
-- order due_at, then dossier_code. Read from dossier_overdue_cases (ADR 011), whose key starts
-- with the end (ended_key, 2299-12-31 for a dossier not ended), then due_at and dossier_code:
--   the dossiers not ended are one range of the key already in the list's order, so a page of them
--   is read in order and the read stops after it (at T = now, the usual case, these are all);
--   those that ended after T (a T in the past) are another range, sorted here.
-- FINAL collapses each dossier's rows: its changes alternate +1 and −1 on the same key (a changed
-- dossier's old row is taken back), so a dossier that is a case now has one more +1 than −1 and
-- FINAL keeps that row; one that is not keeps none. Every condition but `sign` is on key columns,
-- so filtering before the collapse is safe.
-- Params: level, structure, unit, T, limit, offset.
WITH toDateTime64('2299-12-31 00:00:00', 6, 'UTC') AS not_ended
SELECT
  dossier_code,
  owner_agency AS agency_code,
  procedure_code,
  received_at,
  due_at,
  intDiv(toUnixTimestamp64Micro({T:DateTime64(6, 'UTC')}) - toUnixTimestamp64Micro(due_at), 86400000000) AS days_overdue
FROM
(
  SELECT dossier_code, owner_agency, procedure_code, received_at, due_at, sign
  FROM dossier_overdue_cases FINAL
  WHERE ended_key = not_ended
    AND due_at < {T:DateTime64(6, 'UTC')}
    AND received_at <= {T:DateTime64(6, 'UTC')}
    AND ({level:String} = 'national'
         OR ({unit:String} != '' AND egp_unit({level:String}, {structure:String}, owner_agency) = {unit:String}))
  ORDER BY due_at ASC, dossier_code ASC
  LIMIT {limit:UInt32} + {offset:UInt32}
  UNION ALL
  SELECT dossier_code, owner_agency, procedure_code, received_at, due_at, sign
  FROM dossier_overdue_cases FINAL
  WHERE ended_key > {T:DateTime64(6, 'UTC')} AND ended_key < not_ended
    AND due_at < {T:DateTime64(6, 'UTC')}
    AND received_at <= {T:DateTime64(6, 'UTC')}
    AND ({level:String} = 'national'
         OR ({unit:String} != '' AND egp_unit({level:String}, {structure:String}, owner_agency) = {unit:String}))
  ORDER BY due_at ASC, dossier_code ASC
  LIMIT {limit:UInt32} + {offset:UInt32}
)
WHERE sign > 0
ORDER BY due_at ASC, dossier_code ASC
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
