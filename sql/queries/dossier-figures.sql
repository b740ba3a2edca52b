-- Dossier figures of kpi.md per unit of a level (or the nation) and per point (sub-period) of a
-- period, read from the per-(agency, day) aggregates (ADR 011): rows grow with agencies × days,
-- not with dossiers. One query, three parts (one query's planning instead of three):
--   part 'p': the period. Counts cover the days of each point (idx); pending_d / overdue_d are the
--             changes of the at-T counts filed on the point's days before `today`.
--   part 'b': the at-T counts at the start of the period: every change filed before
--             `cutoff` = min(the period's first day, today) (idx 0).
--   part 'n': today's changes that have happened by `now` (only when has_now = 1; idx 0): an
--             inclusive boundary counts when x <= now, a strict one when x < now.
-- Whole months are read from the month table, only the days at their ends from the day table.
-- Params: level ('national'|'province'|'ministry'), structure, unit ('' = all units of the level), by ('unit', or
--   'agency' / 'procedure': one row per agency / procedure of the unit instead), day_table and month_table
--   (dossier_day/_month, or dossier_proc_day/_month for procedures),
--   first_day, last_day (the period, inclusive), today, grain ('all'|'day'|'week'|'month'), first (the first point's label),
--   cutoff, has_now, now.
WITH
  {first_day:Date} AS p_first_day,
  {last_day:Date} AS p_last_day,
  {today:Date} AS p_today,
  {first:Date} AS p_first,
  {grain:String} AS p_grain,
  {cutoff:Date} AS p_cutoff,
  -- whole months of the period, each inside one point and ended before today, are read from the month table
  p_grain IN ('all', 'month') AS by_month,
  if(by_month, addMonths(toStartOfMonth(p_first_day - 1), 1), toDate('2200-01-01')) AS m_from,
  if(by_month, least(toStartOfMonth(p_last_day + 1), toStartOfMonth(p_today)), toDate('2200-01-01')) AS m_to
SELECT
  part,
  multiIf({by:String} = 'procedure', d.procedure_code, {by:String} = 'agency', d.agency_code, {level:String} = 'national', '', d.unit) AS unit_code,
  idx,
  sum(received) AS received,
  sum(online) AS online,
  sum(paid) AS paid,
  sum(digitized) AS digitized,
  sum(resolved) AS resolved,
  sum(on_time) AS on_time,
  toString(sum(dur_us)) AS dur_us,
  sum(dur_n) AS dur_n,
  sum(closed) AS closed,
  sumIf(pending_d, part != 'p' OR last_of < p_today) AS pending_d,
  sumIf(overdue_d, part != 'p' OR last_of < p_today) AS overdue_d
FROM
(
  SELECT
    'p' AS part, day AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    multiIf(p_grain = 'day', dateDiff('day', p_first, day) + 1,
            p_grain = 'week', intDiv(dateDiff('day', p_first, day), 7) + 1,
            p_grain = 'month', dateDiff('month', p_first, toStartOfMonth(day)) + 1,
            1) AS idx
  FROM {day_table:Identifier}
  WHERE day >= p_first_day AND day <= p_last_day AND NOT (day >= m_from AND day < m_to)
  UNION ALL
  SELECT
    'p' AS part, toLastDayOfMonth(month) AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    if(p_grain = 'month', dateDiff('month', p_first, month) + 1, 1) AS idx
  FROM {month_table:Identifier}
  WHERE month >= m_from AND month < m_to
  UNION ALL
  SELECT 'b' AS part, month AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d, 0 AS idx
  FROM {month_table:Identifier}
  WHERE month < toStartOfMonth(p_cutoff)
  UNION ALL
  SELECT 'b' AS part, day AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d, 0 AS idx
  FROM {day_table:Identifier}
  WHERE day >= toStartOfMonth(p_cutoff) AND day < p_cutoff
  UNION ALL
  SELECT 'n' AS part, day AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d, 0 AS idx
  FROM dossier_instant
  WHERE {has_now:UInt8} = 1 AND day = p_today
    AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
) AS d
WHERE {level:String} = 'national' OR (d.unit != '' AND ({unit:String} = '' OR d.unit = {unit:String}))
GROUP BY part, unit_code, idx
