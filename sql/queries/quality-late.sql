-- Late arrivals: events stored more than 24 h after they occurred, by kind and province unit
-- (structure=current; '' = unmapped or central; a document by its recipient), with the worst delay.
-- From event_stats (ADR 011); the unit from the agency-unit dictionary (migration 011), not a join.
SELECT kind, egp_unit('province', 'current', agency_code) AS unit, sum(late_events) AS events, max(max_late_delay_s) AS max_delay_s
FROM event_stats
WHERE role IN ('', 'to') AND late_events > 0
GROUP BY kind, unit
HAVING events > 0
ORDER BY events DESC, kind, unit
