-- Bench and tests only: the dossier figures of kpi.md for one period from the brute force's
-- per-dossier states (brute-dossier-states.sql, in the table `states`), to check dossier-figures.sql.
-- Params: states (the table), level, structure, start, end, T, unit ('' = every unit), by ('unit',
-- or 'agency' / 'procedure': per owner agency / procedure).
WITH
  u AS (SELECT agency_code, unit FROM unit_of_agency(level = {level:String}, structure = {structure:String}))
SELECT
  multiIf({by:String} = 'procedure', d.procedure, {by:String} = 'agency', d.owner, {level:String} = 'national', '', u.unit) AS unit,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')}) AS received,
  countIf(end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')}) AS resolved,
  countIf(end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')} AND (NOT has_due OR fin_at <= due)) AS on_time,
  countIf(is_received AND recv_at <= {T:DateTime64(6, 'UTC')}
          AND NOT (end_status IN (9, 10) AND fin_at <= {T:DateTime64(6, 'UTC')})
          AND NOT (end_status IN (3, 7, 8) AND close_at <= {T:DateTime64(6, 'UTC')})) AS pending,
  countIf(is_received AND recv_at <= {T:DateTime64(6, 'UTC')}
          AND NOT (end_status IN (9, 10) AND fin_at <= {T:DateTime64(6, 'UTC')})
          AND NOT (end_status IN (3, 7, 8) AND close_at <= {T:DateTime64(6, 'UTC')})
          AND has_due AND due < {T:DateTime64(6, 'UTC')}) AS overdue,
  countIf(end_status IN (3, 7, 8) AND close_at >= {start:DateTime64(6, 'UTC')} AND close_at < {end:DateTime64(6, 'UTC')}) AS closed_unresolved,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND chan = 2) AS online,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND paid = 1) AS paid_online,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND dig = 1) AS digitized,
  toString(sumIf(toInt128(toUnixTimestamp64Micro(fin_at)) - toUnixTimestamp64Micro(recv_at),
        is_received AND end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')})) AS dur_us,
  countIf(is_received AND end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')}) AS dur_n
FROM {states:Identifier} AS d
LEFT ANY JOIN u ON d.owner = u.agency_code
WHERE {level:String} = 'national' OR (u.unit != '' AND ({unit:String} = '' OR u.unit = {unit:String}))
GROUP BY unit
