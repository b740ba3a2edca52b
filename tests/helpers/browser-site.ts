// What the browser tests share: a real engine with a simulated registry and two months of events,
// a national user and token, the production server, and Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { createToken, createUser } from '../../core/auth'
import { closeStore } from '../../core/db'
import { startServer, type Running } from '../../server'
import { simulateConnectionEvents, simulateDocumentEvents, simulateDossierEvents, simulateRegistry } from '../../scripts/simulate/index'
import { testEngine, type TestEngine } from './engine'

export const CHROMIUM = '/usr/bin/chromium'
export const SHOTS = 'test-results/screenshots'
export const PASSWORD = 'mat-khau-thu-nghiem'

export interface BrowserSite {
  e: TestEngine
  server: Running
  browser: Browser
  token: string
  close: () => Promise<void>
}

/** September–October 2025 simulated at `scale`, a national user `email`, the server and Chromium. */
export async function browserSite(o: { seed: number; scale: number; email: string; tokenName: string }): Promise<BrowserSite> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`)
  mkdirSync(SHOTS, { recursive: true })
  const e = await testEngine()
  const registry = simulateRegistry({ seed: o.seed })
  const opts = { seed: o.seed, from: new Date('2025-08-31T17:00:00Z'), to: new Date('2025-10-31T16:59:59Z'), scale: o.scale }
  await e.load('agency', registry)
  await e.load('dossier', [...simulateDossierEvents(registry, opts)])
  await e.load('document', [...simulateDocumentEvents(registry, opts)])
  await e.load('connection', [...simulateConnectionEvents(registry, opts)])
  await createUser(e.store, o.email, 'national', null, PASSWORD, false)
  const token = (await createToken(e.store, o.tokenName, 'national', [])).token
  const server = await startServer({ port: 0, host: '127.0.0.1', quiet: true })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  return {
    e,
    server,
    browser,
    token,
    close: async () => {
      await browser.close()
      await server.close()
      await closeStore()
      await e.close()
    },
  }
}
