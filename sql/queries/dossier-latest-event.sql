-- Each named dossier's latest stored event in the order of kpi.md (occurred_at, then status, then
-- event_id in byte order): a progress record of the portal's sync takes its procedure_code. Read
-- from the dossiers' stored events in the key-value table (point look-ups, ADR 011); each event is
-- [event_id, status, occurred µs, agency, procedure, received, due, finished, channel, paid, digitized].
SELECT
  dossier_code,
  toString(fromUnixTimestamp64Micro(m.1, 'UTC')) AS occurred_at,
  m.2 AS status,
  m.3 AS event_id,
  m.4 AS procedure_code
FROM
(
  SELECT
    dossier_code,
    arrayMax(arrayMap(e -> (e.3, e.2, e.1, e.5),
      JSONExtract(events, 'Array(Tuple(String, UInt8, Int64, String, String, Nullable(Int64), Nullable(Int64), Nullable(Int64), Nullable(UInt8), Nullable(UInt8), Nullable(UInt8)))'))) AS m
  FROM dossier_kv
  WHERE dossier_code IN {codes:Array(String)}
)
