-- What the dossiers a batch changed add to the figures, per owner agency, procedure and
-- Vietnamese day (ADR 011), signed: received, online, paid, digitized on the day of received_at;
-- resolved, on_time and the resolution time on the day of finished_at; closed on the day of
-- closed_at; dossiers present on the day of the first counted event; the at-T changes on the
-- day each boundary is filed under. What cancels out is left out.
INSERT INTO dossier_contrib
SELECT
  c.1 AS day, agency_code, procedure_code,
  sum(c.2) AS s_received, sum(c.3) AS s_online, sum(c.4) AS s_paid, sum(c.5) AS s_digitized,
  sum(c.6) AS s_resolved, sum(c.7) AS s_on_time, sum(c.8) AS s_dur_us, sum(c.9) AS s_dur_n, sum(c.10) AS s_closed,
  sum(c.11) AS s_pending_d, sum(c.12) AS s_overdue_d, sum(c.13) AS s_dossiers
FROM
(
  SELECT
    s.owner AS agency_code,
    s.procedure AS procedure_code,
    s.received = 1 AND isNotNull(s.received_at) AS recv,
    arrayConcat(
      [(toDate(s.first_at, 'Asia/Ho_Chi_Minh'), 0, 0, 0, 0, 0, 0, toInt64(0), 0, 0, 0, 0, sign)],
      if(recv,
        [(toDate(assumeNotNull(s.received_at), 'Asia/Ho_Chi_Minh'), sign, sign * ifNull(s.channel = 2, 0), sign * s.paid_online, sign * s.digitized, 0, 0, toInt64(0), 0, 0, 0, 0, 0)],
        []),
      if(isNull(s.finished_at), [],
        [(toDate(assumeNotNull(s.finished_at), 'Asia/Ho_Chi_Minh'), 0, 0, 0, 0, sign,
          sign * egp_dossier_on_time(s),
          if(recv, sign * (toUnixTimestamp64Micro(assumeNotNull(s.finished_at)) - toUnixTimestamp64Micro(assumeNotNull(s.received_at))), 0),
          if(recv, sign, 0), 0, 0, 0, 0)]),
      if(isNull(s.closed_at), [], [(toDate(assumeNotNull(s.closed_at), 'Asia/Ho_Chi_Minh'), 0, 0, 0, 0, 0, 0, toInt64(0), 0, sign, 0, 0, 0)]),
      arrayMap(b -> (egp_run_day(b.1, b.2), 0, 0, 0, 0, 0, 0, toInt64(0), 0, 0, sign * b.3, sign * b.4, 0), egp_dossier_runs(s))
    ) AS cs
  FROM dossier_changed_signed
)
ARRAY JOIN cs AS c
GROUP BY day, agency_code, procedure_code
HAVING s_received != 0 OR s_online != 0 OR s_paid != 0 OR s_digitized != 0 OR s_resolved != 0 OR s_on_time != 0 OR s_dur_us != 0
  OR s_dur_n != 0 OR s_closed != 0 OR s_pending_d != 0 OR s_overdue_d != 0 OR s_dossiers != 0
