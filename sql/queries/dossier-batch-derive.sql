-- The new state of every dossier a batch adds events to (kpi.md "The state of a dossier"; the one
-- definition of it, ADR 011): its stored events (its key-value row, read by key) plus the batch's
-- new ones, in kpi.md's order (occurred_at, then status, then event_id in byte order). Events up
-- to the first terminal one (3, 7, 8, 9, 10) count; the owner is the first 02's agency and
-- procedure (else the first counted event's); received_at the 02's received_at (else its
-- occurred_at); due_at the last counted one given; channel the first given; paid / digitized if
-- any counted event says so; a terminal 09 / 10 finishes at its finished_at (else its
-- occurred_at), any other closes at its occurred_at (the tuple takes the names of dossier_states.state
-- by position). The row keeps the state it replaces.
SELECT
  dossier_code,
  evs AS events,
  (
    owner_ev.agency,
    owner_ev.procedure,
    recv_i > 0,
    if(recv_i > 0, ifNull(counted[recv_i].received, counted[recv_i].at), NULL),
    if(end_i > 0 AND end_ev.status IN (9, 10), ifNull(end_ev.finished, end_ev.at), NULL),
    if(end_i > 0 AND end_ev.status NOT IN (9, 10), end_ev.at, NULL),
    arrayLast(x -> isNotNull(x), arrayMap(e -> e.due, counted)),
    arrayFirst(x -> isNotNull(x), arrayMap(e -> e.channel, counted)),
    arrayExists(e -> e.paid = 1, counted),
    arrayExists(e -> e.digitized = 1, counted),
    if(end_i > 0, end_ev.status, 0),
    counted[1].at
  ) AS state,
  had_prev,
  prev,
  {batch:UInt64} AS batch
FROM
(
  SELECT
    n.dossier_code AS dossier_code,
    k.dossier_code != '' AS had_prev,
    k.state AS prev,
    arraySort(e -> (e.at, e.status, e.id), arrayConcat(k.events, arrayFilter(e -> NOT has(k.events.id, e.id), n.events))) AS evs,
    arrayFirstIndex(e -> e.status IN (3, 7, 8, 9, 10), evs) AS end_i,
    if(end_i = 0, evs, arraySlice(evs, 1, end_i)) AS counted,
    evs[end_i] AS end_ev,
    arrayFirstIndex(e -> e.status = 2, counted) AS recv_i,
    counted[if(recv_i = 0, 1, recv_i)] AS owner_ev
  FROM
  (
    SELECT dossier_code, groupArray(CAST((event_id, status, occurred_at, agency_code, procedure_code, received_at, due_at, finished_at, channel, paid_online, digitized),
      'Tuple(id String, status UInt8, at DateTime64(6, \'UTC\'), agency String, procedure String, received Nullable(DateTime64(6, \'UTC\')), due Nullable(DateTime64(6, \'UTC\')), finished Nullable(DateTime64(6, \'UTC\')), channel Nullable(UInt8), paid Nullable(UInt8), digitized Nullable(UInt8))')) AS events
    FROM (SELECT * FROM dossier_new LIMIT 1 BY dossier_code, event_id)
    GROUP BY dossier_code
  ) AS n
  LEFT JOIN dossier_states AS k ON k.dossier_code = n.dossier_code
)
SETTINGS join_algorithm = 'direct'
