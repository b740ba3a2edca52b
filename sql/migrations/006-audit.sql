-- Who did what: logins, failed logins, exports, user and token changes (readable by admin).
CREATE TABLE IF NOT EXISTS audit_log (
  at DateTime64(3, 'UTC'),
  actor String,
  action LowCardinality(String),
  detail String,
  ip String
) ENGINE = MergeTree
ORDER BY at;

-- When each API token was last used (at most one row a minute per token).
CREATE TABLE IF NOT EXISTS api_token_uses (
  token_id String,
  used_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(used_at)
ORDER BY token_id;
