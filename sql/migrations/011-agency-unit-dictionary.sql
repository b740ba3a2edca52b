-- The unit of every agency as a dictionary (ADR 011): figure queries look an agency's unit up in
-- memory (dictGet) instead of joining the agency_units view, whose planning alone took ~30 ms of
-- every figure query. Loaded from the view (the registry as it is now, with the 2004 → 2025
-- successors); the writer reloads it after every registry load and the store at every start
-- (SYSTEM RELOAD DICTIONARY), and ClickHouse every few minutes besides, so a registry loaded by
-- another process of the same server is seen too. The source names no database: the view of the
-- dictionary's own database is read.
CREATE DICTIONARY IF NOT EXISTS agency_unit_dict (
  agency_code String,
  ministry_unit String,
  province_current String,
  province_historical String
)
PRIMARY KEY agency_code
SOURCE(CLICKHOUSE(TABLE 'agency_units'))
LAYOUT(COMPLEX_KEY_HASHED())
LIFETIME(MIN 300 MAX 600);

-- The unit of an agency for a level and a structure ('' = none, and always '' for the nation):
-- the same rule as the unit_of_agency view (migration 004), read from the dictionary.
CREATE FUNCTION IF NOT EXISTS egp_unit AS (level, structure, agency) ->
  multiIf(level = 'national', '',
          level = 'ministry', dictGetOrDefault('agency_unit_dict', 'ministry_unit', tuple(agency), ''),
          structure = 'current', dictGetOrDefault('agency_unit_dict', 'province_current', tuple(agency), ''),
          dictGetOrDefault('agency_unit_dict', 'province_historical', tuple(agency), ''));
