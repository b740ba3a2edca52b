-- A live session (not revoked, not expired).
SELECT email, expires_at FROM sessions FINAL
WHERE id = {id:String} AND revoked = 0 AND expires_at > now64(3)
