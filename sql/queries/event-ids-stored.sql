-- Which of these event_ids of a kind are already stored (the idempotency check).
SELECT DISTINCT event_id FROM event_ids WHERE kind = {kind:String} AND event_id IN {ids:Array(String)}
