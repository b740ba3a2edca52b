-- The current row of one user.
SELECT email, role, scope, password_hash, must_change_password, disabled FROM users FINAL WHERE email = {email:String}
