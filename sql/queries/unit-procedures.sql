-- The procedures with at least one dossier of a unit, at any time (kpi.md, "Agencies and procedures
-- of a unit"): every procedure with a row in the per-procedure monthly aggregates of the unit's agencies.
-- Params: level ('province'|'ministry'), structure, unit.
SELECT DISTINCT m.procedure_code AS code
FROM dossier_proc_month AS m
WHERE {unit:String} != '' AND egp_unit({level:String}, {structure:String}, m.agency_code) = {unit:String}
