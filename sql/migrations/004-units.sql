-- Attribution of agencies to units (kpi.md, "Units and attribution"), read from the registry as
-- it is now, so a registry that learns or moves an agency re-attributes its events with no re-ingest.
-- ref_province_successor is filled from reference/provinces-*.csv at every start (idempotent).
CREATE TABLE IF NOT EXISTS ref_province_successor (
  code String,
  successor String
) ENGINE = ReplacingMergeTree
ORDER BY code;

CREATE VIEW IF NOT EXISTS agency_units AS
SELECT
  a.agency_code AS agency_code,
  if(a.level = 'central'
       AND a.ministry IN (SELECT agency_code FROM agencies FINAL WHERE level = 'central' AND ministry = agency_code),
     a.ministry, '') AS ministry_unit,
  if(a.level IN ('province', 'commune', 'district'), a.province_code, '') AS province_historical,
  if(province_historical = '', '', if(p.successor = '', province_historical, p.successor)) AS province_current
FROM agencies AS a FINAL
LEFT ANY JOIN (SELECT code, successor FROM ref_province_successor FINAL) AS p ON p.code = a.province_code;

-- Every dossier's current state with its owner agency's units (empty when unmapped).
CREATE VIEW IF NOT EXISTS dossier_state_units AS
SELECT s.*, u.ministry_unit AS ministry_unit, u.province_current AS province_current, u.province_historical AS province_historical
FROM dossier_state AS s FINAL
LEFT ANY JOIN agency_units AS u ON s.owner_agency = u.agency_code;

-- The unit of every registry agency for a level and a structure (parameterized view):
--   SELECT … FROM unit_of_agency(level = 'province', structure = 'current')
CREATE VIEW IF NOT EXISTS unit_of_agency AS
SELECT
  agency_code,
  multiIf({level:String} = 'ministry', ministry_unit, {structure:String} = 'current', province_current, province_historical) AS unit
FROM agency_units;

-- Every dossier's state with the unit of its owner for a level and a structure ('' = none;
-- the national level puts every dossier in the unit '').
CREATE VIEW IF NOT EXISTS dossier_in_unit AS
SELECT
  *,
  multiIf({level:String} = 'national', '', {level:String} = 'ministry', ministry_unit,
          {structure:String} = 'current', province_current, province_historical) AS unit
FROM dossier_state_units;
