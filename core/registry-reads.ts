// Reads of the agency registry that pages make on every request (the ministries, a unit's agencies,
// agency names) kept in memory until the registry changes: in the embedded engine only this process
// writes the registry, and every registry load goes through reloadAgencyUnits (core/migrate.ts),
// which forgets them. A ClickHouse server may also be written by other processes (`ingest serve`,
// an import): there a read is kept at most a minute, less than the agency → unit dictionary itself
// lags (its lifetime is 5–10 minutes, migration 011). In embedded mode a page's queries run one
// after another, so a read saved is its whole time saved (ADR 011).
import type { Params, Store } from './db'

const KEEP_MS = 60_000
/** Distinct reads kept (agency names are asked for many sets of codes); the oldest go first. */
const MAX_KEPT = 500

interface Kept {
  /** the registry's generation when read */
  generation: number
  at: number
  rows: Promise<unknown[]>
}

// Shared by the Remix build and the server entry (separate module graphs, like the store in db.ts),
// so that a registry load by either one is seen by both.
const KEY = Symbol.for('egov-pulse.registry-reads')
const state = ((globalThis as { [KEY]?: { generation: number; kept: Map<string, Kept> } })[KEY] ??= { generation: 0, kept: new Map() })

/** The registry changed (a load, a start): every kept read is forgotten. */
export function registryChanged(): void {
  state.generation++
  state.kept.clear()
}

/** The rows of a named registry query, from memory when read since the registry last changed (and, on a server, within the last minute). */
export async function registryRows<T>(store: Store, name: string, params: Params = {}): Promise<T[]> {
  const key = `${store.where} ${name} ${JSON.stringify(params)}` // a process may hold stores of several directories (tests)
  const now = Date.now()
  const e = state.kept.get(key)
  if (e && e.generation === state.generation && (store.mode === 'embedded' || e.at > now - KEEP_MS)) return [...((await e.rows) as T[])]
  const generation = state.generation
  const rows = store.named<T>(name, params)
  state.kept.delete(key)
  state.kept.set(key, { generation, at: now, rows })
  rows.catch(() => state.kept.get(key)?.rows === rows && state.kept.delete(key)) // a failed read is asked again
  while (state.kept.size > MAX_KEPT) state.kept.delete(state.kept.keys().next().value as string)
  return [...(await rows)]
}
