-- The units of the given registry agencies (for a source token's scope).
SELECT agency_code, ministry_unit, province_current FROM agency_units WHERE agency_code IN {codes:Array(String)}
