-- Bench and tests only: the dossiers the figure `overdue` counts at T for one unit (or the nation),
-- from the brute force's per-dossier states (brute-dossier-states.sql, in the table `states`), in
-- the case list's order, to check dossier-overdue.sql. Params: states, level, structure, unit, T.
WITH
  u AS (SELECT agency_code, unit FROM unit_of_agency(level = {level:String}, structure = {structure:String}))
SELECT d.dossier_code AS dossier_code
FROM {states:Identifier} AS d
LEFT ANY JOIN u ON d.owner = u.agency_code
WHERE ({level:String} = 'national' OR (u.unit != '' AND u.unit = {unit:String}))
  AND is_received AND recv_at <= {T:DateTime64(6, 'UTC')}
  AND NOT (end_status IN (9, 10) AND fin_at <= {T:DateTime64(6, 'UTC')})
  AND NOT (end_status IN (3, 7, 8) AND close_at <= {T:DateTime64(6, 'UTC')})
  AND has_due AND due < {T:DateTime64(6, 'UTC')}
ORDER BY due ASC, dossier_code ASC
