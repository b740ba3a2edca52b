-- One dossier's derived state (its key-value row, JSON of core/kpi/dossier-state.ts) with its owner's units.
SELECT k.state AS state, u.ministry_unit AS ministry_unit, u.province_current AS province_current, u.province_historical AS province_historical
FROM (SELECT state, JSONExtractString(state, 'owner') AS owner FROM dossier_kv WHERE dossier_code = {code:String}) AS k
LEFT ANY JOIN agency_units AS u ON k.owner = u.agency_code
