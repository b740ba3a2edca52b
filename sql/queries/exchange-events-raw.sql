-- Every stored event of the exchanges of these documents, first stored copy of each event_id (repairs).
SELECT event_id, document_id, from_agency, to_agency, status, occurred_at
FROM document_events
WHERE document_id IN {documents:Array(String)}
ORDER BY ingested_at
LIMIT 1 BY event_id
