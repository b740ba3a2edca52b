-- Whether a batch's insert into an aggregate table was committed: its marker row, which the same
-- insert carried (ingest/batch-markers.ts). A look-up on the table's first key column.
-- Params: table, date_column and date (the marker's), key_column and key ('~batch:' + the batch's token).
SELECT count() AS n
FROM {table:Identifier}
WHERE {date_column:Identifier} = {date:String} AND {key_column:Identifier} = {key:String}
