-- The at-T boundaries of the dossiers a batch changed at their exact instant (for "now" inside
-- today), signed, per owner agency and procedure; what cancels out is left out.
INSERT INTO dossier_instant_new
SELECT egp_run_day(b.1, b.2) AS day, s.owner AS agency_code, s.procedure AS procedure_code, b.1 AS x, b.2 AS strict,
  sum(sign * b.3) AS s_pending_d, sum(sign * b.4) AS s_overdue_d
FROM dossier_changed_signed
ARRAY JOIN egp_dossier_runs(s) AS b
GROUP BY day, agency_code, procedure_code, x, strict
HAVING s_pending_d != 0 OR s_overdue_d != 0
