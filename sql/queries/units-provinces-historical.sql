-- Province units of structure=historical: the province codes found in the registry.
SELECT DISTINCT province_code AS code FROM agencies FINAL
WHERE level IN ('province', 'commune', 'district') AND province_code != '' ORDER BY code
