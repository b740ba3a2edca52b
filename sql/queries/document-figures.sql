-- Document figures of kpi.md per unit of a level, read from the per-(agency, day) aggregates
-- (ADR 011): sent counts for the sender's unit, received / accepted / refused for the
-- recipient's, on the day of sent_at; unack_d changes the unacknowledged count at T (the caller
-- adds the changes filed before the period, document-figures-before.sql, and today's instants,
-- document-figures-now.sql). Whole months ended before today come from document_month.
-- Params: level, structure, first_day, last_day, today.
WITH
  {first_day:Date} AS p_first_day,
  {last_day:Date} AS p_last_day,
  {today:Date} AS p_today,
  addMonths(toStartOfMonth(p_first_day - 1), 1) AS m_from,
  least(toStartOfMonth(p_last_day + 1), toStartOfMonth(p_today)) AS m_to
SELECT
  egp_unit({level:String}, {structure:String}, d.agency_code) AS unit_code,
  sum(sent) AS sent,
  sum(received) AS received,
  sum(accepted) AS accepted,
  sum(refused) AS refused,
  sumIf(unack_d, last_of < p_today) AS unack_d
FROM
(
  SELECT day AS last_of, agency_code, sent, received, accepted, refused, unack_d
  FROM document_day
  WHERE day >= p_first_day AND day <= p_last_day AND NOT (day >= m_from AND day < m_to)
  UNION ALL
  SELECT toLastDayOfMonth(month) AS last_of, agency_code, sent, received, accepted, refused, unack_d
  FROM document_month
  WHERE month >= m_from AND month < m_to
) AS d
WHERE unit_code != ''
GROUP BY unit_code
