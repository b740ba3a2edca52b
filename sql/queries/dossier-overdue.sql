-- The overdue cases of a unit (or the nation) at T (kpi.md): received_at <= T, due_at < T, no
-- ended_at <= T, in the order due_at, then dossier_code. Read from dossier_overdue_cases (ADR 011):
-- a dossier's rows there are +1 and −1 (a changed dossier's old row taken back), so a case is a
-- key whose signs sum to 1. Its key starts with the end (ended_key; 2299-12-31 for a dossier not
-- ended), then due_at and dossier_code, and it has a projection by the owner's code read from its
-- end (migration 019). Two readings, the same cases (core/kpi/dossiers.ts#overdueCaseList picks):
--   in order (section in_order; the nation, and a unit that holds many of its level's cases): the
--     dossiers not ended are one range of the key already in the list's order, so a page of them
--     is read in order and the read stops after it; FINAL collapses their rows (they alternate +1,
--     −1 on one key, so FINAL keeps a +1 exactly when the sum is 1; every condition there is on
--     key columns, the unit's too: owner_agency). Those that ended after T are added up below.
--     FINAL reads one stream (max_final_threads = 1): split across threads, each thread's key
--     range is read to its end and the LIMIT no longer stops the read (a national page 250 ms
--     against 37; ADR 011, session 17).
--   a unit (section unit): its agencies, from the registry, as a set of the projection's key, so
--     only their rows are read and added up (with in_order: only those that ended after T). The
--     set is the unit's filter, written once: it holds exactly the agencies whose egp_unit is the
--     unit (ADR 011, session 26).
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
-- @if in_order
  SELECT dossier_code, owner_agency, procedure_code, received_at, due_at, sign AS net
  FROM dossier_overdue_cases FINAL
  WHERE ended_key = not_ended AND due_at < {T:DateTime64(6, 'UTC')} AND received_at <= {T:DateTime64(6, 'UTC')}
    AND ({level:String} = 'national' OR egp_unit({level:String}, {structure:String}, owner_agency) = {unit:String})
  ORDER BY due_at ASC, dossier_code ASC
  LIMIT {limit:UInt32} + {offset:UInt32}
  UNION ALL
-- @end
  SELECT dossier_code, owner_agency, procedure_code, received_at, due_at, toInt8(sum(sign)) AS net
  FROM dossier_overdue_cases
  WHERE ended_key > {T:DateTime64(6, 'UTC')}
    AND due_at < {T:DateTime64(6, 'UTC')}
    AND received_at <= {T:DateTime64(6, 'UTC')}
-- @if in_order
    AND ended_key < not_ended
-- @end
-- @if unit
    AND {unit:String} != ''
    AND reverse(owner_agency) IN (SELECT reverse(agency_code) FROM dictionary('agency_unit_dict')
                                  WHERE egp_unit({level:String}, {structure:String}, agency_code) = {unit:String})
-- @end
  GROUP BY ended_key, due_at, dossier_code, owner_agency, procedure_code, received_at
  HAVING sum(sign) > 0
  ORDER BY due_at ASC, dossier_code ASC
  LIMIT {limit:UInt32} + {offset:UInt32}
)
WHERE net > 0
ORDER BY due_at ASC, dossier_code ASC
LIMIT {limit:UInt32} OFFSET {offset:UInt32}
SETTINGS max_final_threads = 1
