-- Latency percentiles per recipient unit (kpi.md): over the exchanges sent in the period that have
-- an accepted_at, accepted_at − sent_at, with quantileExact. Reads only the exchanges sent in the
-- period (exchange_latency, ADR 011); a row and its cancelling −1 row sum to nothing.
-- Params: level, structure, first_day, last_day.
SELECT
  egp_unit({level:String}, {structure:String}, l.to_agency) AS unit_code,
  toString(quantileExact(0.5)(latency_us)) AS p50_us,
  toString(quantileExact(0.95)(latency_us)) AS p95_us,
  count() AS n
FROM
(
  SELECT to_agency, latency_us
  FROM exchange_latency
  WHERE sent_day >= {first_day:Date} AND sent_day <= {last_day:Date}
  GROUP BY sent_day, to_agency, document_id, from_agency, latency_us
  HAVING sum(sign) > 0
) AS l
WHERE unit_code != ''
GROUP BY unit_code
