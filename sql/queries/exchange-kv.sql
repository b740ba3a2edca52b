-- The stored events and state of these exchanges (point look-ups in the key-value table).
SELECT key, events, state FROM exchange_kv WHERE key IN {keys:Array(String)}
