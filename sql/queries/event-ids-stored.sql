-- Which of these keys ('kind:event_id') are already stored (the idempotency check): point look-ups.
SELECT key FROM event_keys WHERE key IN {keys:Array(String)}
