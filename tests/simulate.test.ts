// The simulator at national shape: the registry's size and codes, events valid against the real
// validator, determinism, weekday and Tết seasonality, unit differences, fan-out, late and
// duplicate deliveries in the configured proportions, the live feed.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import {
  nationalSplit,
  newLiveState,
  procedureCatalogue,
  simulateConnectionEvents,
  simulateDocumentEvents,
  simulateDossierEvents,
  simulateLiveTick,
  simulateRegistry,
  UNMAPPED_AGENCY_CODES,
  type AgencyRow,
  type DossierEvent,
  type SimOptions,
} from '../scripts/simulate/index'
import { validateRecord } from '../ingest/validate'
import type { Kind } from '../ingest/records'
import { reference } from '../core/reference'

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
const ctx = { provinceCodes: reference().provinceCodes }

/** Problems of records against ingest/validate.ts (the real validator), and fields outside the contract. */
const FIELDS: Record<Kind, string[]> = {
  dossier: ['event_id', 'dossier_code', 'status', 'occurred_at', 'agency_code', 'procedure_code', 'sector_code', 'channel', 'applicant_type', 'received_at', 'due_at', 'finished_at', 'paid_online', 'digitized'],
  document: ['event_id', 'document_id', 'from_agency', 'to_agency', 'status', 'occurred_at', 'business_type', 'due_at'],
  connection: ['event_id', 'agency_code', 'platform', 'state', 'occurred_at'],
  agency: ['agency_code', 'name', 'level', 'ministry', 'province_code', 'parent_code'],
}
function invalid(kind: Kind, items: readonly object[]): string[] {
  const out: string[] = []
  items.forEach((item, i) => {
    const v = validateRecord(kind, item, i + 1, ctx)
    if (!v.ok) out.push(`${v.reject.field}: ${v.reject.reason} in ${JSON.stringify(item)}`)
    for (const k of Object.keys(item)) if (!FIELDS[kind].includes(k)) out.push(`${k}: not a field of the contract`)
    if (out.length > 5) return
  })
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

const localDay = (iso: string) => iso.slice(0, 10)
const dayOfWeek = (ymd: string) => new Date(`${ymd}T00:00:00Z`).getUTCDay()

const registry = simulateRegistry({ seed: 7 })
const two: SimOptions = { seed: 7, from: new Date('2025-09-22T00:00:00+07:00'), to: new Date('2025-10-05T12:00:00+07:00'), events: 60_000 }
const dossiers = [...simulateDossierEvents(registry, two)]
const documents = [...simulateDocumentEvents(registry, { ...two, events: 12_000 })]
const year: SimOptions = { seed: 7, from: new Date('2024-10-01T00:00:00+07:00'), to: new Date('2025-09-30T23:59:59+07:00') }
const connections = [...simulateConnectionEvents(registry, year)]
// Around Tết 2026 (17 February): January, the holiday, the catch-up.
const tetRun: SimOptions = { seed: 7, from: new Date('2026-01-01T00:00:00+07:00'), to: new Date('2026-03-31T23:59:59+07:00'), events: 150_000 }
const tet = [...simulateDossierEvents(registry, tetRun)]

/** Received dossiers per local day, with their agency and channel (first delivery of each status-2 event). */
function received(evs: readonly DossierEvent[]) {
  const seen = new Set<string>()
  const out: DossierEvent[] = []
  for (const e of evs) if (e.status === 2 && !seen.has(e.event_id)) seen.add(e.event_id), out.push(e)
  return out
}

describe('simulateRegistry', () => {
  const provinceOf = (r: AgencyRow) => r.province_code!

  it('has the national size: 34 provinces, 3,321 communes, 17 ministries, 9,000–11,000 agencies', () => {
    expect(registry.length).toBeGreaterThanOrEqual(9000)
    expect(registry.length).toBeLessThanOrEqual(11000)
    expect(registry.filter((r) => r.level === 'commune')).toHaveLength(3321)
    expect(new Set(registry.filter((r) => r.level !== 'central' && codes2025.has(provinceOf(r))).map(provinceOf)).size).toBe(34)
    expect(registry.filter((r) => r.level === 'central' && r.ministry === r.agency_code)).toHaveLength(17)
  })

  it('has unique codes of at most 35 characters in the Decision 20/2020 shape, every row valid', () => {
    const codes = registry.map((r) => r.agency_code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes.filter((c) => !/^\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}$/.test(c))).toEqual([])
    expect(Math.max(...codes.map((c) => c.length))).toBeLessThanOrEqual(35)
    expect(invalid('agency', registry)).toEqual([])
    expect(registry.filter((r) => r.name !== r.name.normalize('NFC'))).toEqual([])
    const known = new Set(codes)
    expect(registry.filter((r) => r.parent_code && !known.has(r.parent_code))).toEqual([])
  })

  it('gives every ministry of the CSV its row and tens of units, each naming its ministry', () => {
    for (const m of ministries) {
      const row = registry.find((r) => r.agency_code === m.agency_code)
      expect(row, m.agency_code).toBeDefined()
      expect(row!.level).toBe('central')
      expect(row!.ministry).toBe(m.agency_code)
      expect(row!.name).toBe(m.name)
      const units = registry.filter((r) => r.ministry === m.agency_code && r.agency_code !== m.agency_code)
      expect(units.length, m.agency_code).toBeGreaterThanOrEqual(10)
    }
    const ministryCodes = new Set(ministries.map((m) => m.agency_code))
    for (const r of registry.filter((x) => x.level === 'central')) expect(ministryCodes.has(r.ministry!)).toBe(true)
  })

  it('gives each 2025 province its People\'s Committee (CSV code), 15–20 departments and its communes', () => {
    let communes = 0
    for (const p of provinces2025) {
      const rows = registry.filter((r) => r.level !== 'central' && r.province_code === p.code)
      const committee = rows.find((r) => r.agency_code === agencyCodes.get(p.code))
      expect(committee, p.code).toBeDefined()
      expect(committee!.level).toBe('province')
      expect(committee!.name).toMatch(/^Ủy ban nhân dân (tỉnh|thành phố) /)
      const departments = rows.filter((r) => r.level === 'province' && r.parent_code === committee!.agency_code)
      expect(departments.length).toBeGreaterThanOrEqual(15)
      expect(departments.length).toBeLessThanOrEqual(20)
      expect(departments.some((d) => d.name.startsWith('Sở Tư pháp'))).toBe(true)
      const c = rows.filter((r) => r.level === 'commune')
      expect(c.length).toBeGreaterThan(15)
      for (const x of c) expect(x.name).toMatch(/^Ủy ban nhân dân (xã|phường|đặc khu) \S/u)
      communes += c.length
    }
    expect(communes).toBe(3321)
    // The two big cities have the most communes.
    const count = (code: string) => registry.filter((r) => r.level === 'commune' && r.province_code === code).length
    expect(count('79')).toBeGreaterThan(count('12') * 2)
  })

  it('keeps agencies of the 2004 provinces for data before 2025-07-01: committees and districts', () => {
    const districts = registry.filter((r) => r.level === 'district')
    expect(districts.length).toBe(2 * 63)
    for (const d of districts) expect(codes2004.has(d.province_code!), d.agency_code).toBe(true)
    const former = registry.filter((r) => r.level === 'province' && !codes2025.has(r.province_code!))
    expect(former.length).toBe(29)
    for (const r of former) expect(r.agency_code).toBe(agencyCodes.get(r.province_code!))
  })

  it('is deterministic', () => {
    expect(simulateRegistry({ seed: 7 })).toEqual(registry)
  })
})

describe('event streams', () => {
  it('emit events that pass ingest/validate.ts', () => {
    expect(invalid('dossier', dossiers)).toEqual([])
    expect(invalid('document', documents)).toEqual([])
    expect(invalid('connection', connections)).toEqual([])
    expect(connections.length).toBeGreaterThan(registry.length)
    expect(invalid('dossier', tet)).toEqual([])
  })

  it('are deterministic for a seed (same first 1,000 events) and change with it', () => {
    const first = (seed: number) => ({
      d: take(simulateDossierEvents(registry, { ...two, seed }), 1000),
      doc: take(simulateDocumentEvents(registry, { ...two, events: 12_000, seed }), 1000),
      c: take(simulateConnectionEvents(registry, { ...year, seed }), 1000),
    })
    const a = first(7)
    expect(a.d).toHaveLength(1000)
    expect(first(7)).toEqual(a)
    expect(a.d).toEqual(dossiers.slice(0, 1000))
    expect(a.doc).toEqual(documents.slice(0, 1000))
    const b = first(8)
    expect(b.d).not.toEqual(a.d)
    expect(b.doc).not.toEqual(a.doc)
    expect(b.c).not.toEqual(a.c)
  })

  it('give about the number of events asked for, in national proportions', () => {
    expect(Math.abs(dossiers.length - 60_000)).toBeLessThan(1200)
    expect(Math.abs(documents.length - 12_000)).toBeLessThan(600)
    expect(Math.abs(tet.length - 150_000)).toBeLessThan(3000)
    const split = nationalSplit(320_000_000)
    expect(split).toEqual({ dossier: 300_000_000, document: 20_000_000 })
    // scale keeps its meaning: 1 ≈ 150k dossiers a year.
    const codes = new Set<string>()
    for (const e of simulateDossierEvents(registry, { ...year, from: new Date('2025-03-01T00:00:00+07:00'), to: new Date('2025-03-31T23:59:59+07:00'), scale: 1 })) codes.add(e.dossier_code)
    expect(codes.size).toBeGreaterThan(9000)
    expect(codes.size).toBeLessThan(16000)
  })

  it('never emit occurred_at outside [from, to]', () => {
    for (const [evs, o] of [[dossiers, two], [documents, two], [connections, year], [tet, tetRun]] as const) {
      expect(evs.length).toBeGreaterThan(0)
      const outside = evs.filter((e: { occurred_at: string }) => Date.parse(e.occurred_at) > o.to.getTime() || Date.parse(e.occurred_at) < o.from.getTime())
      expect(outside).toEqual([])
    }
  })

  it('have few dossiers on Saturdays and Sundays, a deep dip over Tết and a catch-up after it', () => {
    // New dossiers per local day: the day of each dossier's first event (submitted, or received at the desk).
    const first = new Map<string, string>()
    for (const e of tet) {
      const f = first.get(e.dossier_code)
      if (f === undefined || e.occurred_at < f) first.set(e.dossier_code, e.occurred_at)
    }
    const perDay = new Map<string, number>()
    for (const at of first.values()) perDay.set(localDay(at), (perDay.get(localDay(at)) ?? 0) + 1)
    // Every day of the range counts, a day without dossiers as 0.
    const avg = (a: string, b: string, pred: (d: string) => boolean = () => true) => {
      let sum = 0
      let n = 0
      for (let t = Date.parse(`${a}T00:00:00Z`); t <= Date.parse(`${b}T00:00:00Z`); t += 86400e3) {
        const d = new Date(t).toISOString().slice(0, 10)
        if (!pred(d)) continue
        sum += perDay.get(d) ?? 0
        n++
      }
      return sum / n
    }
    const weekday = (d: string) => dayOfWeek(d) >= 1 && dayOfWeek(d) <= 5
    const januaryWeekdays = avg('2026-01-05', '2026-01-30', weekday)
    const januaryWeekends = avg('2026-01-05', '2026-01-30', (d) => !weekday(d))
    expect(januaryWeekdays).toBeGreaterThan(300)
    expect(januaryWeekends).toBeGreaterThan(0) // online submissions go on at weekends…
    expect(januaryWeekends).toBeLessThan(januaryWeekdays * 0.25) // …but few
    // The Tết holiday (14–22 February 2026) is nearly empty…
    const holiday = avg('2026-02-15', '2026-02-21')
    expect(holiday).toBeGreaterThan(0)
    expect(holiday).toBeLessThan(januaryWeekdays * 0.1)
    // …and the weeks after it catch up.
    expect(avg('2026-03-02', '2026-03-13', weekday)).toBeGreaterThan(januaryWeekdays * 1.05)
  })

  it('deliver the configured shares late (out of order, hours to days after) and twice (identical)', () => {
    const o: SimOptions = { ...two, events: 80_000, lateFraction: 0.03, duplicateFraction: 0.01 }
    const evs = [...simulateDossierEvents(registry, o)]
    const seen = new Map<string, string>()
    let dups = 0
    let late = 0
    let maxSeen = 0
    for (const e of evs) {
      const s = JSON.stringify(e)
      const prev = seen.get(e.event_id)
      const t = Date.parse(e.occurred_at)
      if (prev !== undefined) {
        dups++
        expect(s).toBe(prev)
        continue
      }
      seen.set(e.event_id, s)
      if (t < maxSeen - 3600_000) late++
      maxSeen = Math.max(maxSeen, t)
    }
    expect(dups / evs.length).toBeGreaterThan(0.007)
    expect(dups / evs.length).toBeLessThan(0.013)
    expect(late / evs.length).toBeGreaterThan(0.02)
    expect(late / evs.length).toBeLessThan(0.04)
    // The defaults: ≈ 1% late, ≈ 0.2% twice.
    const ids = new Set<string>()
    let d0 = 0
    for (const e of dossiers) ids.has(e.event_id) ? d0++ : ids.add(e.event_id)
    expect(d0 / dossiers.length).toBeGreaterThan(0.001)
    expect(d0 / dossiers.length).toBeLessThan(0.004)
  })

  it('name a few agencies missing from the registry, and otherwise only registry agencies', () => {
    const known = new Set(registry.map((r) => r.agency_code))
    const unmapped = dossiers.filter((e) => (UNMAPPED_AGENCY_CODES as readonly string[]).includes(e.agency_code)).length
    expect(unmapped).toBeGreaterThan(0)
    expect(unmapped / dossiers.length).toBeLessThan(0.02)
    expect(dossiers.filter((e) => !known.has(e.agency_code) && !(UNMAPPED_AGENCY_CODES as readonly string[]).includes(e.agency_code))).toEqual([])
  })

  it('give dossiers a lifecycle: statutory due dates, supplements with a new due date, some closed without result', () => {
    const byCode = new Map<string, DossierEvent[]>()
    for (const e of tet) {
      const list = byCode.get(e.dossier_code)
      if (list) list.push(e)
      else byCode.set(e.dossier_code, [e])
    }
    let supplements = 0
    let closed = 0
    let finished = 0
    let receivedN = 0
    const problems: string[] = []
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 5) problems.push(what)
    }
    for (const [code, evs] of byCode) {
      check(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/.test(code), `code ${code}`)
      const uniq = [...new Map(evs.map((e) => [e.event_id, e])).values()].sort((a, b) => Number(a.event_id.split(':').pop()) - Number(b.event_id.split(':').pop()))
      for (let i = 1; i < uniq.length; i++) check(uniq[i].occurred_at >= uniq[i - 1].occurred_at, `${code}: events out of their order`)
      const r = uniq.find((e) => e.status === 2)
      if (r) {
        receivedN++
        check(r.received_at === r.occurred_at, `${code}: received_at`)
        const days = (Date.parse(r.due_at!) - Date.parse(r.received_at!)) / 86400e3
        check(days > 0.3 && days <= 50, `${code}: due in ${days} days`)
      }
      const s5 = uniq.findIndex((e) => e.status === 5)
      if (s5 >= 0 && uniq[s5 + 1]?.due_at) {
        supplements++
        check(uniq[s5 + 1].due_at! > r!.due_at!, `${code}: the new due date is not later`)
      }
      if (uniq.some((e) => [3, 7, 8].includes(e.status))) closed++
      if (uniq.some((e) => e.status >= 9)) finished++
    }
    expect(problems).toEqual([])
    expect(supplements).toBeGreaterThan(receivedN * 0.02)
    expect(closed).toBeGreaterThan(receivedN * 0.01)
    expect(finished).toBeGreaterThan(receivedN * 0.6)
  })

  it('use a catalogue of a few hundred procedures, different for ministries and provinces', () => {
    const catalogue = procedureCatalogue()
    expect(catalogue.length).toBeGreaterThanOrEqual(300)
    expect(new Set(catalogue.map((p) => p.code)).size).toBe(catalogue.length)
    for (const p of catalogue) expect(p.code).toMatch(/^[12]\.\d{6}$/), expect(p.days).toBeGreaterThanOrEqual(1), expect(p.days).toBeLessThanOrEqual(25)
    const central = new Set(registry.filter((r) => r.level === 'central').map((r) => r.agency_code))
    const used = (pred: (e: DossierEvent) => boolean) => new Set(tet.filter(pred).map((e) => e.procedure_code))
    const ministryProcs = used((e) => central.has(e.agency_code))
    const localProcs = used((e) => !central.has(e.agency_code) && !(UNMAPPED_AGENCY_CODES as readonly string[]).includes(e.agency_code))
    expect(ministryProcs.size).toBeGreaterThan(50)
    expect(localProcs.size).toBeGreaterThan(100)
    expect([...ministryProcs].filter((c) => localProcs.has(c))).toEqual([])
  })

  it('differ between provinces, stably, and the online share rises over the year', () => {
    const province = new Map(registry.filter((r) => r.level !== 'central').map((r) => [r.agency_code, r.province_code!]))
    const share = (evs: DossierEvent[]) => {
      const m = new Map<string, [number, number]>()
      for (const e of evs) {
        const p = province.get(e.agency_code)
        if (!p || !codes2025.has(p)) continue
        const x = m.get(p) ?? [0, 0]
        x[0] += e.channel === 2 ? 1 : 0
        x[1]++
        m.set(p, x)
      }
      return new Map([...m].map(([p, [a, n]]) => [p, a / n]))
    }
    const rec = received(tet)
    const jan = share(rec.filter((e) => e.received_at! < '2026-02-01'))
    const mar = share(rec.filter((e) => e.received_at! >= '2026-03-01'))
    const janValues = [...jan.values()]
    expect(Math.max(...janValues) - Math.min(...janValues)).toBeGreaterThan(0.25)
    // Stable per unit: the provinces' order in January predicts March (Spearman > 0.8).
    const codes = [...jan.keys()].filter((c) => mar.has(c))
    const rank = (m: Map<string, number>) => new Map([...codes].sort((a, b) => m.get(a)! - m.get(b)!).map((c, i) => [c, i]))
    const rj = rank(jan)
    const rm = rank(mar)
    const n = codes.length
    const rho = 1 - (6 * codes.reduce((s, c) => s + (rj.get(c)! - rm.get(c)!) ** 2, 0)) / (n * (n * n - 1))
    expect(rho).toBeGreaterThan(0.8)
    // Rising: a year's trend of the national online share.
    const yearRec = received([...simulateDossierEvents(registry, { seed: 7, from: new Date('2025-01-01T00:00:00+07:00'), to: new Date('2025-12-31T23:59:59+07:00'), events: 150_000 })])
    const online = (a: string, b: string) => {
      const xs = yearRec.filter((e) => e.received_at! >= a && e.received_at! < b)
      return xs.filter((e) => e.channel === 2).length / xs.length
    }
    expect(online('2025-11-01', '2026-01-01') - online('2025-03-01', '2025-05-01')).toBeGreaterThan(0.05)
  })

  it('send every document to 3 or 4 recipients, most acknowledged', () => {
    const recipients = new Map<string, Set<string>>()
    const accepted = new Set<string>()
    const exchanges = new Set<string>()
    for (const e of documents) {
      const x = `${e.document_id}|${e.from_agency}|${e.to_agency}`
      if (e.status === '00') {
        exchanges.add(x)
        const s = recipients.get(e.document_id) ?? new Set()
        s.add(e.to_agency)
        recipients.set(e.document_id, s)
      }
      if (e.status === '03') accepted.add(x)
      expect(e.document_id.startsWith(`${e.from_agency},`)).toBe(true)
      expect(e.from_agency).not.toBe(e.to_agency)
    }
    expect(recipients.size).toBeGreaterThan(300)
    // Documents sent in the last hours of the period may have fewer recipients so far.
    const counts = [...recipients.values()].map((s) => s.size)
    expect(counts.filter((c) => c < 3 || c > 4).length).toBeLessThan(counts.length * 0.01)
    const mean = counts.reduce((s, c) => s + c, 0) / counts.length
    expect(mean).toBeGreaterThan(3.3)
    expect(mean).toBeLessThan(3.8)
    expect(accepted.size / exchanges.size).toBeGreaterThan(0.8)
    const statuses = new Set(documents.map((e) => e.status))
    for (const s of ['00', '01', '02', '03', '04']) expect(statuses.has(s), s).toBe(true)
  })

  it('roll connections out along the national plan, reporting agencies already connected at the start', () => {
    const rollout: SimOptions = { seed: 7, from: new Date('2025-01-01T00:00:00+07:00'), to: new Date('2026-06-30T23:59:59+07:00') }
    const evs = [...simulateConnectionEvents(registry, rollout)]
    expect(invalid('connection', evs)).toEqual([])
    const current = registry.filter((r) => r.level !== 'district' && (r.level === 'central' || codes2025.has(r.province_code!)))
    const share = (platform: string, at: string) => {
      const last = new Map<string, { at: string; id: string; state: string }>()
      for (const e of evs) {
        if (e.platform !== platform || e.occurred_at > at) continue
        const p = last.get(e.agency_code)
        if (!p || e.occurred_at > p.at || (e.occurred_at === p.at && e.event_id > p.id)) last.set(e.agency_code, { at: e.occurred_at, id: e.event_id, state: e.state })
      }
      return current.filter((r) => last.get(r.agency_code)?.state === 'connected').length / current.length
    }
    // An S-curve: few at the start of 2025, most of the document axis by its end, nearly all by mid-2026.
    expect(share('document_axis', '2025-03-31T23:59:59+07:00')).toBeLessThan(share('document_axis', '2025-12-31T23:59:59+07:00') / 2)
    expect(share('document_axis', '2025-12-31T23:59:59+07:00')).toBeGreaterThan(0.6)
    expect(share('document_axis', '2026-06-30T23:59:59+07:00')).toBeGreaterThan(0.8)
    expect(share('document_axis', '2026-06-30T23:59:59+07:00')).toBeLessThan(0.98)
    // The service portal follows months later.
    expect(share('service_portal', '2025-12-31T23:59:59+07:00')).toBeLessThan(share('document_axis', '2025-12-31T23:59:59+07:00') - 0.15)
    expect(share('service_portal', '2026-06-30T23:59:59+07:00')).toBeGreaterThan(0.55)
    expect(evs.some((e) => e.state === 'disconnected')).toBe(true)
    // Abolished agencies are disconnected on 2025-07-01 (or within two days).
    const districts = new Set(registry.filter((r) => r.level === 'district').map((r) => r.agency_code))
    for (const e of evs) if (districts.has(e.agency_code) && e.state === 'connected') expect(e.occurred_at < '2025-07-01').toBe(true)
    // A period that starts later states, at its start, the agencies already connected.
    const late = [...simulateConnectionEvents(registry, { ...rollout, from: new Date('2026-01-01T00:00:00+07:00') })]
    const atStart = late.filter((e) => e.platform === 'document_axis' && e.state === 'connected' && e.occurred_at === '2026-01-01T00:00:00+07:00')
    expect(atStart.length).toBeGreaterThan(current.length * 0.6)
    expect(late.some((e) => districts.has(e.agency_code))).toBe(false)
  })

  it('handles any registry, including one without local agencies', () => {
    const central: AgencyRow[] = registry.filter((r) => r.level === 'central')
    const evs = take(simulateDossierEvents(central, { ...two, events: 5000 }), 500)
    expect(evs.length).toBe(500)
    const codes = new Set(central.map((r) => r.agency_code))
    expect(evs.filter((e) => codes.has(e.agency_code)).length).toBeGreaterThan(450)
    const docs = take(simulateDocumentEvents(central, { ...two, events: 2000 }), 200)
    expect(invalid('document', docs)).toEqual([])
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
    ticks.forEach((t, i) => {
      expect(invalid('dossier', t.dossier)).toEqual([])
      expect(invalid('document', t.document)).toEqual([])
      expect(invalid('connection', t.connection)).toEqual([])
      for (const e of [...t.dossier, ...t.document, ...t.connection]) expect(Date.parse(e.occurred_at)).toBeLessThanOrEqual(t.now)
      for (const e of t.dossier) {
        if (!firstTick.has(e.dossier_code)) firstTick.set(e.dossier_code, i)
        else if ((e.status === 9 || e.status === 10) && firstTick.get(e.dossier_code)! < i) carried++
      }
    })
    const steady = ticks.slice(120)
    const avg = steady.reduce((s, t) => s + t.dossier.length, 0) / steady.length
    expect(avg).toBeGreaterThan(10)
    expect(avg).toBeLessThan(80)
    expect(steady.reduce((s, t) => s + t.document.length, 0)).toBeGreaterThan(0)
    expect(carried).toBeGreaterThan(50)
    const ids = ticks.flatMap((t) => [...t.dossier, ...t.document, ...t.connection].map((e) => e.event_id))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('is deterministic for a seed and a sequence of ticks', () => {
    expect(run(5, 30)).toEqual(run(5, 30))
    expect(run(6, 30)).not.toEqual(run(5, 30))
  })
})
