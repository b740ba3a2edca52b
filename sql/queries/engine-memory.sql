-- What the embedded engine holds (core/memory.ts), in bytes: its own allocation tracker, its caches,
-- the active parts of this database and their primary keys, the parts merges replaced that are still
-- loaded, and what running queries, merges and dictionaries hold at this moment. One row.
SELECT
  (SELECT toString(sum(value)) FROM system.metrics WHERE metric = 'MemoryTracking') AS tracked,
  (SELECT toString(sum(value)) FROM system.metrics WHERE metric IN ('MarkCacheBytes', 'PrimaryIndexCacheBytes', 'CompiledExpressionCacheBytes', 'QueryConditionCacheBytes', 'UncompressedCacheBytes', 'PageCacheBytes')) AS caches,
  (SELECT toString(count()) FROM system.parts WHERE active AND database = currentDatabase()) AS parts,
  (SELECT toString(count()) FROM system.parts WHERE NOT active AND database = currentDatabase()) AS replaced,
  (SELECT toString(sum(primary_key_bytes_in_memory_allocated + index_granularity_bytes_in_memory_allocated)) FROM system.parts WHERE active AND database = currentDatabase()) AS keys,
  (SELECT toString(sum(primary_key_bytes_in_memory_allocated + index_granularity_bytes_in_memory_allocated)) FROM system.parts WHERE NOT active AND database = currentDatabase()) AS replaced_keys,
  (SELECT toString(toUInt64OrZero(extract(stats, 'Allocated: (\\d+)'))) FROM system.jemalloc_stats) AS allocator_allocated,
  (SELECT toString(toUInt64OrZero(extract(stats, 'resident: (\\d+)'))) FROM system.jemalloc_stats) AS allocator_resident,
  (SELECT toString(sum(memory_usage)) FROM system.processes) AS queries,
  (SELECT toString(sum(memory_usage)) FROM system.merges) AS merges,
  (SELECT toString(sum(bytes_allocated)) FROM system.dictionaries) AS dictionaries
