// The reference facts the simulator builds its registry from, read from the project's
// reference/ CSVs (provinces of 2004 and 2025, ministries, provinces' agency codes).
// Read once per process.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { projectRoot } from '../../core/paths'

export interface SimMinistry { code: string; name: string; kind: string }
export interface SimProvince2025 { code: string; name: string; mergedFrom: string[] }
export interface SimProvince2004 { code: string; name: string; successor: string }

export interface SimReference {
  ministries: SimMinistry[]
  provinces2025: SimProvince2025[]
  provinces2004: SimProvince2004[]
  /** 2004 province code → the electronic identifier of its People's Committee (`000.00.00.Hnn`). */
  agencyCodeOf2004: ReadonlyMap<string, string>
  /** Any known province code (2004 or 2025) → its 2025 code. */
  successor: ReadonlyMap<string, string>
  codes2025: ReadonlySet<string>
}

let cached: SimReference | undefined

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(path.join(projectRoot(), 'reference', file), 'utf8')
  return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]
}

export function simReference(): SimReference {
  if (cached) return cached
  const ministries = readCsv('ministries-2025.csv').map((r) => ({
    code: r.agency_code.normalize('NFC'),
    name: r.name.normalize('NFC'),
    kind: r.kind,
  }))
  const provinces2025 = readCsv('provinces-2025.csv').map((r) => ({
    code: r.code,
    name: r.name.normalize('NFC'),
    mergedFrom: r.merged_from_codes.split(/\s+/).filter(Boolean),
  }))
  const provinces2004 = readCsv('provinces-2004.csv').map((r) => ({
    code: r.code,
    name: r.name.normalize('NFC'),
    successor: r.successor_2025_code,
  }))
  const agencyCodeOf2004 = new Map(readCsv('province-agency-codes.csv').map((r) => [r.province_code_2004, r.agency_code]))
  const successor = new Map<string, string>()
  for (const p of provinces2004) successor.set(p.code, p.successor)
  for (const p of provinces2025) successor.set(p.code, p.code)
  cached = {
    ministries,
    provinces2025,
    provinces2004,
    agencyCodeOf2004,
    successor,
    codes2025: new Set(provinces2025.map((p) => p.code)),
  }
  return cached
}
