-- A dossier batch's overdue case changes (with its marker row) into dossier_overdue_cases: one INSERT … SELECT, one part.
SELECT * FROM dossier_cases_new
