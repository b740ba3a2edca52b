-- A number for each unit of each level and structure, beside its code, in the agency → unit
-- dictionary (ADR 011, session 26). A query that puts millions of rows in units (the latency
-- quantiles: one row per exchange) groups them by this number instead of by the unit's code:
-- looking a number up and grouping by it is cheaper than producing and hashing a string for every
-- row, and the code is looked up once per group at the end, in the same dictionary. The numbers
-- are dense ranks of the codes ('' ranks too: no unit; an agency not in the registry gets 0), so
-- they change when the registry does, and are never stored.
CREATE VIEW IF NOT EXISTS agency_unit_indexes AS
SELECT
  agency_code,
  ministry_unit,
  province_current,
  province_historical,
  toUInt32(dense_rank() OVER (ORDER BY ministry_unit)) AS ministry_index,
  toUInt32(dense_rank() OVER (ORDER BY province_current)) AS province_current_index,
  toUInt32(dense_rank() OVER (ORDER BY province_historical)) AS province_historical_index
FROM agency_units;

-- The dictionary of migration 011 with the numbers (one dictionary: a query's codes and numbers
-- come from the same load). Its source names no database, as before.
DROP DICTIONARY IF EXISTS agency_unit_dict;

CREATE DICTIONARY IF NOT EXISTS agency_unit_dict (
  agency_code String,
  ministry_unit String,
  province_current String,
  province_historical String,
  ministry_index UInt32,
  province_current_index UInt32,
  province_historical_index UInt32
)
PRIMARY KEY agency_code
SOURCE(CLICKHOUSE(TABLE 'agency_unit_indexes'))
LAYOUT(COMPLEX_KEY_HASHED())
LIFETIME(MIN 300 MAX 600);

-- The number of an agency's unit for a level and a structure (0: not in the registry, and always
-- 0 for the nation); the same rule as egp_unit (migration 011).
CREATE FUNCTION IF NOT EXISTS egp_unit_index AS (level, structure, agency) ->
  multiIf(level = 'national', toUInt32(0),
          level = 'ministry', dictGetOrDefault('agency_unit_dict', 'ministry_index', tuple(agency), toUInt32(0)),
          structure = 'current', dictGetOrDefault('agency_unit_dict', 'province_current_index', tuple(agency), toUInt32(0)),
          dictGetOrDefault('agency_unit_dict', 'province_historical_index', tuple(agency), toUInt32(0)));
