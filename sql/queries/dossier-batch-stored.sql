-- The positions (in its delivery) of the rows a dossier batch stored: how the delivery is answered.
-- One row with one array (a batch stores up to 200,000 rows: one JSON array is read far faster
-- than as many rows).
SELECT groupArray(ord) AS ords FROM dossier_new WHERE fresh = 1
