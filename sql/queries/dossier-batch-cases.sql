-- The overdue case list's changes from the dossiers a batch changed: a dossier is a case when it
-- is overdue at some T (received, with a due_at, and not ended by the later of received_at and
-- due_at). Its row before the batch is taken back (−1), its row after it added (+1); a row that
-- did not change cancels out. ended_key is the end, or 2299-12-31 for a dossier not ended.
INSERT INTO dossier_cases_new
SELECT ended_key, due_at, dossier_code, owner_agency, procedure_code, received_at, toInt8(sum(sign)) AS case_sign
FROM
(
  SELECT
    dossier_code,
    s.owner AS owner_agency,
    s.procedure AS procedure_code,
    assumeNotNull(s.received_at) AS received_at,
    assumeNotNull(s.due_at) AS due_at,
    coalesce(s.finished_at, s.closed_at) AS ended,
    ifNull(ended, toDateTime64('2299-12-31 00:00:00', 6, 'UTC')) AS ended_key,
    sign
  FROM dossier_changed_signed
  WHERE s.received = 1 AND isNotNull(s.received_at) AND isNotNull(s.due_at)
    AND (isNull(ended) OR assumeNotNull(ended) > greatest(assumeNotNull(s.received_at), assumeNotNull(s.due_at)))
)
GROUP BY ended_key, due_at, dossier_code, owner_agency, procedure_code, received_at
HAVING sum(sign) != 0
