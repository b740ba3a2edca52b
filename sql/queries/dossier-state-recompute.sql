-- Recompute the state of the given dossiers from all their stored events (kpi.md, "The state of a dossier").
-- Events in order of occurred_at, then status, then event_id (byte order); a duplicate row of an
-- event_id (only after a crash between insert and acknowledgement) counts once, the first stored.
INSERT INTO dossier_state
SELECT
  dossier_code,
  if(recv_i > 0, counted[recv_i].4, counted[1].4) AS owner_agency,
  if(recv_i > 0, counted[recv_i].5, counted[1].5) AS procedure_code,
  recv_i > 0 AS received,
  if(recv_i > 0, ifNull(counted[recv_i].6, counted[recv_i].1), NULL) AS received_at,
  if(end_status IN (9, 10), ifNull(evs[end_i].8, evs[end_i].1), NULL) AS finished_at,
  if(end_status IN (3, 7, 8), evs[end_i].1, NULL) AS closed_at,
  coalesce(finished_at, closed_at) AS ended_at,
  if(due_i > 0, counted[due_i].7, NULL) AS due_at,
  if(chan_i > 0, counted[chan_i].9, NULL) AS channel,
  arrayExists(x -> x.10 = 1, counted) AS paid_online,
  arrayExists(x -> x.11 = 1, counted) AS digitized,
  finished_at IS NOT NULL AND (due_at IS NULL OR finished_at <= due_at) AS on_time,
  end_status,
  length(evs) AS events,
  version
FROM
(
  SELECT
    dossier_code,
    arraySort(x -> (x.1, x.2, x.3), groupArray((occurred_at, status, event_id, agency_code, procedure_code,
      received_at, due_at, finished_at, channel, paid_online, digitized))) AS evs,
    max(ingested_at) AS version,
    arrayFirstIndex(x -> x.2 IN (3, 7, 8, 9, 10), evs) AS end_i,
    if(end_i = 0, 0, evs[end_i].2) AS end_status,
    if(end_i = 0, evs, arraySlice(evs, 1, end_i)) AS counted,
    arrayFirstIndex(x -> x.2 = 2, counted) AS recv_i,
    arrayLastIndex(x -> x.7 IS NOT NULL, counted) AS due_i,
    arrayFirstIndex(x -> x.9 IS NOT NULL, counted) AS chan_i
  FROM
  (
    SELECT * FROM dossier_events
    WHERE dossier_code IN {codes:Array(String)}
    ORDER BY ingested_at
    LIMIT 1 BY event_id
  )
  GROUP BY dossier_code
)
