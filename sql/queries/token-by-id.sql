-- The current row of one API token.
SELECT token_id, name, role, scopes, token_hash, revoked, created_at FROM api_tokens FINAL WHERE token_id = {id:String}
