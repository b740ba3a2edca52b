import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  newLiveState,
  simulateConnectionEvents,
  simulateDocumentEvents,
  simulateDossierEvents,
  simulateLiveTick,
  simulateRegistry,
  UNMAPPED_AGENCY_CODES,
  type AgencyRow,
  type SimOptions,
} from '../scripts/simulate/index'

// ── reference CSVs (simple: none of the columns used here contains a quoted comma) ──
function csv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(`../reference/${file}`, import.meta.url), 'utf8').trim().split(/\r?\n/)
  const cols = head.split(',')
  return lines.map((l) => {
    const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/, '$1'))
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']))
  })
}
const ministries = csv('ministries-2025.csv')
const provinces2025 = csv('provinces-2025.csv')
const provinces2004 = csv('provinces-2004.csv')
const agencyCodes = new Map(csv('province-agency-codes.csv').map((r) => [r.province_code_2004, r.agency_code]))
const codes2025 = new Set(provinces2025.map((p) => p.code))
const codes2004 = new Set(provinces2004.map((p) => p.code))

// ── validation of the events contract ──
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
type Spec = Record<string, { type: 'string' | 'int' | 'bool' | 'ts'; required?: boolean; min?: number; max?: number; values?: readonly unknown[] }>
const DOSSIER: Spec = {
  event_id: { type: 'string', required: true, min: 1, max: 128 },
  dossier_code: { type: 'string', required: true, min: 1, max: 64 },
  status: { type: 'int', required: true, min: 1, max: 10 },
  occurred_at: { type: 'ts', required: true },
  agency_code: { type: 'string', required: true, min: 1, max: 35 },
  procedure_code: { type: 'string', required: true, min: 1, max: 64 },
  sector_code: { type: 'string' },
  channel: { type: 'int', min: 1, max: 3 },
  applicant_type: { type: 'int', min: 1, max: 4 },
  received_at: { type: 'ts' },
  due_at: { type: 'ts' },
  finished_at: { type: 'ts' },
  paid_online: { type: 'bool' },
  digitized: { type: 'bool' },
}
const DOCUMENT: Spec = {
  event_id: { type: 'string', required: true, min: 1, max: 128 },
  document_id: { type: 'string', required: true, min: 1, max: 256 },
  from_agency: { type: 'string', required: true, min: 1, max: 35 },
  to_agency: { type: 'string', required: true, min: 1, max: 35 },
  status: { type: 'string', required: true, values: ['00', '01', '02', '03', '04', '05', '06', '13', '15', '16'] },
  occurred_at: { type: 'ts', required: true },
  business_type: { type: 'int', min: 0, max: 3 },
  due_at: { type: 'ts' },
}
const CONNECTION: Spec = {
  event_id: { type: 'string', required: true, min: 1, max: 128 },
  agency_code: { type: 'string', required: true, min: 1, max: 35 },
  platform: { type: 'string', required: true, values: ['document_axis', 'service_portal'] },
  state: { type: 'string', required: true, values: ['testing', 'connected', 'disconnected'] },
  occurred_at: { type: 'ts', required: true },
}

/** Problems of one event against a spec; empty when valid. */
function problems(spec: Spec, ev: object): string[] {
  const out: string[] = []
  const o = ev as Record<string, unknown>
  for (const k of Object.keys(o)) if (!(k in spec)) out.push(`${k}: not a field of the contract`)
  for (const [k, f] of Object.entries(spec)) {
    const v = o[k]
    if (v === undefined || v === null) {
      if (f.required) out.push(`${k}: missing`)
      continue
    }
    if (f.type === 'string') {
      if (typeof v !== 'string') out.push(`${k}: not a string`)
      else {
        if (f.min !== undefined && v.length < f.min) out.push(`${k}: too short`)
        if (f.max !== undefined && v.length > f.max) out.push(`${k}: too long`)
        if (v !== v.normalize('NFC')) out.push(`${k}: not NFC`)
      }
    } else if (f.type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v)) out.push(`${k}: not an integer`)
      else if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) out.push(`${k}: out of range`)
    } else if (f.type === 'bool') {
      if (typeof v !== 'boolean') out.push(`${k}: not a boolean`)
    } else if (typeof v !== 'string' || !TS.test(v) || !v.endsWith('+07:00') || Number.isNaN(Date.parse(v))) {
      out.push(`${k}: bad timestamp ${String(v)}`)
    } else {
      // An impossible date (Date.parse rolls 2025-02-30 over to March) is a validation error.
      const [y, m, d] = v.slice(0, 10).split('-').map(Number)
      const back = new Date(Date.UTC(y, m - 1, d))
      if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) out.push(`${k}: impossible date ${v}`)
    }
    if (f.values && !f.values.includes(v)) out.push(`${k}: unknown value ${String(v)}`)
  }
  return out
}

function take<T>(gen: Iterable<T>, n: number): T[] {
  const out: T[] = []
  for (const x of gen) {
    out.push(x)
    if (out.length >= n) break
  }
  return out
}

const registry = simulateRegistry({ seed: 7 })
const week: SimOptions = { seed: 7, from: new Date('2025-09-22T00:00:00+07:00'), to: new Date('2025-10-05T12:00:00+07:00'), scale: 0.3 }
const dossiers = [...simulateDossierEvents(registry, week)]
const documents = [...simulateDocumentEvents(registry, { ...week, scale: 1 })]
const year: SimOptions = { seed: 7, from: new Date('2024-10-01T00:00:00+07:00'), to: new Date('2025-09-30T23:59:59+07:00') }
const connections = [...simulateConnectionEvents(registry, year)]

describe('simulateRegistry', () => {
  it('has a plausible size and unique, short codes', () => {
    expect(registry.length).toBeGreaterThanOrEqual(700)
    expect(registry.length).toBeLessThanOrEqual(1000)
    const codes = registry.map((r) => r.agency_code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(c.length).toBeGreaterThan(0), expect(c.length).toBeLessThanOrEqual(35)
    for (const r of registry) expect(r.name).toBe(r.name.normalize('NFC'))
  })

  it('has every ministry of the CSV, naming itself, with 3–5 units below it', () => {
    for (const m of ministries) {
      const row = registry.find((r) => r.agency_code === m.agency_code)
      expect(row, m.agency_code).toBeDefined()
      expect(row!.level).toBe('central')
      expect(row!.ministry).toBe(m.agency_code)
      expect(row!.name).toBe(m.name)
      const units = registry.filter((r) => r.ministry === m.agency_code && r.agency_code !== m.agency_code)
      expect(units.length).toBeGreaterThanOrEqual(3)
      expect(units.length).toBeLessThanOrEqual(5)
      for (const u of units) expect(u.level).toBe('central'), expect(u.parent_code).toBe(m.agency_code)
    }
    const ministryCodes = new Set(ministries.map((m) => m.agency_code))
    for (const r of registry.filter((x) => x.level === 'central')) expect(ministryCodes.has(r.ministry!)).toBe(true)
  })

  it('gives every local row a known province code, and each 2025 province its committee, departments and communes', () => {
    const local = registry.filter((r) => r.level !== 'central')
    for (const r of local) {
      expect(r.province_code, r.agency_code).toBeDefined()
      expect(codes2025.has(r.province_code!) || codes2004.has(r.province_code!), r.agency_code).toBe(true)
      expect(r.ministry).toBeUndefined()
    }
    for (const p of provinces2025) {
      const rows = local.filter((r) => r.province_code === p.code)
      const committee = rows.find((r) => r.agency_code === agencyCodes.get(p.code))
      expect(committee, p.code).toBeDefined()
      expect(committee!.level).toBe('province')
      const departments = rows.filter((r) => r.level === 'province' && r !== committee)
      expect(departments.length).toBeGreaterThanOrEqual(4)
      expect(departments.length).toBeLessThanOrEqual(8)
      expect(departments.some((d) => d.name.startsWith('Sở Tư pháp'))).toBe(true)
      const communes = rows.filter((r) => r.level === 'commune')
      expect(communes.length).toBeGreaterThanOrEqual(5)
      expect(communes.length).toBeLessThanOrEqual(20)
      for (const c of communes) expect(c.name).toMatch(/^UBND (xã|phường|đặc khu) \S/u)
    }
    const former = local.filter((r) => !codes2025.has(r.province_code!))
    expect(former.length).toBeGreaterThanOrEqual(3)
    expect(former.length).toBeLessThanOrEqual(5)
    expect(former.some((r) => r.level === 'district')).toBe(true)
  })

  it('is deterministic', () => {
    expect(simulateRegistry({ seed: 7 })).toEqual(registry)
  })
})

describe('event streams', () => {
  it('are deterministic for a seed (same first 100 events) and change with it', () => {
    const first = (seed: number) => ({
      d: take(simulateDossierEvents(registry, { ...week, seed }), 100),
      doc: take(simulateDocumentEvents(registry, { ...week, seed }), 100),
      c: take(simulateConnectionEvents(registry, { ...year, seed }), 100),
    })
    const a = first(7)
    expect(a.d).toHaveLength(100)
    expect(a.doc).toHaveLength(100)
    expect(a.c).toHaveLength(100)
    expect(first(7)).toEqual(a)
    expect(a.d).toEqual(dossiers.slice(0, 100))
    const b = first(8)
    expect(b.d).not.toEqual(a.d)
    expect(b.doc).not.toEqual(a.doc)
  })

  it('are checked by a validator that does reject bad events', () => {
    const good = dossiers.find((e) => e.status === 2)!
    expect(problems(DOSSIER, good)).toEqual([])
    expect(problems(DOSSIER, { ...good, status: '2' })).not.toEqual([])
    expect(problems(DOSSIER, { ...good, occurred_at: '2025-10-01T09:15:00' })).not.toEqual([])
    expect(problems(DOSSIER, { ...good, due_at: '2025-02-30T09:15:00+07:00' })).not.toEqual([])
    expect(problems(DOSSIER, { ...good, paid_online: 1 })).not.toEqual([])
    expect(problems(DOSSIER, { ...good, agency_code: 'x'.repeat(36) })).not.toEqual([])
    expect(problems(DOCUMENT, { ...documents[0], status: '7' })).not.toEqual([])
    expect(problems(CONNECTION, { ...connections[0], state: 'online' })).not.toEqual([])
  })

  it('emit events valid against the contract', () => {
    const bad = (spec: Spec, evs: readonly object[]) => evs.flatMap((e) => problems(spec, e).map((p) => `${p} in ${JSON.stringify(e)}`))
    expect(bad(DOSSIER, dossiers)).toEqual([])
    expect(bad(DOCUMENT, documents)).toEqual([])
    expect(bad(CONNECTION, connections)).toEqual([])
  })

  it('never emit occurred_at outside [from, to]', () => {
    for (const [evs, o] of [[dossiers, week], [documents, week], [connections, year]] as const) {
      expect(evs.length).toBeGreaterThan(0)
      const outside = evs.filter((e: { occurred_at: string }) => {
        const t = Date.parse(e.occurred_at)
        return t > o.to.getTime() || t < o.from.getTime()
      })
      expect(outside).toEqual([])
    }
  })

  it('come roughly in order, with a few late events, duplicates (identical) and unmapped agencies', () => {
    let back = 0
    for (let i = 1; i < dossiers.length; i++) if (Date.parse(dossiers[i].occurred_at) < Date.parse(dossiers[i - 1].occurred_at)) back++
    expect(back).toBeGreaterThan(0)
    expect(back / dossiers.length).toBeLessThan(0.05)
    const byId = new Map<string, string>()
    let dups = 0
    for (const e of dossiers) {
      const s = JSON.stringify(e)
      const prev = byId.get(e.event_id)
      if (prev !== undefined) {
        dups++
        expect(s).toBe(prev)
      } else byId.set(e.event_id, s)
    }
    expect(dups).toBeGreaterThan(0)
    expect(dups / dossiers.length).toBeLessThan(0.01)
    const unmapped = dossiers.filter((e) => (UNMAPPED_AGENCY_CODES as readonly string[]).includes(e.agency_code)).length
    expect(unmapped).toBeGreaterThan(0)
    expect(unmapped / dossiers.length).toBeLessThan(0.02)
    const known = new Set(registry.map((r) => r.agency_code))
    for (const e of dossiers) expect(known.has(e.agency_code) || (UNMAPPED_AGENCY_CODES as readonly string[]).includes(e.agency_code)).toBe(true)
  })

  it('give dossiers a plausible lifecycle', () => {
    const byCode = new Map<string, typeof dossiers>()
    for (const e of dossiers) byCode.set(e.dossier_code, [...(byCode.get(e.dossier_code) ?? []), e])
    expect(byCode.size).toBeGreaterThan(1000)
    let finished = 0
    let pending = 0
    let online = 0
    let received = 0
    for (const [code, evs] of byCode) {
      expect(code).toMatch(/^[A-Z]\d{2}\.\d{2}-\d{6}-\d{4}$/)
      const uniq = [...new Map(evs.map((e) => [e.event_id, e])).values()].sort((a, b) => Number(a.event_id.split(':').pop()) - Number(b.event_id.split(':').pop()))
      for (let i = 1; i < uniq.length; i++) expect(Date.parse(uniq[i].occurred_at)).toBeGreaterThanOrEqual(Date.parse(uniq[i - 1].occurred_at))
      for (const e of uniq) expect(e.event_id.startsWith(`sim:${code}:`)).toBe(true)
      const r = uniq.find((e) => e.status === 2)
      if (r) {
        received++
        expect(r.received_at).toBe(r.occurred_at)
        const days = (Date.parse(r.due_at!) - Date.parse(r.received_at!)) / 86400e3
        expect(days).toBeGreaterThan(1)
        expect(days).toBeLessThanOrEqual(40)
        expect(typeof r.digitized).toBe('boolean')
        if (r.channel === 2) online++
      }
      const end = uniq.find((e) => [3, 7, 8, 9, 10].includes(e.status))
      if (end && end.status >= 9) {
        finished++
        expect(end.finished_at).toBeDefined()
      }
      if (!end && r) pending++
    }
    expect(finished).toBeGreaterThan(received * 0.3)
    expect(pending).toBeGreaterThan(0)
    expect(online / received).toBeGreaterThan(0.35)
    expect(online / received).toBeLessThan(0.8)
  })

  it('send documents to 2.5–5 recipients on average, acknowledged mostly', () => {
    const docs = new Set<string>()
    const exchanges = new Set<string>()
    const accepted = new Set<string>()
    for (const e of documents) {
      const x = `${e.document_id}|${e.from_agency}|${e.to_agency}`
      if (e.status === '00') docs.add(e.document_id), exchanges.add(x)
      if (e.status === '03') accepted.add(x)
      expect(e.document_id.startsWith(`${e.from_agency},`)).toBe(true)
      expect(e.from_agency).not.toBe(e.to_agency)
    }
    expect(docs.size).toBeGreaterThan(300)
    const ratio = exchanges.size / docs.size
    expect(ratio).toBeGreaterThanOrEqual(2.5)
    expect(ratio).toBeLessThanOrEqual(5)
    expect(accepted.size / exchanges.size).toBeGreaterThan(0.8)
    expect(new Set(documents.filter((e) => e.status === '00').map((e) => e.event_id)).size).toBe(exchanges.size)
  })

  it('roll connections out over the period, most agencies connected at the end', () => {
    const last = new Map<string, { at: string; id: string; state: string }>()
    for (const e of connections) {
      const k = `${e.agency_code}|${e.platform}`
      const p = last.get(k)
      if (!p || e.occurred_at > p.at || (e.occurred_at === p.at && e.event_id > p.id)) last.set(k, { at: e.occurred_at, id: e.event_id, state: e.state })
    }
    const share = (platform: string) => registry.filter((r) => last.get(`${r.agency_code}|${platform}`)?.state === 'connected').length / registry.length
    expect(share('document_axis')).toBeGreaterThan(0.8)
    expect(share('document_axis')).toBeLessThan(0.98)
    expect(share('service_portal')).toBeGreaterThan(0.65)
    expect(share('service_portal')).toBeLessThan(0.92)
    // S-curve: fewer connected at a quarter of the period than at three quarters.
    const at = (f: number) => {
      const t = year.from.getTime() + f * (year.to.getTime() - year.from.getTime())
      return connections.filter((e) => e.state === 'connected' && e.platform === 'document_axis' && Date.parse(e.occurred_at) <= t).length
    }
    expect(at(0.25)).toBeLessThan(at(0.75) / 2)
    expect(connections.some((e) => e.state === 'disconnected')).toBe(true)
    const ids = new Map<string, string>()
    for (const e of connections) {
      const s = JSON.stringify(e)
      expect(ids.get(e.event_id) ?? s).toBe(s)
      ids.set(e.event_id, s)
    }
  })

  it('handles any registry, including one without local agencies', () => {
    const central: AgencyRow[] = registry.filter((r) => r.level === 'central')
    const evs = take(simulateDossierEvents(central, { ...week, scale: 0.5 }), 500)
    expect(evs.length).toBe(500)
    const codes = new Set(central.map((r) => r.agency_code))
    expect(evs.filter((e) => codes.has(e.agency_code)).length).toBeGreaterThan(450)
  })
})

describe('simulateLiveTick', () => {
  const start = Date.parse('2025-10-06T09:00:00+07:00')
  const run = (seed: number, ticks: number) => {
    const state = newLiveState(seed)
    return Array.from({ length: ticks }, (_, i) => ({ now: start + i * 5000, ...simulateLiveTick(registry, new Date(start + i * 5000), state) }))
  }

  it('produces a few dozen valid events a tick, none after now, finishing dossiers of earlier ticks', () => {
    const ticks = run(3, 240)
    const firstTick = new Map<string, number>()
    let carried = 0
    let dossierEvents = 0
    ticks.forEach((t, i) => {
      for (const e of t.dossier) {
        expect(problems(DOSSIER, e), JSON.stringify(e)).toEqual([])
        expect(Date.parse(e.occurred_at)).toBeLessThanOrEqual(t.now)
        if (!firstTick.has(e.dossier_code)) firstTick.set(e.dossier_code, i)
        else if ((e.status === 9 || e.status === 10) && firstTick.get(e.dossier_code)! < i) carried++
      }
      for (const e of t.document) {
        expect(problems(DOCUMENT, e), JSON.stringify(e)).toEqual([])
        expect(Date.parse(e.occurred_at)).toBeLessThanOrEqual(t.now)
      }
      for (const e of t.connection) expect(problems(CONNECTION, e), JSON.stringify(e)).toEqual([])
      dossierEvents += t.dossier.length
    })
    const steady = ticks.slice(120)
    const avg = steady.reduce((s, t) => s + t.dossier.length, 0) / steady.length
    expect(avg).toBeGreaterThan(10)
    expect(avg).toBeLessThan(80)
    expect(steady.reduce((s, t) => s + t.document.length, 0)).toBeGreaterThan(0)
    expect(carried).toBeGreaterThan(50)
    const ids = ticks.flatMap((t) => [...t.dossier, ...t.document, ...t.connection].map((e) => e.event_id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(dossierEvents).toBeGreaterThan(0)
  })

  it('is deterministic for a seed and a sequence of ticks', () => {
    expect(run(5, 30)).toEqual(run(5, 30))
    expect(run(6, 30)).not.toEqual(run(5, 30))
  })
})
