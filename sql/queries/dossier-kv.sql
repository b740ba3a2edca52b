-- The stored events and state of these dossiers (point look-ups in the key-value table).
SELECT dossier_code AS key, events, state FROM dossier_kv WHERE dossier_code IN {keys:Array(String)}
