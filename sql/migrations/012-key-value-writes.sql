-- The key-value tables take their writes through RocksDB's memtables (ADR 018, session 6). By
-- default (optimize_for_bulk_insert = 1) every INSERT becomes an SST file ingested into the
-- database: ingest writes thousands of small inserts, so RocksDB keeps thousands of small files
-- and compacts them over and over, and the engine's memory climbed with the data written (about
-- 40 MB more per table under a steady load). Through the memtables (4 MiB each, bounded, see
-- core/embedded-engine.xml) the same writes were 1.5x faster and the memory flat.
ALTER TABLE event_keys MODIFY SETTING optimize_for_bulk_insert = 0;
ALTER TABLE dossier_kv MODIFY SETTING optimize_for_bulk_insert = 0;
ALTER TABLE exchange_kv MODIFY SETTING optimize_for_bulk_insert = 0;
