-- Agencies gone silent (the data-quality page): of the agencies that sent dossier or document events
-- (connection events say that an agency was (dis)connected, not that it sends data), how many there
-- are (`agencies`), how many sent their latest event `days` whole days or more before `now`
-- (`silent`), and the first `shown` agencies, the longest silent first, then by code (the caller
-- keeps the silent ones). Counted over every agency, not over the rows returned.
-- Params: now, days, shown.
SELECT
  agency_code,
  kinds,
  latest_occurred AS last_occurred_at,
  latest_ingested AS last_ingested_at,
  events,
  days,
  count() OVER () AS agencies,
  countIf(days >= {days:UInt32}) OVER () AS silent
FROM
(
  SELECT
    agency_code,
    arraySort(groupUniqArray(kind)) AS kinds,
    max(last_occurred_at) AS latest_occurred,
    max(last_ingested_at) AS latest_ingested,
    sum(events) AS events,
    greatest(0, intDiv(toUnixTimestamp64Milli({now:DateTime64(6, 'UTC')}) - toUnixTimestamp64Milli(latest_occurred), 86400000)) AS days
  FROM event_stats
  WHERE role IN ('', 'from') AND kind IN ('dossier', 'document')
  GROUP BY agency_code
)
ORDER BY days DESC, agency_code ASC
LIMIT {shown:UInt32}
