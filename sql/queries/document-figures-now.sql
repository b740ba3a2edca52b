-- The unacknowledged count's changes filed today that have happened by `now`. Params: level, structure, today, now.
SELECT egp_unit({level:String}, {structure:String}, d.agency_code) AS unit_code, sum(unack_d) AS unack_d
FROM
(
  SELECT agency_code, unack_d
  FROM document_instant
  WHERE day = {today:Date} AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
) AS d
WHERE unit_code != ''
GROUP BY unit_code
