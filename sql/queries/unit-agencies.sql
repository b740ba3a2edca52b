-- The registry's agencies of one unit (kpi.md, "Units and attribution"), as the registry is now.
-- Params: level ('province'|'ministry'), structure, unit.
SELECT a.agency_code AS code, a.name AS name
FROM agencies AS a FINAL
WHERE {unit:String} != '' AND egp_unit({level:String}, {structure:String}, a.agency_code) = {unit:String}
ORDER BY code
