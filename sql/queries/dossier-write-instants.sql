-- A dossier batch's instants (with its marker row) into dossier_instant: one INSERT … SELECT, one part.
SELECT * FROM dossier_instant_new
