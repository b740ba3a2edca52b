// The dashboard as a person sees it, in Debian's Chromium: login, the home page's figures
// (the same numbers as the API), every page renders in Vietnamese, phone width and print.
import { existsSync, mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createToken, createUser } from '../core/auth'
import { closeStore } from '../core/db'
import { startServer, type Running } from '../server'
import { simulateConnectionEvents, simulateDocumentEvents, simulateDossierEvents, simulateRegistry } from '../scripts/simulate/index'
import { testEngine, type TestEngine } from './helpers/engine'

const CHROMIUM = '/usr/bin/chromium'
const SHOTS = 'test-results/screenshots'
const FROM = '2025-09-01'
const TO = '2025-10-31'

let e: TestEngine
let server: Running
let browser: Browser
let token: string

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`)
  mkdirSync(SHOTS, { recursive: true })
  e = await testEngine()
  const registry = simulateRegistry({ seed: 5 })
  const opts = { seed: 5, from: new Date('2025-08-31T17:00:00Z'), to: new Date('2025-10-31T16:59:59Z'), scale: 0.05 }
  await e.load('agency', registry)
  await e.load('dossier', [...simulateDossierEvents(registry, opts)])
  await e.load('document', [...simulateDocumentEvents(registry, opts)])
  await e.load('connection', [...simulateConnectionEvents(registry, opts)])
  await createUser(e.store, 'lanhdao@example.vn', 'national', null, 'mat-khau-thu-nghiem', false)
  token = (await createToken(e.store, 'e2e', 'national', [])).token
  server = await startServer({ port: 0, host: '127.0.0.1', quiet: true })
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await closeStore()
  await e?.close()
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
