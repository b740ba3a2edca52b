-- Registry names of some agencies (case lists show names beside codes). Params: codes.
SELECT agency_code, name FROM agencies FINAL WHERE agency_code IN {codes:Array(String)}
