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
  /** parts a merge replaced, still loaded until old_parts_lifetime has passed (core/embedded-engine.xml) */
  replaced_parts: number | null
  /** primary keys and granule sizes of the active parts */
  primary_keys_mb: number | null
  /** the same for the replaced parts still loaded */
  replaced_keys_mb: number | null
  /** the engine's allocator (jemalloc): what is allocated, and what of its memory is resident (allocated + kept for reuse + its own metadata) */
  allocator_allocated_mb: number | null
  allocator_resident_mb: number | null
  /** held at the moment by running queries and merges (the part of engine_tracked_mb that comes and goes) */
  queries_mb: number | null
  merges_mb: number | null
  dictionaries_mb: number | null
}

const MB = 2 ** 20
const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10
type EngineField = 'tracked' | 'caches' | 'parts' | 'replaced' | 'keys' | 'replaced_keys' | 'allocator_allocated' | 'allocator_resident' | 'queries' | 'merges' | 'dictionaries'

export async function memoryReport(store: Store | undefined): Promise<MemoryReport> {
  const m = process.memoryUsage()
  // the engine's figures exist only in-process (a ClickHouse server reports its own)
  const [e] = store?.mode === 'embedded' ? await store.named<Record<EngineField, string>>('engine-memory') : []
  const mbOf = (k: EngineField) => (e ? round(Number(e[k] ?? 0)) : null)
  return {
    rss_mb: round(m.rss),
    heap_used_mb: round(m.heapUsed),
    heap_total_mb: round(m.heapTotal),
    external_mb: round(m.external),
    engine_tracked_mb: mbOf('tracked'),
    engine_caches_mb: mbOf('caches'),
    parts: e ? Number(e.parts) : null,
    replaced_parts: e ? Number(e.replaced) : null,
    primary_keys_mb: mbOf('keys'),
    replaced_keys_mb: mbOf('replaced_keys'),
    allocator_allocated_mb: mbOf('allocator_allocated'),
    allocator_resident_mb: mbOf('allocator_resident'),
    queries_mb: mbOf('queries'),
    merges_mb: mbOf('merges'),
    dictionaries_mb: mbOf('dictionaries'),
  }
}
