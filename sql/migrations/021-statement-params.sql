-- The values of an embedded statement, as data (core/statement-params.ts, ADR 011 session 15): one
-- JSON row per statement, inserted on its connection just before it and read by its text, so that
-- statements need no parameter binding (chDB runs bound queries one at a time per process). A ring
-- of the newest rows: a row is read as its statement starts, right after its insert. In memory
-- only; a ClickHouse server binds parameters itself and never writes it.
CREATE TABLE IF NOT EXISTS statement_params (
  id UInt64,
  p String
) ENGINE = Memory
SETTINGS min_rows_to_keep = 100, max_rows_to_keep = 1000, min_bytes_to_keep = 1048576, max_bytes_to_keep = 67108864;
