// The production server (npm start): opens the store, serves the Remix build (building it
// first when it is missing or older than the sources) and the static assets.
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { config, ConfigError } from './core/config'
import { closeStore, DataDirLockedError, store, StoreUnavailableError } from './core/db'
import { claimOwnership, currentOwner, ownedMessage } from './core/owner'
import { newLocalToken } from './core/local-token'
import { projectRoot } from './core/paths'
import { clientAddress, refuseCrossSiteForms, securityHeaders } from './app/lib/headers.server'
import { rememberLanguage } from './app/lib/lang.server'

function newestSource(dir: string): number {
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** Builds the app when build/ is missing or older than app/, core/ or sql/. */
export function ensureBuild(root = projectRoot()): void {
  const marker = path.join(root, 'build', 'server', 'index.js')
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const sources = Math.max(...['app', 'core'].map((d) => newestSource(path.join(root, d))), statSync(path.join(root, 'vite.config.ts')).mtimeMs)
  if (built >= sources) return
  process.stderr.write('building the dashboard (remix vite:build)…\n')
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js'), 'vite:build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
}

export interface Running {
  url: string
  close: () => Promise<void>
}

export async function startServer(opts: { port?: number; host?: string; quiet?: boolean } = {}): Promise<Running> {
  const cfg = config()
  const root = projectRoot()
  if (!cfg.CLICKHOUSE_URL) {
    const owner = currentOwner(cfg.dataDir)
    if (owner) throw new DataDirLockedError(ownedMessage(cfg.dataDir, owner))
  }
  await store() // open (and migrate) before taking traffic
  ensureBuild(root)
  const build = (await import(pathToFileURL(path.join(root, 'build', 'server', 'index.js')).href)) as ServerBuild
  const app = express()
  app.disable('x-powered-by')
  app.use(securityHeaders)
  app.use(clientAddress)
  app.use(refuseCrossSiteForms)
  app.use(rememberLanguage)
  app.use('/assets', express.static(path.join(root, 'build', 'client', 'assets'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'build', 'client'), { maxAge: '1h' }))
  app.all('*', createRequestHandler({ build, mode: 'production' }))
  const port = opts.port ?? cfg.PORT
  const host = opts.host ?? cfg.HOST
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s))
    s.on('error', reject)
  })
  const address = server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`
  const release = cfg.CLICKHOUSE_URL ? () => {} : claimOwnership(cfg.dataDir, url, newLocalToken())
  if (!opts.quiet) process.stdout.write(`egov-pulse: serving on ${url} (${cfg.CLICKHOUSE_URL ? `ClickHouse ${cfg.CLICKHOUSE_URL}` : `embedded database in ${cfg.dataDir}`})\n`)
  return {
    url,
    close: async () => {
      await new Promise<void>((res) => server.close(() => res()))
      release()
      await closeStore()
    },
  }
}

export function exitOnSignals(running: Running, extra?: () => Promise<void>): void {
  let closing = false
  const stop = async () => {
    if (closing) return
    closing = true
    await extra?.()
    await running.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
if (isMain) {
  try {
    exitOnSignals(await startServer())
  } catch (e) {
    const err = e as Error
    const known = [ConfigError, DataDirLockedError, StoreUnavailableError].some((k) => err instanceof k)
    process.stderr.write(`egov-pulse: ${known ? err.message : err.stack}\n`)
    process.exit(1)
  }
}
