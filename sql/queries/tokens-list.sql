-- Every API token (never its hash) with its last use.
SELECT t.token_id AS token_id, t.name AS name, t.role AS role, t.scopes AS scopes, t.revoked AS revoked, t.created_at AS created_at,
       u.used_at AS last_used_at
FROM (SELECT * FROM api_tokens FINAL) AS t
LEFT ANY JOIN (SELECT token_id, max(used_at) AS used_at FROM api_token_uses GROUP BY token_id) AS u ON u.token_id = t.token_id
ORDER BY t.created_at DESC
