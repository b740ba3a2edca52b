// What keeps the embedded engine's memory bounded (ADR 018) is in force on a store the product
// opens: the key-value tables write through their memtables (migration 012), the allocator gives
// freed pages back after 1 s, and the memory report the soak prints reads real numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryReport } from '../core/memory'
import { testEngine, type TestEngine } from './helpers/engine'

let e: TestEngine
beforeAll(async () => {
  e = await testEngine()
})
afterAll(async () => {
  await e.close()
})

describe('the embedded engine’s memory settings', () => {
  it('the key-value tables take inserts through their memtables, not one file per insert', async () => {
    const rows = await e.store.rows<{ name: string; q: string }>(
      `SELECT name, create_table_query AS q FROM system.tables WHERE database = currentDatabase() AND engine = 'EmbeddedRocksDB' ORDER BY name`,
    )
    expect(rows.map((r) => r.name)).toEqual(['dossier_rows', 'event_keys', 'exchange_kv'])
    for (const r of rows) expect({ table: r.name, bulk: /optimize_for_bulk_insert = (\d)/.exec(r.q)?.[1] }).toEqual({ table: r.name, bulk: '0' })
  })

  it('the allocator returns freed pages after 1 s', async () => {
    const [s] = await e.store.rows<{ decay: string }>(`SELECT extract(stats, 'opt.dirty_decay_ms: (\\\\d+)') AS decay FROM system.jemalloc_stats`)
    expect(s.decay).toBe('1000')
  })

  it('the memory report reads the engine and its allocator', async () => {
    await e.load('dossier', [
      { event_id: 'm-1', dossier_code: 'M-1', status: 2, occurred_at: '2025-10-01T09:00:00+07:00', agency_code: '000.00.00.H58', procedure_code: '1.001234', received_at: '2025-10-01T09:00:00+07:00', due_at: '2025-10-10T17:00:00+07:00', channel: 2 },
    ])
    const m = await memoryReport(e.store)
    expect(m.engine_tracked_mb).toBeGreaterThan(0)
    expect(m.allocator_allocated_mb).toBeGreaterThan(0)
    expect(m.allocator_resident_mb).toBeGreaterThanOrEqual(m.allocator_allocated_mb!)
    expect(m.parts).toBeGreaterThan(0)
    expect(m.rss_mb).toBeGreaterThan(m.allocator_allocated_mb!)
  })
})
