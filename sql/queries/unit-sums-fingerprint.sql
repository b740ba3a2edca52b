-- The agency → unit mapping as it is now (a fingerprint of the dictionary's rows, never 0), and the
-- one the unit sums were last brought in line with (0: never) (ingest/unit-sums.ts).
SELECT
  toString(cityHash64('unit-sums-1', (SELECT groupBitXor(cityHash64(agency_code, ministry_unit, province_current, province_historical)) FROM dictionary('agency_unit_dict')))) AS now,
  toString((SELECT argMax(fingerprint, at) FROM unit_sums_state)) AS aligned
