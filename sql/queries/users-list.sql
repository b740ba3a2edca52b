-- Every user (never the password hash).
SELECT email, role, scope, must_change_password, disabled, created_at, updated_at FROM users FINAL ORDER BY email
