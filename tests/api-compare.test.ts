// The figures API of issue 9 over HTTP (interfaces.md, "HTTP: figures"): compare=previous|year on
// /summary and /units, /agencies and /procedures with their scope, and CSV / XLSX exports that
// parse back to the JSON's numbers. Values are hand-computed from the fixture of helpers/server.ts:
//   overdue79 (commune 79): received 40 days ago, due 30 days ago, online, never ends
//   done79 (People's Committee 79): received 40 days ago, finished 20 days ago, due 1 day ago
//   overdueG01 (a unit of ministry G01): received 40 days ago, due 30 days ago
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { AG, daysAgo, serverFixture } from './helpers/server'

const s = serverFixture()
const day = (n: number) => daysAgo(n).slice(0, 10)
// 11 days, 25 to 15 days ago: done79 finishes inside; at T (end of the 15th day ago) overdue79 is pending and overdue.
const FROM = day(25)
const TO = day(15)
// the previous period: the 11 days before, 36 to 26 days ago; at its T both 79 dossiers are pending, overdue79 overdue.
const PFROM = day(36)
const PTO = day(26)
const P = `from=${FROM}&to=${TO}`

describe('compare', () => {
  it('/summary?compare=previous adds the previous period with the same figures', async () => {
    const r = await s.get(`/api/v1/summary?level=province&unit=79&${P}&compare=previous`, s.tokens.national)
    expect(r.status, r.text).toBe(200)
    expect(r.json).toMatchObject({ from: FROM, to: TO, received: 0, resolved: 1, on_time: 1, on_time_rate: 1, pending: 1, overdue: 1 })
    expect(r.json.previous).toEqual({
      from: PFROM, to: PTO, received: 0, resolved: 0, on_time: 0, late: 0, on_time_rate: null, pending: 2, overdue: 1,
      closed_unresolved: 0, online_rate: null, paid_online_rate: null, digitized_rate: null, avg_days: null, index: 0,
    })
    const plain = await s.get(`/api/v1/summary?level=province&unit=79&${P}`, s.tokens.national)
    expect(plain.json.previous).toBeUndefined()
  })

  it('/summary?compare=year: the same dates a year earlier', async () => {
    const r = await s.get(`/api/v1/summary?${P}&compare=year`, s.tokens.province)
    expect(r.status, r.text).toBe(200)
    const y = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28')
    expect(r.json.previous).toMatchObject({ from: y(FROM), to: y(TO), received: 0, resolved: 0, pending: 0 })
  })

  it('/units?compare=previous: previous and rank_previous on every unit; a bad compare is a 400', async () => {
    const r = await s.get(`/api/v1/units?level=province&${P}&compare=previous`, s.tokens.ministry)
    expect(r.status, r.text).toBe(200)
    expect(r.json.units).toHaveLength(34)
    const u79 = r.json.units.find((u: { code: string }) => u.code === '79')
    expect(u79).toMatchObject({ resolved: 1, pending: 1, overdue: 1, rank: null, rank_previous: null })
    expect(u79.previous).toMatchObject({ from: PFROM, to: PTO, pending: 2, overdue: 1 })
    for (const u of r.json.units) expect(u).toHaveProperty('rank_previous')
    const bad = await s.get(`/api/v1/units?level=province&compare=lastyear`, s.tokens.national)
    expect(bad.status).toBe(400)
    expect(bad.json.error).toMatch(/^compare/)
  })
})

describe('agencies and procedures', () => {
  it('/agencies of province 79: every registry agency, scoped like cases', async () => {
    const r = await s.get(`/api/v1/agencies?level=province&unit=79&${P}`, s.tokens.province)
    expect(r.status, r.text).toBe(200)
    expect(r.json.units.map((u: { code: string }) => u.code)).toEqual([AG.ubnd79, AG.commune79])
    expect(r.json.units[0]).toMatchObject({ name: 'Ủy ban nhân dân Thành phố Hồ Chí Minh', received: 0, resolved: 1, on_time_rate: 1, pending: 0, overdue: 0, online_rate: null, rank: null })
    // index of ubnd79 = 100 × 20 / 64 = 31.25 (only timeliness scores)
    expect(r.json.units[0].index).toBe(31.25)
    expect(r.json.units[1]).toMatchObject({ name: 'Ủy ban nhân dân phường Sài Gòn', resolved: 0, pending: 1, overdue: 1, on_time_rate: null, index: 0 })
    expect((await s.get(`/api/v1/agencies?level=province&unit=01&${P}`, s.tokens.province)).status).toBe(403)
    expect((await s.get(`/api/v1/agencies?level=province&unit=79&${P}`, s.tokens.ministry)).status).toBe(403)
    expect((await s.get(`/api/v1/agencies?level=province&unit=79&${P}`, s.tokens.source)).status).toBe(403)
    expect((await s.get(`/api/v1/agencies?level=province&unit=79&${P}`)).status).toBe(401)
    expect((await s.get(`/api/v1/agencies?level=province&unit=99&${P}`, s.tokens.national)).status).toBe(404)
  })

  it('/agencies of a ministry and /procedures of a province', async () => {
    const g = await s.get(`/api/v1/agencies?level=ministry&unit=${AG.g01}&${P}`, s.tokens.ministry)
    expect(g.status, g.text).toBe(200)
    expect(g.json.units.map((u: { code: string; pending: number; overdue: number }) => [u.code, u.pending, u.overdue])).toEqual([
      [AG.g01, 0, 0],
      [AG.g01unit, 1, 1],
    ])
    const p = await s.get(`/api/v1/procedures?level=province&unit=79&${P}`, s.tokens.national)
    expect(p.status, p.text).toBe(200)
    expect(p.json.units).toEqual([
      expect.objectContaining({ code: '1.001234', name: null, received: 0, resolved: 1, on_time: 1, pending: 1, overdue: 1, index: 31.25, rank: null }),
    ])
    expect((await s.get(`/api/v1/procedures?level=ministry&unit=${AG.g01}&${P}`, s.tokens.province)).status).toBe(403)
  })
})

describe('exports', () => {
  it('units as CSV (English headers) and XLSX parse back to the JSON numbers', async () => {
    const q = `/api/v1/units?level=province&${P}&compare=previous`
    const json = (await s.get(q, s.tokens.national)).json.units as Array<Record<string, any>>
    const csv = await s.get(`${q}&format=csv&lang=en`, s.tokens.national)
    expect(csv.status).toBe(200)
    const rows = parse(csv.text, { columns: true, bom: true }) as Array<Record<string, string>>
    expect(rows).toHaveLength(34)
    const r79 = rows.find((r) => r.Code === '79')!
    expect(r79).toMatchObject({ Name: 'Thành phố Hồ Chí Minh', Resolved: '1', Pending: '1', 'Pending (comparison period)': '2', 'On-time rate': '1' })

    const res = await fetch(`${s.url}${q}&format=xlsx&lang=vi`, { headers: { Authorization: `Bearer ${s.tokens.national}` } })
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    expect(wb.worksheets).toHaveLength(1)
    const ws = wb.worksheets[0]
    expect(String(ws.getCell(1, 1).value)).toContain(`${FROM.slice(8, 10)}/${FROM.slice(5, 7)}/${FROM.slice(0, 4)}`)
    expect(String(ws.getCell(1, 1).value)).toContain('Chỉ số tạm tính')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
    const head = (ws.getRow(2).values as unknown[]).slice(1) as string[]
    expect(head).toContain('Tỷ lệ đúng hạn')
    const col = (label: string) => head.indexOf(label) + 1
    const rowOf = (code: string) => {
      for (let i = 3; i <= ws.rowCount; i++) if (ws.getCell(i, col('Mã')).value === code) return i
      return -1
    }
    const i79 = rowOf('79')
    expect(ws.getCell(i79, col('Tên')).value).toBe('Thành phố Hồ Chí Minh')
    expect(ws.getCell(i79, col('Đã giải quyết')).value).toBe(json.find((u) => u.code === '79')!.resolved)
    expect(ws.getCell(i79, col('Tỷ lệ đúng hạn')).value).toBe(1)
    expect(ws.getCell(i79, col('Tỷ lệ đúng hạn')).numFmt).toBe('0.0%')
    expect(ws.rowCount).toBe(36)
  })

  it('every table endpoint answers format=xlsx; quality by table', async () => {
    for (const path of [
      `/api/v1/summary?level=province&unit=79&${P}`,
      `/api/v1/trend?${P}&grain=week`,
      `/api/v1/overdue?level=province&unit=79`,
      `/api/v1/agencies?level=province&unit=79&${P}`,
      `/api/v1/procedures?level=province&unit=79&${P}`,
      `/api/v1/documents/units?level=province`,
      `/api/v1/connections?level=province`,
      `/api/v1/connections/series?level=province&unit=79`,
      `/api/v1/quality?table=totals`,
    ]) {
      const res = await fetch(`${s.url}${path}&format=xlsx`, { headers: { Authorization: `Bearer ${s.tokens.national}` } })
      expect(res.status, path).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await res.arrayBuffer())
      expect(wb.worksheets[0].rowCount, path).toBeGreaterThanOrEqual(2)
    }
    const bad = await s.get('/api/v1/units?format=pdf', s.tokens.national)
    expect(bad.status).toBe(400)
  })
})
