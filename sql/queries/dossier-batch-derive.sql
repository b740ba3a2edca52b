-- Every dossier a batch adds events to (ADR 011): its stored events (its key-value row, read by
-- key) plus the batch's new ones, each tagged with the batch, in kpi.md's order (occurred_at, then
-- status, then event_id in byte order); its state (egp_dossier_state, migration 024: the one
-- definition of kpi.md "The state of a dossier") and the state of its stored events before.
SELECT
  dossier_code,
  evs AS events,
  had_prev,
  egp_dossier_state(stored) AS prev,
  egp_dossier_state(evs) AS state,
  {batch:UInt64} AS batch
FROM
(
  SELECT
    n.dossier_code AS dossier_code,
    k.dossier_code != '' AS had_prev,
    k.events AS stored,
    arraySort(e -> (e.at, e.status, e.id), arrayConcat(k.events, arrayFilter(e -> NOT has(k.events.id, e.id), n.events))) AS evs
  FROM
  (
    SELECT dossier_code, groupArray(CAST((event_id, status, occurred_at, agency_code, procedure_code, received_at, due_at, finished_at, channel, paid_online, digitized, {batch:UInt64}),
      'Tuple(id String, status UInt8, at DateTime64(6, \'UTC\'), agency String, procedure String, received Nullable(DateTime64(6, \'UTC\')), due Nullable(DateTime64(6, \'UTC\')), finished Nullable(DateTime64(6, \'UTC\')), channel Nullable(UInt8), paid Nullable(UInt8), digitized Nullable(UInt8), batch UInt64)')) AS events
    FROM (SELECT * FROM dossier_new LIMIT 1 BY dossier_code, event_id)
    GROUP BY dossier_code
  ) AS n
  LEFT JOIN dossier_rows AS k ON k.dossier_code = n.dossier_code
)
SETTINGS join_algorithm = 'direct'
