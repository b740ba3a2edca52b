-- How fresh the data are (the page header): per source, its last arrival and its newest event not
-- after now, from source_days (ADR 011): every day before today's is wholly in the past; of today and
-- later days, a day's newest event counts when it is not after now.
-- Params: now, today (its Vietnamese day).
SELECT
  source,
  max(last_ingested_at) AS last_ingested_at,
  maxIf(last_occurred_at, day < {today:Date} OR last_occurred_at <= {now:DateTime64(6, 'UTC')}) AS last_occurred_at
FROM source_days
GROUP BY source
