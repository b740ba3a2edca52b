-- Which point of a period an instant falls in, for dossier-figures.sql. Points are whole days,
-- ISO weeks (from Monday) or months in Asia/Ho_Chi_Minh, numbered from 1 at the point labelled
-- `first`; grain 'all' is one point. Arithmetic on the Vietnamese date, not a search.
CREATE FUNCTION IF NOT EXISTS egp_point AS (y, grain, first) ->
  multiIf(grain = 'day', dateDiff('day', first, toDate(y, 'Asia/Ho_Chi_Minh')) + 1,
          grain = 'week', intDiv(dateDiff('day', first, toDate(y, 'Asia/Ho_Chi_Minh')), 7) + 1,
          grain = 'month', dateDiff('month', first, toStartOfMonth(toDate(y, 'Asia/Ho_Chi_Minh'))) + 1,
          1);

-- The point an instant y falls in, 0 outside [p_start, p_end).
CREATE FUNCTION IF NOT EXISTS egp_point_inside AS (y, p_start, p_end, grain, first) ->
  if(y >= p_start AND y < p_end, egp_point(y, grain, first), 0);

-- The first point i with y <= T_i, T_i = min(end_i, now); 0 for none. An instant at a point's
-- very end belongs to that point, hence the point of y − 1 µs.
CREATE FUNCTION IF NOT EXISTS egp_point_at_or_after AS (y, p_start, p_end, p_now, grain, first) ->
  if(y > p_end OR y > p_now, 0, if(y <= p_start, 1, egp_point(y - toIntervalMicrosecond(1), grain, first)));

-- The first point i with d < T_i; 0 for none.
CREATE FUNCTION IF NOT EXISTS egp_point_after AS (d, p_start, p_end, p_now, grain, first) ->
  if(d >= p_end OR d >= p_now, 0, if(d < p_start, 1, egp_point(d, grain, first)));
