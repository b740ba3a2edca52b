-- The agency → unit mapping as it is now (a fingerprint of the dictionary's rows, never 0), and the
-- one the unit sums were last brought in line with (0: never) (ingest/unit-sums.ts). The seed names
-- the set of unit tables: a new one (2: the procedure sums of migration 022) makes the next start
-- align, so fill, them all (the tables already in line gain nothing).
SELECT
  toString(cityHash64('unit-sums-2', (SELECT groupBitXor(cityHash64(agency_code, ministry_unit, province_current, province_historical)) FROM dictionary('agency_unit_dict')))) AS now,
  toString((SELECT argMax(fingerprint, at) FROM unit_sums_state)) AS aligned
