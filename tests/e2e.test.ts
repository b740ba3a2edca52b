// The dashboard as a person sees it, in Debian's Chromium: login, the home page's figures
// (the same numbers as the API), every page renders in Vietnamese, phone width and print.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, type Page } from 'playwright-core'
import type { Running } from '../server'
import { browserSite, SHOTS, type BrowserSite } from './helpers/browser-site'

const FROM = '2025-09-01'
const TO = '2025-10-31'

let site: BrowserSite
let server: Running
let browser: Browser
let token: string

beforeAll(async () => {
  site = await browserSite({ seed: 5, scale: 0.05, email: 'lanhdao@example.vn', tokenName: 'e2e' })
  ;({ server, browser, token } = site)
}, 240_000)

afterAll(async () => {
  await site?.close()
})

async function signedIn(width = 1366, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'vi-VN' })
  await page.goto(`${server.url}/`)
  expect(new URL(page.url()).pathname).toBe('/login')
  await page.fill('input[name=email]', 'lanhdao@example.vn')
  await page.fill('input[name=password]', 'mat-khau-thu-nghiem')
  await Promise.all([page.waitForURL((u) => new URL(u).pathname === '/'), page.click('button[type=submit]')])
  return page
}

describe('dashboard in Chromium', () => {
  it('a wrong password stays on the login page with a Vietnamese message', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/login`)
    await page.fill('input[name=email]', 'lanhdao@example.vn')
    await page.fill('input[name=password]', 'sai-mat-khau')
    await page.click('button[type=submit]')
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('không đúng')
    await page.close()
  })

  it('the home page shows the national figures of the API, the 34 provinces and the partial-index note', async () => {
    const page = await signedIn()
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}`)
    const api = (await (await fetch(`${server.url}/api/v1/summary?from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { received: number; resolved: number }
    expect(api.received).toBeGreaterThan(100)
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Tình hình giải quyết thủ tục hành chính')
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(api.received))
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(api.resolved))
    expect(text).toContain('không phải điểm chính thức')
    expect(text).toContain('Thành phố Hồ Chí Minh')
    expect(await page.locator('section', { hasText: 'Các tỉnh, thành phố' }).locator('tbody tr').count()).toBe(34)
    await page.screenshot({ path: `${SHOTS}/home-desktop.png`, fullPage: true })
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('form.filters').first().isVisible()).toBe(false)
    await page.screenshot({ path: `${SHOTS}/home-print.png`, fullPage: true })
    await page.close()
  })

  it('at phone width the page does not scroll sideways (tables scroll inside their box)', async () => {
    const page = await signedIn(390, 844)
    await page.goto(`${server.url}/?from=${FROM}&to=${TO}`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    await page.screenshot({ path: `${SHOTS}/home-phone.png`, fullPage: true })
    await page.close()
  })

  it('every page answers in Vietnamese without an error', async () => {
    const page = await signedIn()
    const paths = [`/don-vi/province/79?from=${FROM}&to=${TO}`, `/van-ban?from=${FROM}&to=${TO}`, `/ket-noi?from=${FROM}&to=${TO}`, '/chat-luong']
    for (const p of paths) {
      const res = await page.goto(`${server.url}${p}`)
      expect(res?.status(), p).toBe(200)
      const h1 = (await page.textContent('h1')) ?? ''
      expect(h1.length, p).toBeGreaterThan(3)
      expect(h1.normalize('NFC'), p).toBe(h1) // composed Vietnamese diacritics
      await page.screenshot({ path: `${SHOTS}/${p.split('?')[0].replace(/\W+/g, '-').replace(/^-|-$/g, '')}.png`, fullPage: true })
    }
    await page.close()
  })
})
