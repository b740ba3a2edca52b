// Trend annotations (issue 9): the configured events are marked on the point that contains their
// date, only when the period reaches it; the defaults of the configuration. The province map
// coloured from its one drawing per size is the map ECharts draws with those colours.
import { describe, expect, it } from 'vitest'
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

describe('province map', () => {
  it('colours its one drawing per size exactly as ECharts draws the map with those colours', () => {
    const label = 'Bản đồ "tỉnh": tỷ lệ đúng hạn'
    for (const [structure, t] of [['current', vi], ['historical', en]] as const) {
      // ≥ 95 % good (green), < 70 % weak (red), no figures: the empty colour
      const m = provinceMap({ structure, figure: 'on_time_rate', t, label, indexBands: [], regions: [{ code: '79', name: 'HCM', value: 0.97 }, { code: '01', name: 'HN', value: 0.5 }] })
      const colours = new Map([['79', '#1e7b3a'], ['01', '#b3261e']])
      expect(m.svg).toBe(drawMap(structure, 640, 760, t.lang, colours, label))
      expect(m.narrow).toBe(drawMap(structure, 340, 420, t.lang, colours, label))
      expect(m.svg).toMatch(/fill="#1e7b3a"[^>]* data-code="79"/)
      expect(m.svg).toMatch(/fill="#b3261e"[^>]* data-code="01"/)
      expect(m.svg).toContain('aria-label="Bản đồ &quot;tỉnh&quot;: tỷ lệ đúng hạn"')
      // a second map of other figures from the same drawing: other colours, nothing left of the first
      const other = provinceMap({ structure, figure: 'on_time_rate', t, label: 'x', indexBands: [], regions: [{ code: '79', name: 'HCM', value: 0.5 }] })
      expect(other.svg).toBe(drawMap(structure, 640, 760, t.lang, new Map([['79', '#b3261e']]), 'x'))
    }
  })
})
