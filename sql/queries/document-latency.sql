-- Latency percentiles per recipient unit (kpi.md): over the exchanges sent in the period that have
-- an accepted_at, accepted_at − sent_at, with quantileExact. Reads only the exchanges sent in the
-- period (exchange_latency, ADR 011). A latency row's key gets +1 when an exchange's state first
-- has it and −1 in a later batch if that state changes (a batch nets its own pairs out), never a
-- third row: FINAL collapses each key to its +1 exactly when the key's sum is 1, and is read as
-- sorted streams, 2–3× faster than grouping the five columns (ADR 011, session 17).
-- Rows are grouped by the number of their unit (egp_unit_index, migration 023), and each group is
-- named once, by the unit of any of its agencies: a string per row cost more than the quantiles
-- (ADR 011, session 26). The group of agencies with no unit (and of those not in the registry) is
-- named '' and left out.
-- Params: level, structure, first_day, last_day.
SELECT
  egp_unit({level:String}, {structure:String}, any_agency) AS unit_code,
  toString(q[1]) AS p50_us,
  toString(q[2]) AS p95_us,
  n
FROM
(
  SELECT
    egp_unit_index({level:String}, {structure:String}, to_agency) AS unit_index,
    any(to_agency) AS any_agency,
    quantilesExact(0.5, 0.95)(latency_us) AS q,
    count() AS n
  FROM exchange_latency FINAL
  WHERE sent_day >= {first_day:Date} AND sent_day <= {last_day:Date} AND sign > 0
  GROUP BY unit_index
)
WHERE unit_code != ''
