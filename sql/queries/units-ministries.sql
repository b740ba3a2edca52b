-- Ministry units: registry rows of level central whose ministry is themselves.
SELECT agency_code AS code, name FROM agencies FINAL WHERE level = 'central' AND ministry = agency_code ORDER BY code
