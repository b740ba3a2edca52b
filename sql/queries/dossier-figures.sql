-- Dossier figures of kpi.md for every unit of a level (or the nation), for consecutive points
-- (sub-periods) of a period, in one pass over the per-dossier state.
-- Each dossier yields, per figure, the index of the point it falls in (0: none):
--   r  received in point i        f  finished in point i        c  closed without result in point i
--   pa first point whose T has received_at <= T            (pending from there on …)
--   pb first point whose T has ended_at <= T, and >= pa   (… until there)
--   oa first point whose T has received_at <= T and due_at < T   (overdue from there on …)
--   ob first point whose T has ended_at <= T, and >= oa   (… until there)
-- The caller sums cumulatively: pending(i) = #pa<=i - #pb<=i, overdue(i) = #oa<=i - #ob<=i.
-- Point i covers [start_i, end_i) and is read at T_i = min(end_i, now); the egp_point* functions
-- (migration 008) find an instant's point by arithmetic, so a daily year costs what a month does.
-- Params: level ('national'|'province'|'ministry'), structure ('current'|'historical'), unit ('' = all),
--   start, end (the period), now (the period's T), grain ('all'|'day'|'week'|'month'), first (the first point's label).
WITH
  {start:DateTime64(6, 'UTC')} AS p_start,
  {end:DateTime64(6, 'UTC')} AS p_end,
  {now:DateTime64(6, 'UTC')} AS p_now,
  {first:Date} AS p_first,
  {grain:String} AS p_grain
SELECT
  unit,
  tag,
  idx,
  count() AS n,
  sum(on_time) AS on_time,
  toString(sum(dur_us)) AS dur_us,
  sum(dur_n) AS dur_n,
  sum(online) AS online,
  sum(paid_online) AS paid,
  sum(digitized) AS digitized
FROM
(
  SELECT
    unit,
    on_time,
    paid_online,
    digitized,
    channel = 2 AS online,
    received AND finished_at IS NOT NULL AS dur_n,
    if(dur_n, toUnixTimestamp64Micro(assumeNotNull(finished_at)) - toUnixTimestamp64Micro(assumeNotNull(received_at)), 0) AS dur_us,
    if(received, egp_point_inside(assumeNotNull(received_at), p_start, p_end, p_grain, p_first), 0) AS r,
    if(finished_at IS NOT NULL, egp_point_inside(assumeNotNull(finished_at), p_start, p_end, p_grain, p_first), 0) AS f,
    if(closed_at IS NOT NULL, egp_point_inside(assumeNotNull(closed_at), p_start, p_end, p_grain, p_first), 0) AS c,
    if(received, egp_point_at_or_after(assumeNotNull(received_at), p_start, p_end, p_now, p_grain, p_first), 0) AS pa,
    if(ended_at IS NOT NULL, egp_point_at_or_after(assumeNotNull(ended_at), p_start, p_end, p_now, p_grain, p_first), 0) AS e_at,
    if(due_at IS NOT NULL, egp_point_after(assumeNotNull(due_at), p_start, p_end, p_now, p_grain, p_first), 0) AS d_at,
    if(pa > 0 AND d_at > 0, greatest(pa, d_at), 0) AS oa,
    if(pa > 0 AND e_at > 0, greatest(pa, e_at), 0) AS pb,
    if(oa > 0 AND e_at > 0, greatest(oa, e_at), 0) AS ob,
    arrayJoin(arrayFilter(x -> x.2 > 0, [('r', r), ('f', f), ('c', c), ('pa', pa), ('pb', pb), ('oa', oa), ('ob', ob)])) AS t,
    t.1 AS tag,
    t.2 AS idx
  FROM dossier_in_unit(level = {level:String}, structure = {structure:String})
  WHERE {level:String} = 'national' OR (unit != '' AND ({unit:String} = '' OR unit = {unit:String}))
)
GROUP BY unit, tag, idx
