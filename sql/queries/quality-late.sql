-- Late arrivals: events stored more than 24 h after they occurred, by kind and province unit
-- (structure=current; '' = unmapped or central; a document by its recipient), with the worst delay.
-- From event_stats (ADR 011).
SELECT kind, unit, sum(late_events) AS events, max(max_late_delay_s) AS max_delay_s
FROM event_stats AS e
LEFT ANY JOIN unit_of_agency(level = 'province', structure = 'current') AS u ON e.agency_code = u.agency_code
WHERE role IN ('', 'to') AND late_events > 0
GROUP BY kind, unit
HAVING events > 0
ORDER BY events DESC, kind, unit
