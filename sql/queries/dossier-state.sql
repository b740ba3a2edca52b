-- One dossier's state (derived from its key-value row of events, ADR 011) with its owner's units.
SELECT
  k.s.owner AS owner,
  k.s.procedure AS procedure,
  k.s.received AS received,
  k.s.received_at AS received_at,
  k.s.finished_at AS finished_at,
  k.s.closed_at AS closed_at,
  coalesce(k.s.finished_at, k.s.closed_at) AS ended_at,
  k.s.due_at AS due_at,
  k.s.channel AS channel,
  k.s.paid_online AS paid_online,
  k.s.digitized AS digitized,
  k.s.end_status AS end_status,
  egp_dossier_on_time(k.s) AS on_time,
  u.ministry_unit AS ministry_unit,
  u.province_current AS province_current,
  u.province_historical AS province_historical
FROM (SELECT s, s.owner AS owner FROM (SELECT egp_dossier_state(events) AS s FROM dossier_rows WHERE dossier_code = {code:String})) AS k
LEFT ANY JOIN agency_units AS u ON k.owner = u.agency_code
