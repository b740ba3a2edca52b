-- Bench only: the dossier figures of kpi.md for one period, computed a second, independent way,
-- straight from the raw events with window functions (no per-dossier state table), to check
-- dossier-figures.sql. Params: level, structure, start, end, T, unit ('' = every unit), by ('unit', or 'agency' /
-- 'procedure': per owner agency / procedure), shards and shard (the dossiers whose code hashes to
-- `shard` modulo `shards`: its sums are those dossiers' part, so that a large store is read in parts).
WITH
  ev AS (SELECT * FROM dossier_events WHERE cityHash64(dossier_code) % {shards:UInt32} = {shard:UInt32} ORDER BY ingested_at LIMIT 1 BY event_id),
  ranked AS (
    SELECT *,
      row_number() OVER w AS rn,
      sum(status IN (3, 7, 8, 9, 10)) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS terminals_before
    FROM ev
    WINDOW w AS (PARTITION BY dossier_code ORDER BY occurred_at, status, event_id)
  ),
  d AS (
    SELECT
      dossier_code,
      countIf(status = 2) > 0 AS is_received,
      if(is_received, argMinIf(agency_code, rn, status = 2), argMin(agency_code, rn)) AS owner,
      if(is_received, argMinIf(procedure_code, rn, status = 2), argMin(procedure_code, rn)) AS procedure,
      argMinIf(ifNull(received_at, occurred_at), rn, status = 2) AS recv_at,
      argMaxIf(status, rn, status IN (3, 7, 8, 9, 10)) AS end_status,
      argMaxIf(ifNull(finished_at, occurred_at), rn, status IN (9, 10)) AS fin_at,
      argMaxIf(occurred_at, rn, status IN (3, 7, 8)) AS close_at,
      countIf(due_at IS NOT NULL) > 0 AS has_due,
      argMaxIf(due_at, rn, due_at IS NOT NULL) AS due,
      argMinIf(channel, rn, channel IS NOT NULL) AS chan,
      max(ifNull(paid_online, 0)) AS paid,
      max(ifNull(digitized, 0)) AS dig
    FROM ranked
    WHERE terminals_before = 0
    GROUP BY dossier_code
  ),
  u AS (SELECT agency_code, unit FROM unit_of_agency(level = {level:String}, structure = {structure:String}))
SELECT
  multiIf({by:String} = 'procedure', d.procedure, {by:String} = 'agency', d.owner, {level:String} = 'national', '', u.unit) AS unit,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')}) AS received,
  countIf(end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')}) AS resolved,
  countIf(end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')} AND (NOT has_due OR fin_at <= due)) AS on_time,
  countIf(is_received AND recv_at <= {T:DateTime64(6, 'UTC')}
          AND NOT (end_status IN (9, 10) AND fin_at <= {T:DateTime64(6, 'UTC')})
          AND NOT (end_status IN (3, 7, 8) AND close_at <= {T:DateTime64(6, 'UTC')})) AS pending,
  countIf(is_received AND recv_at <= {T:DateTime64(6, 'UTC')}
          AND NOT (end_status IN (9, 10) AND fin_at <= {T:DateTime64(6, 'UTC')})
          AND NOT (end_status IN (3, 7, 8) AND close_at <= {T:DateTime64(6, 'UTC')})
          AND has_due AND due < {T:DateTime64(6, 'UTC')}) AS overdue,
  countIf(end_status IN (3, 7, 8) AND close_at >= {start:DateTime64(6, 'UTC')} AND close_at < {end:DateTime64(6, 'UTC')}) AS closed_unresolved,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND chan = 2) AS online,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND paid = 1) AS paid_online,
  countIf(is_received AND recv_at >= {start:DateTime64(6, 'UTC')} AND recv_at < {end:DateTime64(6, 'UTC')} AND dig = 1) AS digitized,
  toString(sumIf(toUnixTimestamp64Micro(fin_at) - toUnixTimestamp64Micro(recv_at),
        is_received AND end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')})) AS dur_us,
  countIf(is_received AND end_status IN (9, 10) AND fin_at >= {start:DateTime64(6, 'UTC')} AND fin_at < {end:DateTime64(6, 'UTC')}) AS dur_n
FROM d
LEFT ANY JOIN u ON d.owner = u.agency_code
WHERE {level:String} = 'national' OR (u.unit != '' AND ({unit:String} = '' OR u.unit = {unit:String}))
GROUP BY unit
