-- Dossier figures of kpi.md for the agencies or the procedures of one unit ("Agencies and
-- procedures of a unit"): the unit's dossiers grouped by their owner agency (by = 'agency') or their
-- procedure (by = 'procedure'), one period, read at T = {now}. The same rules as dossier-figures.sql,
-- for a single point: received / finished / closed in [start, end); pending and overdue at T.
-- Every key with at least one dossier of the unit is a row, even when all its figures are 0.
-- Params: level ('province'|'ministry'), structure, unit, by, start, end, now.
WITH
  {start:DateTime64(6, 'UTC')} AS p_start,
  {end:DateTime64(6, 'UTC')} AS p_end,
  {now:DateTime64(6, 'UTC')} AS p_now
SELECT
  if({by:String} = 'agency', owner_agency, procedure_code) AS key,
  countIf(r) AS n_received,
  countIf(r AND channel = 2) AS n_online,
  countIf(r AND paid_online) AS n_paid,
  countIf(r AND digitized) AS n_digitized,
  countIf(f) AS n_resolved,
  countIf(f AND on_time) AS n_on_time,
  toString(sumIf(toUnixTimestamp64Micro(assumeNotNull(finished_at)) - toUnixTimestamp64Micro(assumeNotNull(received_at)), f AND received)) AS n_dur_us,
  countIf(f AND received) AS n_dur_n,
  countIf(closed_at IS NOT NULL AND closed_at >= p_start AND closed_at < p_end) AS n_closed,
  countIf(is_pending) AS n_pending,
  countIf(is_pending AND due_at IS NOT NULL AND due_at < p_now) AS n_overdue
FROM
(
  SELECT
    *,
    received AND received_at >= p_start AND received_at < p_end AS r,
    finished_at IS NOT NULL AND finished_at >= p_start AND finished_at < p_end AS f,
    received AND received_at <= p_now AND NOT (ended_at IS NOT NULL AND ended_at <= p_now) AS is_pending
  FROM dossier_in_unit(level = {level:String}, structure = {structure:String})
  WHERE unit != '' AND unit = {unit:String}
)
GROUP BY key
ORDER BY key
