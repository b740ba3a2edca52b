-- Latency percentiles per recipient unit (kpi.md): over the exchanges sent in the period that have
-- an accepted_at, accepted_at − sent_at, with quantileExact. Reads only the exchanges sent in the
-- period (exchange_latency, ADR 011). A latency row's key gets +1 when an exchange's state first
-- has it and −1 in a later batch if that state changes (a batch nets its own pairs out), never a
-- third row: FINAL collapses each key to its +1 exactly when the key's sum is 1, and is read as
-- sorted streams, 2–3× faster than grouping the five columns (ADR 011, session 17).
-- Params: level, structure, first_day, last_day.
SELECT
  egp_unit({level:String}, {structure:String}, l.to_agency) AS unit_code,
  toString(quantileExact(0.5)(latency_us)) AS p50_us,
  toString(quantileExact(0.95)(latency_us)) AS p95_us,
  count() AS n
FROM
(
  SELECT to_agency, latency_us
  FROM exchange_latency FINAL
  WHERE sent_day >= {first_day:Date} AND sent_day <= {last_day:Date} AND sign > 0
) AS l
WHERE unit_code != ''
GROUP BY unit_code
