-- A dossier batch's signed changes (dossier_contrib, with its marker row) into one of the four
-- day / month, per-agency / per-procedure tables (ADR 011): one INSERT … SELECT, so one part
-- that holds the marker if and only if it holds the batch's rows.
SELECT
  if({by_month:UInt8} = 1, toStartOfMonth(day), day) AS d,
  agency_code,
  if({per_procedure:UInt8} = 1, procedure_code, '') AS p,
  sum(received), sum(online), sum(paid), sum(digitized), sum(resolved), sum(on_time), sum(dur_us), sum(dur_n), sum(closed),
  sum(pending_d), sum(overdue_d), sum(dossiers)
FROM dossier_contrib
GROUP BY d, agency_code, p
