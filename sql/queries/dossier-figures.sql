-- Dossier figures of kpi.md per unit of one or more levels (or the nation) and per point (sub-period)
-- of one or two periods, read from the per-(agency, day) aggregates (ADR 011): rows grow with
-- agencies × days, not with dossiers. One query for everything a page shows of a period and the
-- period it is compared with (a query's planning costs more than its reading), in three parts:
--   part 'p': the period. Counts cover the days of each point (idx); pending_d / overdue_d are the
--             changes of the at-T counts filed on the point's days before the period's `today`.
--   part 'b': the at-T counts at the start of the period: every change filed before the period's
--             `cutoff` = min(its first day, its today) (idx 0): those of the months before the
--             cutoff's (month table) or, with from_total = 1, all changes ever filed (total table)
--             less those of the cutoff's month and after (month table), whichever reads fewer
--             months; plus those of the cutoff's month before the cutoff (day table).
--   part 'n': today's changes that have happened by `now` (period 1 only, when has_now = 1; idx 0):
--             an inclusive boundary counts when x <= now, a strict one when x < now.
--   part 'k': with listed = 1, the dossiers each agency (and procedure) has ever counted, in `received`
--             (a procedure is listed for a unit once it has a dossier there at any time).
-- `per` says which period a row is for: 1, 2, or 0 for both.
-- Parts that would read nothing are left out of the text (sections before_days, period_days and
-- period_months: core/kpi/period.ts#partsRead; from_total, listed, has_now; unit / unit_rows /
-- unit_key (and unit_key_now with it) for the unit's filter; row_units / no_row_units for the rows' units:
-- core/queries.ts), since the engine analyses and plans every part it is given.
-- With unit_sums = 1 the tables are the unit sums, whose rows are per unit key, not per agency:
-- figures per unit (`by` 'unit', a level other than the nation alone: migration 020), and a unit's
-- procedures (`by` 'procedure': per unit key and procedure, migration 022; unit_key names the unit's key).
-- Whole months of a period are read from the month table, only the days at their ends from the day
-- table. Rows are grouped by the agencies' province and ministry (the levels asked) together, a few
-- dozen combinations: core/kpi/dossiers.ts adds them up per level (the nation is all of them).
-- Params: levels (some of 'national', 'province', 'ministry'), structure, unit ('' = every unit of
--   the levels; a code: that unit, of the one level asked), by ('unit', or 'agency' / 'procedure':
--   one row per agency / procedure of the unit instead), day_table, month_table and total_table
--   (dossier_day/_month/_at_total, or the unit or nation sums), grain ('all'|'day'|'week'|'month');
--   for each period k (1, 2): first_day_k, last_day_k (inclusive), first_k (its first point's label),
--   today_k (the day after a complete period), cutoff_k and cutoff_month_k (its month's first day),
--   month_from_k and month_to_k (the whole months read from the month table, [from, to)); has_2 (0:
--   period 2 is absent), from_total, has_now, now (period 1's T when it is inside today), listed. core/kpi/dossiers.ts
--   computes the days.
-- @if rollup
-- With rollup (a unit's trend and its agencies, core/kpi/dossiers.ts#trendAndAgencies): the rows
-- grouped below, added up again in the engine per point for the unit (by_key '') and per agency over
-- the whole period (its points' sums under point 1: a key's whole-period figures are the sums of all
-- its points and its at-T counts at the last, whichever point holds them; at-T parts as they are), so
-- a few hundred rows come back instead of agencies × points (JSON the engine writes and Node parses).
SELECT part, per, lvl, province_unit, ministry_unit, tupleElement(rk, 1) AS by_key, tupleElement(rk, 2) AS idx,
  sum(received) AS received, sum(online) AS online, sum(paid) AS paid, sum(digitized) AS digitized,
  sum(resolved) AS resolved, sum(on_time) AS on_time, toString(sum(toInt128(dur_us))) AS dur_us, sum(dur_n) AS dur_n,
  sum(closed) AS closed, sum(pending_d) AS pending_d, sum(overdue_d) AS overdue_d
FROM (
-- @end
WITH
  {grain:String} AS p_grain,
  {by:String} AS p_by,
  {levels:Array(String)} AS p_levels,
  {has_2:UInt8} = 1 AS has_2,
  {from_total:UInt8} = 1 AS from_total,
  {first_day_1:Date} AS f1,
  {last_day_1:Date} AS l1,
  {first_1:Date} AS pt1,
  {today_1:Date} AS t1,
  {cutoff_1:Date} AS c1,
  {cutoff_month_1:Date} AS cm1,
  {month_from_1:Date} AS mf1,
  {month_to_1:Date} AS mt1,
  {first_day_2:Date} AS f2,
  {last_day_2:Date} AS l2,
  {first_2:Date} AS pt2,
  {today_2:Date} AS t2,
  {cutoff_2:Date} AS c2,
  {cutoff_month_2:Date} AS cm2,
  {month_from_2:Date} AS mf2,
  {month_to_2:Date} AS mt2,
  {unit_sums:UInt8} = 1 AS unit_sums,
  -- with unit_sums, a row of the unit tables counts in its key's level alone ('-': a province of the
  -- other structure, counted nowhere); a row of an agency (every row otherwise, and today's changes) in every level asked
  multiIf(NOT unit_sums OR d.part = 'n', '',
          d.agency_code = 'national:', 'national',
          startsWith(d.agency_code, concat('province/', {structure:String}, ':')), 'province',
          startsWith(d.agency_code, 'ministry:'), 'ministry',
          '-') AS lvl,
-- @if row_units
  substring(d.agency_code, position(d.agency_code, ':') + 1) AS key_unit,
  -- the row's unit in each level asked ('' for a level not asked, and for none)
  if(has(p_levels, 'province'), multiIf(lvl = '', egp_unit('province', {structure:String}, d.agency_code), lvl = 'province', key_unit, ''), '') AS province_unit,
  if(has(p_levels, 'ministry'), multiIf(lvl = '', egp_unit('ministry', {structure:String}, d.agency_code), lvl = 'ministry', key_unit, ''), '') AS ministry_unit,
-- @end
-- @if no_row_units
  -- by agency or procedure the rows are keyed by by_key alone, and the nation's by nothing (their
  -- units are unread, and cost the query's analysis some 3–10 ms when written out: ADR 011, session 27)
  '' AS province_unit,
  '' AS ministry_unit,
-- @end
  -- with `by` agency or procedure: the row's agency or procedure
  multiIf(p_by = 'procedure', d.procedure_code, p_by = 'agency', d.agency_code, '') AS by_key
SELECT
  part,
  per,
  lvl,
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
  -- first, naming the columns: the parts after it are each left out when they would read nothing
  SELECT 'b' AS part, month AS last_of, agency_code, procedure_code,
    0 AS received, 0 AS online, 0 AS paid, 0 AS digitized, 0 AS resolved, 0 AS on_time, 0 AS dur_us, 0 AS dur_n, 0 AS closed,
    if(from_total, -pending_d, pending_d) AS pending_d, if(from_total, -overdue_d, overdue_d) AS overdue_d,
    multiIf(NOT has_2, 1, if(from_total, month >= cm1 AND month >= cm2, month < cm1 AND month < cm2), 0, if(from_total, month >= cm1, month < cm1), 1, 2) AS per, 0 AS idx
  FROM {month_table:Identifier}
  WHERE if(from_total, month >= cm1 OR (has_2 AND month >= cm2), month < cm1 OR (has_2 AND month < cm2))
-- @if before_days
  UNION ALL
  SELECT 'b' AS part, day AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d,
    multiIf(NOT has_2, 1,
            day >= cm1 AND day < c1 AND day >= cm2 AND day < c2, 0,
            day >= cm1 AND day < c1, 1,
            2) AS per, 0 AS idx
  FROM {day_table:Identifier}
  WHERE (day >= cm1 AND day < c1) OR (has_2 AND day >= cm2 AND day < c2)
-- @end
-- @if period_days
  UNION ALL
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
-- @end
-- @if period_months
  UNION ALL
  SELECT
    'p' AS part, toLastDayOfMonth(month) AS last_of, agency_code, procedure_code, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d,
    if(month >= mf1 AND month < mt1, 1, 2) AS per,
    if(p_grain = 'month', dateDiff('month', if(per = 1, pt1, pt2), month) + 1, 1) AS idx
  FROM {month_table:Identifier}
  WHERE (month >= mf1 AND month < mt1) OR (has_2 AND month >= mf2 AND month < mt2)
-- @end
-- @if from_total
  UNION ALL
  SELECT 'b' AS part, toDate('1970-01-01') AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d,
    if(has_2, 0, 1) AS per, 0 AS idx
  FROM {total_table:Identifier}
  WHERE from_total
-- @end
-- @if listed
  UNION ALL
  SELECT 'k' AS part, toDate('1970-01-01') AS last_of, agency_code, procedure_code, dossiers, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 AS per, 0 AS idx
  FROM {total_table:Identifier}
  WHERE {listed:UInt8} = 1
-- @end
-- @if has_now
  UNION ALL
  SELECT 'n' AS part, day AS last_of, agency_code, procedure_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, pending_d, overdue_d, 1 AS per, 0 AS idx
  FROM dossier_instant
  WHERE {has_now:UInt8} = 1 AND day = t1
    AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
-- @end
) AS d
-- @if unit
-- the unit's agencies (province_unit or ministry_unit is the unit: the same egp_unit of the same
-- agency), as a set of the tables' projection key (migration 018), so that only the unit's rows are
-- read; from the dictionary's agencies (in memory). Written once: comparing the unit expressions as
-- well cost their analysis again (ADR 011, session 25).
WHERE reverse(d.agency_code) IN (SELECT reverse(agency_code) FROM dictionary('agency_unit_dict')
  WHERE (has({levels:Array(String)}, 'province') AND egp_unit('province', {structure:String}, agency_code) = {unit:String})
     OR (has({levels:Array(String)}, 'ministry') AND egp_unit('ministry', {structure:String}, agency_code) = {unit:String}))
-- @end
-- @if unit_rows
WHERE province_unit = {unit:String} OR ministry_unit = {unit:String}
-- @end
-- @if unit_key
-- a unit's procedures (the unit procedure sums, migration 022, sorted by key): the rows of its key
-- (one range of each table), a condition on the key column alone, so that the engine reads those
-- ranges only
WHERE d.agency_code = {unit_key:String}
-- @end
-- @if unit_key_now
-- and today's changes of its agencies (per agency; part 'n', only when the period's T is now: the
-- set costs the query's analysis some 7 ms, ADR 011, session 27)
   OR d.agency_code IN (SELECT agency_code FROM dictionary('agency_unit_dict')
        WHERE (has({levels:Array(String)}, 'province') AND egp_unit('province', {structure:String}, agency_code) = {unit:String})
           OR (has({levels:Array(String)}, 'ministry') AND egp_unit('ministry', {structure:String}, agency_code) = {unit:String}))
-- @end
GROUP BY part, per, idx, lvl, province_unit, ministry_unit, by_key
-- @if rollup
) AS g
ARRAY JOIN if(g.part = 'k', [(g.by_key, g.idx)],
              [(g.by_key, if(g.part = 'p', 1, g.idx)), ('', g.idx)]) AS rk
GROUP BY part, per, lvl, province_unit, ministry_unit, by_key, idx
-- @end
