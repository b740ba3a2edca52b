-- Dossier figures of kpi.md per unit of one or more levels (or the nation) and per point (sub-period)
-- of one or two periods, read from the per-(agency, day) aggregates (ADR 011): rows grow with
-- agencies × days, not with dossiers. One query for everything a page shows of a period and the
-- period it is compared with (a query's planning costs more than its reading), in three parts:
--   part 'p': the period. Counts cover the days of each point (idx); pending_d / overdue_d are the
--             changes of the at-T counts filed on the point's days before the period's `today`.
--   part 'b': the at-T counts at the start of the period: every change filed before the period's
--             `cutoff` = min(its first day, its today) (idx 0).
--   part 'n': today's changes that have happened by `now` (period 1 only, when has_now = 1; idx 0):
--             an inclusive boundary counts when x <= now, a strict one when x < now.
-- `per` says which period a row is for: 1, 2, or 0 for both (at-T changes before both cutoffs).
-- Whole months of a period are read from the month table, only the days at their ends from the day
-- table. Rows are grouped by the agencies' province and ministry (the levels asked) together, a few
-- dozen combinations: core/kpi/dossiers.ts adds them up per level (the nation is all of them).
-- Params: levels (some of 'national', 'province', 'ministry'), structure, unit ('' = every unit of
--   the levels; a code: that unit, of the one level asked), by ('unit', or 'agency' / 'procedure':
--   one row per agency / procedure of the unit instead), day_table and month_table (dossier_day/_month,
--   or dossier_proc_day/_month for procedures), grain ('all'|'day'|'week'|'month'); for each period
--   k (1, 2): first_day_k, last_day_k (inclusive), first_k (its first point's label), today_k (the day
--   after a complete period), cutoff_k; has_2 (0: period 2 is absent), has_now, now (period 1's T
--   when it is inside today).
WITH
  {grain:String} AS p_grain,
  {by:String} AS p_by,
  {levels:Array(String)} AS p_levels,
  {has_2:UInt8} = 1 AS has_2,
  {first_day_1:Date} AS f1,
  {last_day_1:Date} AS l1,
  {first_1:Date} AS pt1,
  {today_1:Date} AS t1,
  {cutoff_1:Date} AS c1,
  {first_day_2:Date} AS f2,
  {last_day_2:Date} AS l2,
  {first_2:Date} AS pt2,
  {today_2:Date} AS t2,
  {cutoff_2:Date} AS c2,
  -- whole months of a period, each inside one point and ended before its today, are read from the month table
  p_grain IN ('all', 'month') AS by_month,
  if(by_month, addMonths(toStartOfMonth(f1 - 1), 1), toDate('2200-01-01')) AS mf1,
  if(by_month, least(toStartOfMonth(l1 + 1), toStartOfMonth(t1)), toDate('2200-01-01')) AS mt1,
  if(by_month AND has_2, addMonths(toStartOfMonth(f2 - 1), 1), toDate('2200-01-01')) AS mf2,
  if(by_month AND has_2, least(toStartOfMonth(l2 + 1), toStartOfMonth(t2)), toDate('2200-01-01')) AS mt2,
  -- the row's unit in each level asked ('' for a level not asked, and for none), or its agency / procedure with `by`
  if(has(p_levels, 'province'), egp_unit('province', {structure:String}, d.agency_code), '') AS province_unit,
  if(has(p_levels, 'ministry'), egp_unit('ministry', {structure:String}, d.agency_code), '') AS ministry_unit,
  multiIf(p_by = 'procedure', d.procedure_code, p_by = 'agency', d.agency_code, '') AS by_key
SELECT
  part,
  per,
  province_unit,
  ministry_unit,
  by_key,
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
  sumIf(pending_d, part != 'p' OR last_of < if(per = 1, t1, t2)) AS pending_d,
  sumIf(overdue_d, part != 'p' OR last_of < if(per = 1, t1, t2)) AS overdue_d
FROM
(
  SELECT
    'p' AS part, day AS last_of, agency_code, procedure_code, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    if(day >= f1 AND day <= l1 AND NOT (day >= mf1 AND day < mt1), 1, 2) AS per,
    multiIf(p_grain = 'day', dateDiff('day', if(per = 1, pt1, pt2), day) + 1,
            p_grain = 'week', intDiv(dateDiff('day', if(per = 1, pt1, pt2), day), 7) + 1,
            p_grain = 'month', dateDiff('month', if(per = 1, pt1, pt2), toStartOfMonth(day)) + 1,
            1) AS idx
  FROM {day_table:Identifier}
  WHERE (day >= f1 AND day <= l1 AND NOT (day >= mf1 AND day < mt1))
     OR (has_2 AND day >= f2 AND day <= l2 AND NOT (day >= mf2 AND day < mt2))
  UNION ALL
  SELECT
    'p' AS part, toLastDayOfMonth(month) AS last_of, agency_code, procedure_code, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    if(month >= mf1 AND month < mt1, 1, 2) AS per,
    if(p_grain = 'month', dateDiff('month', if(per = 1, pt1, pt2), month) + 1, 1) AS idx
  FROM {month_table:Identifier}
  WHERE (month >= mf1 AND month < mt1) OR (month >= mf2 AND month < mt2)
  UNION ALL
  SELECT 'b' AS part, month AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d,
    multiIf(NOT has_2, 1, month < toStartOfMonth(c1) AND month < toStartOfMonth(c2), 0, month < toStartOfMonth(c1), 1, 2) AS per, 0 AS idx
  FROM {month_table:Identifier}
  WHERE month < toStartOfMonth(c1) OR (has_2 AND month < toStartOfMonth(c2))
  UNION ALL
  SELECT 'b' AS part, day AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d,
    multiIf(NOT has_2, 1,
            day >= toStartOfMonth(c1) AND day < c1 AND day >= toStartOfMonth(c2) AND day < c2, 0,
            day >= toStartOfMonth(c1) AND day < c1, 1,
            2) AS per, 0 AS idx
  FROM {day_table:Identifier}
  WHERE (day >= toStartOfMonth(c1) AND day < c1) OR (has_2 AND day >= toStartOfMonth(c2) AND day < c2)
  UNION ALL
  SELECT 'n' AS part, day AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d, 1 AS per, 0 AS idx
  FROM dossier_instant
  WHERE {has_now:UInt8} = 1 AND day = t1
    AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
) AS d
WHERE {unit:String} = '' OR province_unit = {unit:String} OR ministry_unit = {unit:String}
GROUP BY part, per, idx, province_unit, ministry_unit, by_key
