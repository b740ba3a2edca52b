-- The first month the dossier aggregates hold (none when empty): which way a figure query reads the
-- at-T changes before a period depends on it (core/kpi/dossiers.ts, fromTotal). Reads in key order.
SELECT toString(month) AS month FROM dossier_month ORDER BY month LIMIT 1
