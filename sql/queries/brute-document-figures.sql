-- Bench and tests only: the document figures of kpi.md computed a second, independent way, per
-- exchange from exchange_state (min times per status, a materialized view over the raw events),
-- to check the aggregates of document-figures*.sql. Params: level, structure, start, end, T.
WITH
  toDateTime64('2299-12-31 23:59:59', 6, 'UTC') AS none,
  {start:DateTime64(6, 'UTC')} AS p_start,
  {end:DateTime64(6, 'UTC')} AS p_end,
  {T:DateTime64(6, 'UTC')} AS t
SELECT
  unit,
  countIf(role = 's' AND in_period) AS sent,
  countIf(role = 'r' AND in_period) AS received,
  countIf(role = 'r' AND in_period AND accepted_at != none) AS accepted,
  countIf(role = 'r' AND in_period AND refused_at != none) AS refused,
  toString(quantileExactIf(0.5)(latency_us, role = 'r' AND in_period AND accepted_at != none)) AS p50_us,
  toString(quantileExactIf(0.95)(latency_us, role = 'r' AND in_period AND accepted_at != none)) AS p95_us,
  countIf(role = 'r' AND sent_at <= t - INTERVAL 24 HOUR AND NOT (arrived_at <= t) AND NOT (refused_at <= t)) AS unacknowledged
FROM
(
  SELECT
    e.*,
    sent_at >= p_start AND sent_at < p_end AS in_period,
    toUnixTimestamp64Micro(accepted_at) - toUnixTimestamp64Micro(sent_at) AS latency_us,
    arrayJoin([(fu.unit, 's'), (tu.unit, 'r')]) AS ur,
    ur.1 AS unit,
    ur.2 AS role
  FROM
  (
    SELECT document_id, from_agency, to_agency, min(sent_at) AS sent_at, min(arrived_at) AS arrived_at,
           min(accepted_at) AS accepted_at, min(refused_at) AS refused_at
    FROM exchange_state
    GROUP BY document_id, from_agency, to_agency
    HAVING sent_at != none
  ) AS e
  LEFT ANY JOIN unit_of_agency(level = {level:String}, structure = {structure:String}) AS fu ON e.from_agency = fu.agency_code
  LEFT ANY JOIN unit_of_agency(level = {level:String}, structure = {structure:String}) AS tu ON e.to_agency = tu.agency_code
)
WHERE unit != ''
GROUP BY unit
