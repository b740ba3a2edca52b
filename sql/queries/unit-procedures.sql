-- The procedures with at least one dossier of a unit, at any time (kpi.md, "Agencies and procedures
-- of a unit"): the dossiers counted per procedure of each agency, over all time, summed over the
-- unit's agencies. Params: level ('province'|'ministry'), structure, unit.
SELECT procedure_code AS code
FROM dossier_proc_at_total
WHERE {unit:String} != '' AND egp_unit({level:String}, {structure:String}, agency_code) = {unit:String}
GROUP BY procedure_code
HAVING sum(dossiers) > 0
