-- One dossier's stored events in the order of kpi.md, each marked counted (up to and including its end).
SELECT
  event_id, status, occurred_at, agency_code, procedure_code, sector_code, channel, applicant_type,
  received_at, due_at, finished_at, paid_online, digitized, source, ingested_at,
  countIf(status IN (3, 7, 8, 9, 10)) OVER (ORDER BY occurred_at, status, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) = 0 AS counted
FROM (SELECT * FROM dossier_events WHERE dossier_code = {code:String} ORDER BY ingested_at LIMIT 1 BY event_id)
ORDER BY occurred_at, status, event_id
