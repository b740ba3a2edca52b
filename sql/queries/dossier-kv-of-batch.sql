-- The dossiers a batch wrote, with their state before and after it (repair after a crash: a full scan, rare).
SELECT dossier_code AS key, state, prev FROM dossier_kv WHERE batch = {batch:UInt64}
