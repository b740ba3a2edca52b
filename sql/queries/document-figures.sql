-- Document figures of kpi.md per unit of a level, read from the per-(agency, day) aggregates
-- (ADR 011): sent counts for the sender's unit, received / accepted / refused for the
-- recipient's, on the day of sent_at. unack is the unacknowledged count at T, the sum of three
-- parts in one query: the changes filed on the period's days before `today`, every change filed
-- before `cutoff` = min(the period's first day, today), and today's changes that have happened by
-- `now` (only when has_now = 1; an inclusive boundary counts when x <= now, a strict one when x < now).
-- Whole months are read from document_month, only the days at their ends from document_day.
-- Parts that would read nothing are left out of the text (sections before_days, period_days and
-- period_months: core/kpi/period.ts#partsRead; has_now), since the engine analyses and plans every part it is given.
-- Params: level, structure, first_day, last_day, today, cutoff, month_from and month_to (the whole
--   months, [from, to) of their first days: core/kpi/period.ts#wholeMonths), has_now, now.
WITH
  {first_day:Date} AS p_first_day,
  {last_day:Date} AS p_last_day,
  {today:Date} AS p_today,
  {cutoff:Date} AS p_cutoff,
  {month_from:Date} AS m_from,
  {month_to:Date} AS m_to
SELECT
  egp_unit({level:String}, {structure:String}, d.agency_code) AS unit_code,
  sum(sent) AS sent,
  sum(received) AS received,
  sum(accepted) AS accepted,
  sum(refused) AS refused,
  sumIf(unack_d, last_of < p_today) AS unack_d
FROM
(
  -- before the period: counted whatever their day (last_of before today); first, naming the columns
  SELECT toDate('1970-01-01') AS last_of, agency_code, 0 AS sent, 0 AS received, 0 AS accepted, 0 AS refused, unack_d
  FROM document_month WHERE month < toStartOfMonth(p_cutoff)
-- @if before_days
  UNION ALL
  SELECT toDate('1970-01-01') AS last_of, agency_code, 0, 0, 0, 0, unack_d FROM document_day WHERE day >= toStartOfMonth(p_cutoff) AND day < p_cutoff
-- @end
-- @if period_days
  UNION ALL
  SELECT day AS last_of, agency_code, sent, received, accepted, refused, unack_d
  FROM document_day
  WHERE day >= p_first_day AND day <= p_last_day AND NOT (day >= m_from AND day < m_to)
-- @end
-- @if period_months
  UNION ALL
  SELECT toLastDayOfMonth(month) AS last_of, agency_code, sent, received, accepted, refused, unack_d
  FROM document_month
  WHERE month >= m_from AND month < m_to
-- @end
  -- today, by now (left out of the text without has_now: core/queries.ts)
-- @if has_now
  UNION ALL
  SELECT toDate('1970-01-01') AS last_of, agency_code, 0, 0, 0, 0, unack_d
  FROM document_instant
  WHERE {has_now:UInt8} = 1 AND day = p_today AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
-- @end
) AS d
WHERE unit_code != ''
GROUP BY unit_code
