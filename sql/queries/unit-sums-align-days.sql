-- Brings dossier_unit_day (or dossier_unit_month, or the procedure sums) in line with the agency → unit
-- mapping as it is now, in one insert (one part: a reader sees the sums before or after, never between; the
-- procedure sums in one per share of the unit keys, below): the rows of
-- the per-agency table added up per unit key now, less what the unit table holds. Batch marker rows
-- (on {marker_day}) are left as they are. Run between dossier batches only (ingest/unit-sums.ts).
-- The procedure sums are brought in line a share of the unit keys at a time (chunk of chunks, by
-- the key's hash; one chunk for the others): as one block they would not fit in the engine's memory
-- at national size, and every read of them is of one key, which is still seen before or after.
-- Params: agency_table and unit_table (dossier_day and dossier_unit_day, or the month tables; with
-- per_procedure = 1 dossier_proc_day and dossier_unit_proc_day, or their month tables: per unit key
-- and procedure), date_column (day, or month), marker_day, chunks and chunk.
SELECT d, k, p, sum(received) AS s1, sum(online) AS s2, sum(paid) AS s3, sum(digitized) AS s4, sum(resolved) AS s5, sum(on_time) AS s6,
  sum(dur_us) AS s7, sum(dur_n) AS s8, sum(closed) AS s9, sum(pending_d) AS s10, sum(overdue_d) AS s11, sum(dossiers) AS s12
FROM
(
  SELECT {date_column:Identifier} AS d, k, if({per_procedure:UInt8} = 1, procedure_code, '') AS p, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d, dossiers
  FROM {agency_table:Identifier}
  ARRAY JOIN arrayFilter(x -> cityHash64(x) % {chunks:UInt64} = {chunk:UInt64}, egp_unit_keys(agency_code)) AS k
  WHERE d != {marker_day:Date}
  UNION ALL
  SELECT {date_column:Identifier} AS d, agency_code AS k, procedure_code AS p, -received, -online, -paid, -digitized, -resolved, -on_time, -dur_us, -dur_n, -closed, -pending_d, -overdue_d, -dossiers
  FROM {unit_table:Identifier}
  WHERE d != {marker_day:Date} AND cityHash64(agency_code) % {chunks:UInt64} = {chunk:UInt64}
)
GROUP BY d, k, p
HAVING s1 != 0 OR s2 != 0 OR s3 != 0 OR s4 != 0 OR s5 != 0 OR s6 != 0 OR s7 != 0 OR s8 != 0 OR s9 != 0 OR s10 != 0 OR s11 != 0 OR s12 != 0
