-- Brings dossier_unit_day (or dossier_unit_month) in line with the agency → unit mapping as it is
-- now, in one insert (one part: a reader sees the sums before or after, never between): the rows of
-- the per-agency table added up per unit key now, less what the unit table holds. Batch marker rows
-- (on {marker_day}) are left as they are. Run between dossier batches only (ingest/unit-sums.ts).
-- Params: agency_table and unit_table (dossier_day and dossier_unit_day, or the month tables),
-- date_column (day, or month), marker_day.
SELECT d, k, '', sum(received) AS s1, sum(online) AS s2, sum(paid) AS s3, sum(digitized) AS s4, sum(resolved) AS s5, sum(on_time) AS s6,
  sum(dur_us) AS s7, sum(dur_n) AS s8, sum(closed) AS s9, sum(pending_d) AS s10, sum(overdue_d) AS s11, sum(dossiers) AS s12
FROM
(
  SELECT {date_column:Identifier} AS d, k, received, online, paid, digitized, resolved, on_time, dur_us, dur_n, closed, pending_d, overdue_d, dossiers
  FROM {agency_table:Identifier}
  ARRAY JOIN egp_unit_keys(agency_code) AS k
  WHERE d != {marker_day:Date}
  UNION ALL
  SELECT {date_column:Identifier} AS d, agency_code AS k, -received, -online, -paid, -digitized, -resolved, -on_time, -dur_us, -dur_n, -closed, -pending_d, -overdue_d, -dossiers
  FROM {unit_table:Identifier}
  WHERE d != {marker_day:Date}
)
GROUP BY d, k
HAVING s1 != 0 OR s2 != 0 OR s3 != 0 OR s4 != 0 OR s5 != 0 OR s6 != 0 OR s7 != 0 OR s8 != 0 OR s9 != 0 OR s10 != 0 OR s11 != 0 OR s12 != 0
