-- Dossier figures of kpi.md per unit of a level (or the nation) and per point (sub-period) of a
-- period, read from the per-(agency, day) aggregates (ADR 011): rows grow with agencies × days,
-- not with dossiers. Period counts cover the days of each point; pending_d / overdue_d are the
-- changes of the at-T counts filed on the point's days before `today` (the caller adds the sum
-- before the period, dossier-figures-before.sql, and today's instants, dossier-figures-now.sql).
-- Whole months inside the period are read from dossier_month, only the days at its ends from dossier_day.
-- Params: level ('national'|'province'|'ministry'), structure, unit ('' = all units of the level), by ('unit', or
--   'agency' / 'procedure': one row per agency / procedure of the unit instead), day_table and month_table
--   (dossier_day/_month, or dossier_proc_day/_month for procedures),
--   first_day, last_day (the period, inclusive), today, grain ('all'|'day'|'week'|'month'), first (the first point's label).
WITH
  {first_day:Date} AS p_first_day,
  {last_day:Date} AS p_last_day,
  {today:Date} AS p_today,
  {first:Date} AS p_first,
  {grain:String} AS p_grain,
  -- whole months of the period, each inside one point and ended before today, are read from dossier_month
  p_grain IN ('all', 'month') AS by_month,
  if(by_month, addMonths(toStartOfMonth(p_first_day - 1), 1), toDate('2200-01-01')) AS m_from,
  if(by_month, least(toStartOfMonth(p_last_day + 1), toStartOfMonth(p_today)), toDate('2200-01-01')) AS m_to
SELECT
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
  sumIf(pending_d, last_of < p_today) AS pending_d,
  sumIf(overdue_d, last_of < p_today) AS overdue_d
FROM
(
  SELECT
    day AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    multiIf(p_grain = 'day', dateDiff('day', p_first, day) + 1,
            p_grain = 'week', intDiv(dateDiff('day', p_first, day), 7) + 1,
            p_grain = 'month', dateDiff('month', p_first, toStartOfMonth(day)) + 1,
            1) AS idx
  FROM {day_table:Identifier}
  WHERE day >= p_first_day AND day <= p_last_day AND NOT (day >= m_from AND day < m_to)
  UNION ALL
  SELECT
    toLastDayOfMonth(month) AS last_of, agency_code, procedure_code, egp_unit({level:String}, {structure:String}, agency_code) AS unit, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    if(p_grain = 'month', dateDiff('month', p_first, month) + 1, 1) AS idx
  FROM {month_table:Identifier}
  WHERE month >= m_from AND month < m_to
) AS d
WHERE {level:String} = 'national' OR (d.unit != '' AND ({unit:String} = '' OR d.unit = {unit:String}))
GROUP BY unit_code, idx
