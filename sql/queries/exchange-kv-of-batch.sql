-- The exchanges a batch wrote, with their state before and after it (repair after a crash: a full scan, rare).
SELECT key, state, prev FROM exchange_kv WHERE batch = {batch:UInt64}
