-- API tokens and users. Only hashes are stored; the latest row of an id wins (revocation = a new row).
CREATE TABLE IF NOT EXISTS api_tokens (
  token_id String,
  name String,
  role LowCardinality(String),
  scopes Array(String),
  token_hash String,
  revoked UInt8,
  created_at DateTime64(3, 'UTC'),
  updated_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY token_id;

CREATE TABLE IF NOT EXISTS users (
  email String,
  role LowCardinality(String),
  scope String,
  password_hash String,
  must_change_password UInt8,
  disabled UInt8,
  created_at DateTime64(3, 'UTC'),
  updated_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY email;
