-- Each named dossier's latest stored event in the order of kpi.md (occurred_at, then status, then
-- event_id in byte order): a progress record of the portal's sync takes its procedure_code. Read
-- from the dossiers' stored events in the key-value table (point look-ups, ADR 011).
SELECT
  dossier_code,
  toString(m.1) AS occurred_at,
  m.2 AS status,
  m.3 AS event_id,
  m.4 AS procedure_code
FROM
(
  SELECT dossier_code, arrayMax(arrayMap(e -> (e.at, e.status, e.id, e.procedure), events)) AS m
  FROM dossier_rows
  WHERE dossier_code IN {codes:Array(String)}
)
