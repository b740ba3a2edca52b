-- The agencies with the most overdue dossiers at T (kpi.md: pending with a due_at < T), nationally
-- or in one unit, with their registry name and unit. Params: level, structure, unit ('' = all), T, limit.
SELECT
  owner_agency AS code,
  any(a.name) AS agency_name,
  any(s.unit) AS agency_unit,
  count() AS n_overdue
FROM dossier_in_unit(level = {level:String}, structure = {structure:String}) AS s
LEFT ANY JOIN (SELECT agency_code, name FROM agencies FINAL) AS a ON a.agency_code = s.owner_agency
WHERE ({unit:String} = '' OR (s.unit != '' AND s.unit = {unit:String}))
  AND received AND received_at <= {T:DateTime64(6, 'UTC')}
  AND NOT (ended_at IS NOT NULL AND ended_at <= {T:DateTime64(6, 'UTC')})
  AND due_at IS NOT NULL AND due_at < {T:DateTime64(6, 'UTC')}
GROUP BY owner_agency
ORDER BY n_overdue DESC, code ASC
LIMIT {limit:UInt32}
