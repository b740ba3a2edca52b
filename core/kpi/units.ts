// Levels, structures and the list of units of a level (kpi.md, "Units and attribution").
import type { Store } from '../db'
import { reference } from '../reference'
import { registryRows } from '../registry-reads'

export const LEVELS = ['national', 'province', 'ministry'] as const
export type Level = (typeof LEVELS)[number]
export type UnitLevel = Exclude<Level, 'national'>
export const STRUCTURES = ['current', 'historical'] as const
export type Structure = (typeof STRUCTURES)[number]

export interface Unit {
  code: string
  name: string
}

/** Every unit of a level: the 34 provinces (current), the registry's province codes (historical), the registry's ministries. */
export async function listUnits(store: Store, level: UnitLevel, structure: Structure): Promise<Unit[]> {
  const ref = reference()
  if (level === 'ministry') return registryRows<Unit>(store, 'units-ministries')
  if (structure === 'current') return ref.provinces2025.map((p) => ({ code: p.code, name: p.name }))
  const rows = await registryRows<{ code: string }>(store, 'units-provinces-historical')
  return rows.map((r) => ({ code: r.code, name: ref.provinceName(r.code, 'historical') }))
}

export async function findUnit(store: Store, level: UnitLevel, structure: Structure, code: string): Promise<Unit | null> {
  return (await listUnits(store, level, structure)).find((u) => u.code === code) ?? null
}
