// Reference facts shipped in reference/ (copied from the contract): provinces of 2004 and 2025,
// ministries, status names. Read once; never hard-coded in logic (agency codes come from the registry).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { projectRoot } from './paths'

export interface Province2025 { code: string; name: string; merged_from: string[] }
export interface Province2004 { code: string; name: string; successor: string }
export interface NamedCode { code: string; name_vi: string; name_en: string }
export interface Ministry { agency_code: string; name: string; kind: string; formed_from: string }

function readCsv<T>(file: string): T[] {
  return parse(readFileSync(path.join(projectRoot(), 'reference', file), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as T[]
}

export interface Reference {
  provinces2025: Province2025[]
  provinces2004: Province2004[]
  /** Every known two-digit province code (2004 and 2025). */
  provinceCodes: ReadonlySet<string>
  /** 2004 (or 2025) code → 2025 code, for structure=current. */
  successor: ReadonlyMap<string, string>
  /** Name of a province code in a structure: 2025 names first for current, 2004 names first for historical. */
  provinceName(code: string, structure: 'current' | 'historical'): string
  dossierStatus: Array<NamedCode & { terminal: string }>
  documentStatus: NamedCode[]
  channels: NamedCode[]
  ministries: Ministry[]
}

let cached: Reference | undefined

export function reference(): Reference {
  if (cached) return cached
  const p25 = readCsv<{ code: string; name: string; merged_from_codes: string }>('provinces-2025.csv').map((r) => ({
    code: r.code,
    name: r.name,
    merged_from: r.merged_from_codes.split(/\s+/).filter(Boolean),
  }))
  const p04 = readCsv<{ code: string; name: string; successor_2025_code: string }>('provinces-2004.csv').map((r) => ({
    code: r.code,
    name: r.name,
    successor: r.successor_2025_code,
  }))
  const successor = new Map<string, string>()
  for (const p of p25) successor.set(p.code, p.code)
  for (const p of p04) successor.set(p.code, p.successor)
  const n25 = new Map(p25.map((p) => [p.code, p.name]))
  const n04 = new Map(p04.map((p) => [p.code, p.name]))
  cached = {
    provinces2025: p25,
    provinces2004: p04,
    provinceCodes: new Set([...n25.keys(), ...n04.keys()]),
    successor,
    provinceName: (code, structure) =>
      (structure === 'current' ? (n25.get(code) ?? n04.get(code)) : (n04.get(code) ?? n25.get(code))) ?? code,
    dossierStatus: readCsv('dossier-status.csv'),
    documentStatus: readCsv('document-status.csv'),
    channels: readCsv('channels.csv'),
    ministries: readCsv('ministries-2025.csv'),
  }
  return cached
}
