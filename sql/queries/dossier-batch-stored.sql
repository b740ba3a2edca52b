-- The positions (in its delivery) of the rows a dossier batch stored: how the delivery is answered.
SELECT ord FROM dossier_new WHERE fresh = 1
