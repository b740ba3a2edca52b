-- The latest entries of the audit log.
SELECT at, actor, action, detail, ip FROM audit_log ORDER BY at DESC LIMIT {limit:UInt32}
