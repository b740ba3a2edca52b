-- Server-side sessions: the cookie carries only a signed random id; logout and expiry are
-- decided here (the latest row of an id wins; revoked = logged out).
CREATE TABLE IF NOT EXISTS sessions (
  id String,
  email String,
  expires_at DateTime64(3, 'UTC'),
  revoked UInt8,
  updated_at DateTime64(6, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;
