-- The registry's agencies of one unit (kpi.md, "Units and attribution"), as the registry is now.
-- Params: level ('province'|'ministry'), structure, unit.
SELECT a.agency_code AS code, a.name AS name
FROM agencies AS a FINAL
INNER JOIN unit_of_agency(level = {level:String}, structure = {structure:String}) AS u ON u.agency_code = a.agency_code
WHERE u.unit != '' AND u.unit = {unit:String}
ORDER BY code
