-- A batch's derived rows into the key-value table (dossier_rows): the events, each with the batch that added it.
SELECT dossier_code, events, batch FROM dossier_derived
