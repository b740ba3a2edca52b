// Numbered migrations in sql/migrations (NNN-name.sql), each applied once and recorded in
// schema_migrations. Statements are separated by a line that ends with ';'.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Store } from './db'
import { projectRoot } from './paths'
import { registryChanged } from './registry-reads'
import { reference } from './reference'

export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}

export async function migrate(store: Store): Promise<string[]> {
  await store.command(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version`,
  )
  const done = new Set((await store.rows<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)))
  const dir = path.join(projectRoot(), 'sql', 'migrations')
  const files = readdirSync(dir).filter((f) => /^\d{3}-.*\.sql$/.test(f)).sort()
  const applied: string[] = []
  for (const file of files) {
    const version = Number(file.slice(0, 3))
    if (done.has(version)) continue
    for (const stmt of splitStatements(readFileSync(path.join(dir, file), 'utf8'))) await store.command(stmt)
    await store.insert('schema_migrations', [{ version, name: file }])
    applied.push(file)
  }
  return applied
}

/** Reference facts the SQL joins on (2004 → 2025 province codes), refreshed at every start. */
export async function syncReference(store: Store): Promise<void> {
  const ref = reference()
  const rows = [...ref.successor].map(([code, successor]) => ({ code, successor }))
  await store.insert('ref_province_successor', rows)
  await reloadAgencyUnits(store)
}

/** Reloads the agency → unit dictionary (migration 011) from the registry as it is now; after every registry load. */
export async function reloadAgencyUnits(store: Store): Promise<void> {
  await store.command('SYSTEM RELOAD DICTIONARY agency_unit_dict')
  registryChanged() // the registry reads pages keep in memory
}
