// Where the server's memory goes, for the soak and for operators chasing growth: the process's
// RSS split into the V8 heap, buffers outside it, and what the engine itself tracks (its caches
// included). Opt-in: EGP_MEMORY_LOG_MS=60000 prints one `memory {json}` line to stdout that often.
import type { Store } from './db'

export interface MemoryReport {
  rss_mb: number
  heap_used_mb: number
  heap_total_mb: number
  external_mb: number
  /** the engine's own allocation tracker (queries, caches, merges); null in server mode */
  engine_tracked_mb: number | null
  /** the engine's caches that grow with the data read: marks, primary index, compiled expressions, query conditions */
  engine_caches_mb: number | null
  /** active parts of the MergeTree tables and their primary keys held in memory (both grow with the data) */
  parts: number | null
  primary_keys_mb: number | null
  /** held at the moment by running queries and merges (the part of engine_tracked_mb that comes and goes) */
  queries_mb: number | null
  merges_mb: number | null
  dictionaries_mb: number | null
}

const MB = 2 ** 20
const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10
const CACHES = ['MarkCacheBytes', 'PrimaryIndexCacheBytes', 'CompiledExpressionCacheBytes', 'QueryConditionCacheBytes', 'UncompressedCacheBytes', 'PageCacheBytes']

export async function memoryReport(store: Store | undefined): Promise<MemoryReport> {
  const m = process.memoryUsage()
  let tracked: number | null = null
  let caches: number | null = null
  let parts: number | null = null
  let keys: number | null = null
  let queries: number | null = null
  let merges: number | null = null
  let dictionaries: number | null = null
  if (store?.mode === 'embedded') {
    const rows = await store.rows<{ metric: string; value: string }>(
      'SELECT metric, toString(value) AS value FROM system.metrics WHERE metric IN {names:Array(String)}',
      { names: ['MemoryTracking', ...CACHES] },
    )
    const get = (name: string) => Number(rows.find((r) => r.metric === name)?.value ?? 0)
    tracked = round(get('MemoryTracking'))
    caches = round(CACHES.reduce((s, n) => s + get(n), 0))
    const [p] = await store.rows<{ parts: string; keys: string }>(
      'SELECT toString(count()) AS parts, toString(sum(primary_key_bytes_in_memory_allocated)) AS keys FROM system.parts WHERE active AND database = currentDatabase()',
    )
    parts = Number(p?.parts ?? 0)
    keys = round(Number(p?.keys ?? 0))
    const [t] = await store.rows<{ q: string; m: string; d: string }>(
      `SELECT
         (SELECT toString(sum(memory_usage)) FROM system.processes) AS q,
         (SELECT toString(sum(memory_usage)) FROM system.merges) AS m,
         (SELECT toString(sum(bytes_allocated)) FROM system.dictionaries) AS d`,
    )
    queries = round(Number(t?.q ?? 0))
    merges = round(Number(t?.m ?? 0))
    dictionaries = round(Number(t?.d ?? 0))
  }
  return { rss_mb: round(m.rss), heap_used_mb: round(m.heapUsed), heap_total_mb: round(m.heapTotal), external_mb: round(m.external), engine_tracked_mb: tracked, engine_caches_mb: caches, parts, primary_keys_mb: keys, queries_mb: queries, merges_mb: merges, dictionaries_mb: dictionaries }
}
