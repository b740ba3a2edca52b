// Issue 9 in Debian's Chromium: every page in both languages at desktop and phone width with no
// console errors and no sideways scrolling; filters in the URL survive a reload; days typed as
// dd/mm/yyyy; the map (34 provinces, both archipelagos, a click opens the province); the language
// remembered in a cookie; exports downloaded from a page parse back to the API's numbers.
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Running } from '../server'
import { browserSite, SHOTS, type BrowserSite } from './helpers/browser-site'

const FROM = '2025-10-01'
const TO = '2025-10-31'

let site: BrowserSite
let server: Running
let browser: Browser
let token: string
let ministry: string
let dossier: string

beforeAll(async () => {
  site = await browserSite({ seed: 9, scale: 0.04, email: 'lanhdao9@example.vn', tokenName: 'e2e9' })
  ;({ server, browser, token } = site)
  const api = async (p: string) => (await fetch(`${server.url}${p}`, { headers: { Authorization: `Bearer ${token}` } })).json()
  ministry = (await api(`/api/v1/units?level=ministry&from=${FROM}&to=${TO}`)).units[0].code
  dossier = (await api(`/api/v1/overdue?level=province&unit=79&to=${TO}&from=${FROM}&limit=1`)).cases[0].dossier_code
}, 240_000)

afterAll(async () => {
  await site?.close()
})

async function signedIn(width = 1366, height = 900, device: Parameters<Browser['newContext']>[0] = {}): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'en-US', ...device })
  const page = await ctx.newPage()
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`))
  await page.goto(`${server.url}/login`)
  await page.fill('input[name=email]', 'lanhdao9@example.vn')
  await page.fill('input[name=password]', 'mat-khau-thu-nghiem')
  await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.click('button[type=submit]')])
  return { ctx, page, errors }
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
const shot = (name: string) => `${SHOTS}/${name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '')}.png`

describe('issue 9 pages in Chromium', () => {
  it('every page in both languages, at 1366 px and 360 px: no console error, no sideways scrolling, <html lang>', async () => {
    const paths = [
      `/?from=${FROM}&to=${TO}`,
      `/don-vi/province/79?from=${FROM}&to=${TO}`,
      `/don-vi/ministry/${encodeURIComponent(ministry)}?from=${FROM}&to=${TO}`,
      `/van-ban?from=${FROM}&to=${TO}`,
      `/ket-noi?from=${FROM}&to=${TO}`,
      '/chat-luong',
      `/ho-so/${encodeURIComponent(dossier)}`,
      `/bao-cao?from=${FROM}&to=${TO}`,
      `/bao-cao?level=province&unit=79&from=${FROM}&to=${TO}`,
      '/doi-mat-khau',
    ]
    for (const width of [1366, 360]) {
      const { ctx, page, errors } = await signedIn(width, width > 400 ? 900 : 760)
      for (const lang of ['vi', 'en'] as const) {
        for (const p of paths) {
          const res = await page.goto(`${server.url}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`)
          expect(res?.status(), p).toBe(200)
          await page.waitForSelector('html[data-hydrated]')
          expect(await page.getAttribute('html', 'lang'), p).toBe(lang)
          expect(await sideways(page), `${p} at ${width} px`).toBeLessThanOrEqual(1)
          if (width === 1366 || p.startsWith('/?') || p.startsWith('/don-vi/province'))
            await page.screenshot({ path: shot(`${lang}-${width}-${p.split('?')[0] || 'home'}`), fullPage: true })
        }
      }
      expect(errors, errors.join('\n')).toEqual([])
      await ctx.close()
    }
  }, 180_000) // 40 page loads with screenshots: about 30 s alone, more on a busy 2-core machine

  it('English words and conventions; the language is remembered in a cookie', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}&lang=en`)
    const national = (await (await fetch(`${server.url}/api/v1/summary?from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { received: number }
    let text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Dossiers received')
    expect(text).toContain(new Intl.NumberFormat('en-GB').format(national.received))
    await page.goto(`${server.url}/van-ban`)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}&lang=vi`)
    text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Hồ sơ tiếp nhận')
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(national.received))
    await ctx.close()
  })

  it('filters live in the URL and survive a reload; days are typed and shown as dd/mm/yyyy', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/?from=2025-09-15&to=2025-10-20&structure=historical&compare=year`)
    await page.waitForSelector('html[data-hydrated]')
    const state = async () => ({
      from: await page.inputValue('input[name=from]'),
      to: await page.inputValue('input[name=to]'),
      structure: await page.inputValue('select[name=structure]'),
      compare: await page.inputValue('select[name=compare]'),
      preset: await page.inputValue('select[name=preset]'),
    })
    const want = { from: '15/09/2025', to: '20/10/2025', structure: 'historical', compare: 'year', preset: 'custom' }
    expect(await state()).toEqual(want)
    await page.reload()
    expect(await state()).toEqual(want)
    expect(await page.textContent('.period')).toContain('15/09/2025 – 20/10/2025')
    // typed in dd/mm/yyyy whatever the browser's locale (en-US here)
    await page.fill('input[name=from]', '01/10/2025')
    await page.fill('input[name=to]', '31/10/2025')
    await page.click('form.filters button[type=submit]')
    await expect.poll(() => page.textContent('.period'), { timeout: 20_000 }).toContain('01/10/2025 – 31/10/2025')
    expect(new URL(page.url()).searchParams.get('from')).toBe('01/10/2025')
    await page.reload()
    await page.waitForSelector('html[data-hydrated]')
    expect(await page.inputValue('input[name=from]')).toBe('01/10/2025')
    // a preset fills the days
    await page.selectOption('select[name=preset]', 'last_year')
    const y = Number(new Date().toISOString().slice(0, 4)) - 1
    expect(await page.inputValue('input[name=from]')).toBe(`01/01/${y}`)
    expect(await page.inputValue('input[name=to]')).toBe(`31/12/${y}`)
    await ctx.close()
  })

  it("a chart page's client JavaScript stays under 250 kB gzipped; keyboard focus is visible", async () => {
    const { gzipSync } = await import('node:zlib')
    const { ctx, page } = await signedIn()
    const scripts: string[] = []
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.url())
    })
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}`, { waitUntil: 'networkidle' })
    expect(scripts.length).toBeGreaterThan(0)
    let total = 0
    for (const u of scripts) total += gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer())).length
    expect(total).toBeLessThan(250_000)
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)
    expect(outline).not.toBe('none')
    await ctx.close()
  })

  it('the pages open on last month, compared with the month before', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/`)
    expect(await page.inputValue('select[name=preset]')).toBe('last_month')
    expect(await page.inputValue('select[name=compare]')).toBe('previous')
    await ctx.close()
  })

  it('figure tiles show the change with its direction; tables show rank movement', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}&compare=previous`)
    const api = (await (await fetch(`${server.url}/api/v1/summary?from=${FROM}&to=${TO}&compare=previous`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      overdue: number
      previous: { overdue: number }
    }
    const tile = page.locator('.kpi', { hasText: 'Quá hạn' }).first()
    const change = (await tile.locator('.kpi-change').textContent()) ?? ''
    const d = api.overdue - api.previous.overdue
    expect(change).toContain(d === 0 ? '=' : d > 0 ? '▲' : '▼')
    if (d !== 0) expect(await tile.locator('.kpi-change').getAttribute('class')).toContain(d > 0 ? 'bad' : 'good')
    expect(await page.locator('.kpi', { hasText: 'Hồ sơ tiếp nhận' }).locator('.kpi-change.neutral').count()).toBe(1)
    expect(await page.locator('section', { hasText: 'Các tỉnh, thành phố' }).locator('th', { hasText: 'So với kỳ trước' }).count()).toBe(1)
    await ctx.close()
  })

  it('the map: 34 provinces (63 historical), both archipelagos labelled, a click opens the province', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}`)
    const svg = page.locator('.map .map-svg svg')
    const codes = await svg.locator('path[data-code]').evaluateAll((els) => [...new Set(els.map((x) => x.getAttribute('data-code')))])
    expect(codes).toHaveLength(34)
    const labels = (await svg.textContent()) ?? ''
    expect(labels).toContain('Hoàng Sa')
    expect(labels).toContain('Trường Sa')
    expect(await page.locator('.map details tbody tr').count()).toBe(34)
    await page.waitForSelector('html[data-hydrated]') // the map's click listener is attached on hydration
    await Promise.all([
      page.waitForURL((u) => new URL(u).pathname === '/don-vi/province/79'),
      svg.locator('path[data-code="79"]').first().dispatchEvent('click'),
    ])
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}&structure=historical&map=on_time_rate`)
    const old = await page.locator('.map .map-svg svg path[data-code]').evaluateAll((els) => new Set(els.map((x) => x.getAttribute('data-code'))).size)
    expect(old).toBe(63)
    expect(await page.locator('.map details tbody tr').count()).toBe(63)
    await ctx.close()
  })

  it('charts and the map are drawn for the device that asks: narrow on a phone, the wide drawing scaled down in a narrow desktop window', async () => {
    const visible = (page: Page, selector: string) =>
      page.locator(`figure.chart ${selector}`).evaluateAll((els) => els.map((e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0))
    for (const path of [`/?from=${FROM}&to=${TO}`, `/don-vi/province/79?from=${FROM}&to=${TO}`]) {
      const phone = await signedIn(412, 915, devices['Pixel 7'])
      await phone.page.goto(`${server.url}${path}`)
      // the trend, and on the home page the map
      expect({ path, narrow: await visible(phone.page, '.chart-svg.chart-narrow svg'), wide: await visible(phone.page, '.chart-svg.chart-wide svg') }).toEqual({ path, narrow: [true], wide: [false] })
      const maps = path.startsWith('/?') ? 1 : 0
      expect({ path, narrow: await visible(phone.page, '.map-svg.chart-narrow svg'), wide: await visible(phone.page, '.map-svg.chart-wide svg') }).toEqual({ path, narrow: Array(maps).fill(true), wide: Array(maps).fill(false) })
      expect(await phone.page.locator('figure.chart .chart-svg.chart-narrow svg').getAttribute('width')).toBe('360')
      expect(await sideways(phone.page)).toBeLessThanOrEqual(1)
      await phone.ctx.close()
      const desk = await signedIn(360, 800)
      await desk.page.goto(`${server.url}${path}`)
      expect(await desk.page.locator('figure.chart .chart-svg.chart-narrow').count()).toBe(0)
      expect(await visible(desk.page, '.chart-svg svg')).toEqual([true])
      expect(await desk.page.locator('figure.chart .map-svg.chart-narrow').count()).toBe(0)
      expect(await visible(desk.page, '.map-svg svg')).toEqual(Array(maps).fill(true))
      // scaled to the window: the 960 px drawing fits the card
      expect(await desk.page.locator('figure.chart .chart-svg svg').evaluate((e) => Math.round(e.getBoundingClientRect().width))).toBeLessThanOrEqual(360)
      expect(await sideways(desk.page)).toBeLessThanOrEqual(1)
      expect(desk.errors).toEqual([])
      await desk.ctx.close()
    }
  })

  it('the unit page lists the 20 agencies with the most overdue dossiers, and all of them one click away', async () => {
    const { ctx, page } = await signedIn()
    const api = (await (await fetch(`${server.url}/api/v1/agencies?level=province&unit=79&from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      units: Array<{ code: string; name: string; overdue: number; received: number }>
    }
    const n = api.units.length
    expect(n).toBeGreaterThan(20)
    const byAttention = [...api.units].sort((a, b) => b.overdue - a.overdue || b.received - a.received || (a.code < b.code ? -1 : 1)).map((u) => u.code)
    const codes = async () => (await page.locator('section', { has: page.locator('#co-quan') }).locator('tbody tr span.code').allTextContents()).map((c) => c.trim())
    await page.goto(`${server.url}/don-vi/province/79?from=${FROM}&to=${TO}`)
    expect(await page.locator('#co-quan').textContent()).toContain(`(${n})`)
    expect(await codes()).toEqual(byAttention.slice(0, 20))
    // each overdue case names its agency as the registry does (the names come with the unit's agencies)
    const names = new Map(api.units.map((u) => [u.code, u.name]))
    const caseAgencies = await page.locator('section', { has: page.locator('#qua-han') }).locator('tbody tr td.wrap-name').allTextContents()
    expect(caseAgencies.length).toBeGreaterThan(0)
    expect(caseAgencies.map((c) => c.trim())).toEqual(caseAgencies.map((c) => { const code = c.trim().split(' ').at(-1)!; return `${names.get(code)} ${code}` }))
    await Promise.all([page.waitForURL((u) => new URL(u).searchParams.get('agencies') === 'all'), page.click(`text=Xem tất cả ${n} cơ quan`)])
    expect(new URL(page.url()).searchParams.get('from')).toBe(FROM) // the period kept
    await expect.poll(codes, { timeout: 10_000 }).toEqual(byAttention) // once the page's data has come
    await ctx.close()
  })

  it('exports from the unit page parse back (CSV and XLSX) to the API numbers', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/don-vi/province/79?from=${FROM}&to=${TO}&lang=en`)
    const csvHref = await page.locator('#co-quan ~ .export a', { hasText: 'CSV' }).first().getAttribute('href')
    const xlsxHref = await page.locator('#co-quan ~ .export a', { hasText: 'XLSX' }).first().getAttribute('href')
    const api = (await (await fetch(`${server.url}/api/v1/agencies?level=province&unit=79&from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      units: Array<{ code: string; received: number; on_time_rate: number | null }>
    }
    const csv = await ctx.request.get(`${server.url}${csvHref}`)
    const rows = parse(await csv.text(), { columns: true, bom: true }) as Array<Record<string, string>>
    expect(rows.map((r) => [r.Code, Number(r.Received)])).toEqual(api.units.map((u) => [u.code, u.received]))
    const x = await ctx.request.get(`${server.url}${xlsxHref}`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await x.body()) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    const head = (ws.getRow(2).values as unknown[]).slice(1) as string[]
    const got = []
    for (let i = 3; i <= ws.rowCount; i++) got.push([ws.getCell(i, head.indexOf('Code') + 1).value, ws.getCell(i, head.indexOf('On-time rate') + 1).value])
    expect(got).toEqual(api.units.map((u) => [u.code, u.on_time_rate]))
    await ctx.close()
  })
})

describe('the meeting brief', () => {
  it('the national brief: its five first and five last provinces and ministries are the ranking of /api/v1/units', async () => {
    const { ctx, page } = await signedIn()
    await page.goto(`${server.url}/bao-cao?from=${FROM}&to=${TO}&compare=previous&lang=vi`)
    // the provinces' two tables, then the ministries' (a table with no ranked unit says so instead)
    const halves = page.locator('section.card', { hasText: 'Năm đơn vị dẫn đầu' }).locator('.grid-2 > div')
    expect(await halves.count()).toBe(4)
    const codes = (i: number, level: string) =>
      halves
        .nth(i)
        .locator(`a[href^="/don-vi/${level}/"]`)
        .evaluateAll((els) => els.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname.split('/').pop()!)))
    for (const [i, level] of [[0, 'province'], [2, 'ministry']] as const) {
      const { units } = (await (await fetch(`${server.url}/api/v1/units?level=${level}&from=${FROM}&to=${TO}&compare=previous`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        units: Array<{ code: string; rank: number | null }>
      }
      const ranked = units.filter((u) => u.rank !== null).sort((a, b) => a.rank! - b.rank!).map((u) => u.code)
      if (level === 'province') expect(ranked.length).toBeGreaterThanOrEqual(2) // the test data rank few units
      expect(await codes(i, level), level).toEqual(ranked.slice(0, 5))
      expect(await codes(i + 1, level), level).toEqual(ranked.slice(-5).reverse())
    }
    await ctx.close()
  })

  it('/bao-cao.pdf: A4 pages numbered, the date made, the partial-index note, figures with their diacritics', async () => {
    const { execFileSync } = await import('node:child_process')
    const { writeFileSync } = await import('node:fs')
    const res = await fetch(`${server.url}/bao-cao.pdf?from=${FROM}&to=${TO}&lang=vi`, { headers: { Authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const file = `${SHOTS}/bao-cao.pdf`
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    const api = (await (await fetch(`${server.url}/api/v1/summary?from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { received: number; resolved: number }
    expect(text).toContain('Báo cáo tình hình giải quyết thủ tục hành chính')
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(api.received))
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(api.resolved))
    expect(text).toContain('Hồ sơ tiếp nhận')
    expect(text).toContain('không phải điểm chính thức')
    expect(text).toMatch(/Lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/)
    expect(text).toMatch(/Trang 1\/\d/)
    expect(text).toContain('Quần đảo Hoàng Sa')
    const unit = await fetch(`${server.url}/bao-cao.pdf?level=province&unit=79&from=${FROM}&to=${TO}&lang=en`, { headers: { Authorization: `Bearer ${token}` } })
    expect(unit.status).toBe(200)
    writeFileSync(`${SHOTS}/bao-cao-79.pdf`, Buffer.from(await unit.arrayBuffer()))
    const t79 = execFileSync('pdftotext', ['-layout', `${SHOTS}/bao-cao-79.pdf`, '-'], { encoding: 'utf8' })
    expect(t79).toContain('Hồ Chí Minh')
    expect(t79).toContain('Agencies of the unit')
    expect(t79).toMatch(/Page 1\/\d/)
  })
})
