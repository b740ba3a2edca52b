-- The unacknowledged count's changes filed today that have happened by `now`. Params: level, structure, today, now.
SELECT u.unit AS unit_code, sum(unack_d) AS unack_d
FROM
(
  SELECT agency_code, unack_d
  FROM document_instant
  WHERE day = {today:Date} AND if(strict = 1, x < {now:DateTime64(6, 'UTC')}, x <= {now:DateTime64(6, 'UTC')})
) AS d
INNER JOIN unit_of_agency(level = {level:String}, structure = {structure:String}) AS u ON u.agency_code = d.agency_code
WHERE u.unit != ''
GROUP BY unit_code
