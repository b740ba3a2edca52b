-- A dossier batch's new events into the raw table (its materialized views fill event_keys and the rest).
SELECT * EXCEPT (ord, fresh) FROM dossier_new WHERE fresh = 1
