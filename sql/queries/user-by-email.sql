-- The current row of one user.
SELECT email, role, scope, password_hash, must_change_password, disabled, created_at FROM users FINAL WHERE email = {email:String}
