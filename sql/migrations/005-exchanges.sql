-- Per exchange (document_id, from_agency, to_agency): the earliest 00 / 01 / 03 / 02 event
-- (kpi.md, "Document figures"), kept up to date by a materialized view on every insert; only
-- new events are inserted (idempotency), so each event is folded in exactly once.
-- "None" is the far-future sentinel 2299-12-31 23:59:59 (min() of nothing would be 1970).
CREATE TABLE IF NOT EXISTS exchange_state (
  document_id String,
  from_agency String,
  to_agency String,
  sent_at SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
  arrived_at SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
  accepted_at SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
  refused_at SimpleAggregateFunction(min, DateTime64(6, 'UTC')),
  events SimpleAggregateFunction(sum, UInt64)
) ENGINE = AggregatingMergeTree
ORDER BY (document_id, from_agency, to_agency);

CREATE MATERIALIZED VIEW IF NOT EXISTS exchange_state_mv TO exchange_state AS
SELECT
  document_id,
  from_agency,
  to_agency,
  if(status = '00', occurred_at, toDateTime64('2299-12-31 23:59:59', 6, 'UTC')) AS sent_at,
  if(status = '01', occurred_at, toDateTime64('2299-12-31 23:59:59', 6, 'UTC')) AS arrived_at,
  if(status = '03', occurred_at, toDateTime64('2299-12-31 23:59:59', 6, 'UTC')) AS accepted_at,
  if(status = '02', occurred_at, toDateTime64('2299-12-31 23:59:59', 6, 'UTC')) AS refused_at,
  toUInt64(1) AS events
FROM document_events;
