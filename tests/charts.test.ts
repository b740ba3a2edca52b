// Trend annotations (issue 9): the configured events are marked on the point that contains their
// date, only when the period reaches it; the defaults of the configuration. The province map
// coloured from its one drawing per size is the map ECharts draws with those colours. Charts drawn
// narrow for a phone only (ADR 020), and how a request says it comes from one.
import { describe, expect, it } from 'vitest'
import { asksForPhoneCharts } from '../app/lib/device.server'
import { dossierTrendChart } from '../app/components/charts.server'
import { drawMap, provinceMap } from '../app/components/map.server'
import { en } from '../app/i18n/en'
import { vi } from '../app/i18n/vi'
import { loadConfig } from '../core/config'

const months = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ period: `2025-${String(from + i).padStart(2, '0')}-01`, received: 10, resolved: 8, on_time_rate: 0.75 }))
const labels = { short: (d: string) => d.slice(5, 7), long: (d: string) => d }
const marks = [
  { date: '2025-03-01', text: '14 bộ và 3 cơ quan ngang bộ' },
  { date: '2025-07-01', text: '34 tỉnh, thành phố' },
]

describe('trend annotations', () => {
  it('marks the events inside the period only', () => {
    const all = dossierTrendChart(months(1, 12), 'month', 'x', labels, { t: vi, annotations: marks, to: '2025-12-31' }).chart!
    expect(all.wide).toContain('14 bộ và 3 cơ quan ngang bộ')
    expect(all.wide).toContain('34 tỉnh, thành phố')
    const later = dossierTrendChart(months(4, 12), 'month', 'x', labels, { t: vi, annotations: marks, to: '2025-12-31' }).chart!
    expect(later.wide).not.toContain('14 bộ')
    expect(later.wide).toContain('34 tỉnh, thành phố')
    const before = dossierTrendChart(months(1, 5), 'month', 'x', labels, { t: vi, annotations: marks, to: '2025-05-31' }).chart!
    expect(before.wide).not.toContain('34 tỉnh')
  })

  it('words and numbers follow the language', () => {
    const c = dossierTrendChart(months(1, 2), 'month', 'x', labels, { t: en, annotations: [], to: '2025-02-28' })
    expect(c.table.head).toEqual(['Month', 'Received', 'Resolved', 'On-time rate'])
    expect(c.table.rows[0].slice(1)).toEqual(['10', '8', '75.0%'])
    expect(dossierTrendChart(months(1, 1), 'month', 'x', labels, { t: vi }).table.rows[0][3]).toBe('75,0%')
  })

  it('the defaults of the configuration file', () => {
    const cfg = loadConfig({})
    expect(cfg.annotations.map((a) => [a.date, a.text])).toEqual([
      ['2025-03-01', '14 bộ và 3 cơ quan ngang bộ'],
      ['2025-07-01', '34 tỉnh, thành phố'],
    ])
    expect(cfg.annotations[1].text_en).toBe('34 provinces')
  })
})

describe('charts for the device that asks (ADR 020)', () => {
  it('a chart is drawn narrow as well only for a phone', () => {
    const phone = dossierTrendChart(months(1, 12), 'month', 'x', labels, { t: vi, to: '2025-12-31', phone: true }).chart!
    const desk = dossierTrendChart(months(1, 12), 'month', 'x', labels, { t: vi, to: '2025-12-31', phone: false }).chart!
    expect(phone.wide).toMatch(/^<svg [^>]*width="960"/)
    expect(phone.narrow).toMatch(/^<svg [^>]*width="360"/)
    // the same drawing (its clip-path ids are numbered per drawing)
    const ids = (svg: string) => svg.replace(/zr\d+-/g, 'zr-')
    expect(ids(desk.wide)).toBe(ids(phone.wide))
    expect(desk.narrow).toBeNull()
  })

  it('a phone says so in Sec-CH-UA-Mobile, or else in its User-Agent', () => {
    const asks = (headers: Record<string, string>) => asksForPhoneCharts(new Request('http://x/', { headers }))
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'
    const desktop = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
    const firefoxDesktop = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'
    expect(asks({ 'sec-ch-ua-mobile': '?1', 'user-agent': android })).toBe(true)
    expect(asks({ 'sec-ch-ua-mobile': '?0', 'user-agent': desktop })).toBe(false)
    // the hint wins over the agent (a desktop browser emulating a phone sends both)
    expect(asks({ 'sec-ch-ua-mobile': '?1', 'user-agent': desktop })).toBe(true)
    expect(asks({ 'user-agent': iphone })).toBe(true)
    expect(asks({ 'user-agent': firefoxDesktop })).toBe(false)
    expect(asks({})).toBe(false)
  })
})

describe('province map', () => {
  it('colours its one drawing per size exactly as ECharts draws the map with those colours', () => {
    const label = 'Bản đồ "tỉnh": tỷ lệ đúng hạn'
    for (const [structure, t] of [['current', vi], ['historical', en]] as const) {
      // ≥ 95 % good (green), < 70 % weak (red), no figures: the empty colour
      const regions = [{ code: '79', name: 'HCM', value: 0.97 }, { code: '01', name: 'HN', value: 0.5 }]
      const m = provinceMap({ structure, figure: 'on_time_rate', t, label, indexBands: [], regions, phone: true })
      const colours = new Map([['79', '#1e7b3a'], ['01', '#b3261e']])
      expect(m.svg).toBe(drawMap(structure, 640, 760, t.lang, colours, label))
      expect(m.narrow).toBe(drawMap(structure, 340, 420, t.lang, colours, label))
      // a desktop's page: the wide drawing alone (ADR 020)
      expect(provinceMap({ structure, figure: 'on_time_rate', t, label, indexBands: [], regions, phone: false })).toEqual({ ...m, narrow: null })
      expect(m.svg).toMatch(/fill="#1e7b3a"[^>]* data-code="79"/)
      expect(m.svg).toMatch(/fill="#b3261e"[^>]* data-code="01"/)
      expect(m.svg).toContain('aria-label="Bản đồ &quot;tỉnh&quot;: tỷ lệ đúng hạn"')
      // a second map of other figures from the same drawing: other colours, nothing left of the first
      const other = provinceMap({ structure, figure: 'on_time_rate', t, label: 'x', indexBands: [], regions: [{ code: '79', name: 'HCM', value: 0.5 }], phone: false })
      expect(other.svg).toBe(drawMap(structure, 640, 760, t.lang, new Map([['79', '#b3261e']]), 'x'))
    }
  })
})
