// The production server (npm start): opens the store (waiting for a predecessor that is still
// stopping; repairing derived state), serves the Remix build (building it first when it is
// missing or older than its inputs) and the static assets, and stops gracefully on SIGTERM.
import './core/production-env' // first: before React and Remix load
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { constants as zlibConstants } from 'node:zlib'
import { pathToFileURL } from 'node:url'
import { config, ConfigError } from './core/config'
import { closeStore, DataDirLockedError, onStoreOpen, store, StoreUnavailableError } from './core/db'
import { memoryReport } from './core/memory'
import { claimOwnership, currentOwner, ownedMessage } from './core/owner'
import { drainAllBuffers } from './ingest/buffer'
import { reconcileDossiers } from './ingest/reconcile'
import { sharedWriter } from './ingest/writer'
import { newLocalToken } from './core/local-token'
import { projectRoot } from './core/paths'
import { clientAddress, refuseCrossSiteForms, requestId, securityHeaders, varyByDevice } from './app/lib/headers.server'
import { rememberLanguage } from './app/lib/lang.server'

function newestSource(dir: string): number {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs)
  }
  return newest
}

/** What the build is made from: the folders it bundles (app/ imports core/ and ingest/), the files read beside it, and its configuration. */
export const BUILD_INPUTS = { dirs: ['app', 'core', 'ingest', 'sql', 'reference'], files: ['vite.config.ts', 'remix.config.js', 'tsconfig.json', 'package.json'] }

/** True when build/ is missing or older than any of BUILD_INPUTS. */
export function buildIsStale(root = projectRoot()): boolean {
  const marker = path.join(root, 'build', 'server', 'index.js')
  const built = existsSync(marker) ? statSync(marker).mtimeMs : 0
  const sources = Math.max(
    ...BUILD_INPUTS.dirs.map((d) => newestSource(path.join(root, d))),
    ...BUILD_INPUTS.files.map((f) => (existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0)),
  )
  return built < sources
}

/**
 * Builds the app when build/ is missing or older than any of BUILD_INPUTS, always for production:
 * Vite takes NODE_ENV from the environment, and a build made under the tests' NODE_ENV=test bundled
 * React's development build, which the next `npm start` then served.
 */
export function ensureBuild(root = projectRoot()): void {
  if (!buildIsStale(root)) return
  process.stderr.write('building the dashboard (remix vite:build)…\n')
  execFileSync(process.execPath, [path.join(root, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js'), 'vite:build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
}

export interface Running {
  url: string
  /** Stops taking requests, finishes those in flight, drains the write buffers, closes the store. */
  close: () => Promise<void>
}

const log = (quiet: boolean | undefined, msg: string) => {
  if (!quiet) process.stderr.write(`egov-pulse: ${msg}\n`)
}

/** How long a starting server waits for the data directory of a server that is still stopping. */
const OWNER_WAIT_S = 30
/** In-flight requests get this long after SIGTERM before their connections are cut. */
const GRACE_MS = 25_000

export async function startServer(opts: { port?: number; host?: string; quiet?: boolean; ownerWaitSeconds?: number } = {}): Promise<Running> {
  const cfg = config()
  const root = projectRoot()
  // Derived state a crash left stale (an insert without its state refresh) is repaired when the
  // store first opens, before any request gets the store (so before any ingest is accepted).
  onStoreOpen(async (s) => {
    const n = await reconcileDossiers(s, sharedWriter(s))
    if (n > 0) log(opts.quiet, `refreshed the derived state of ${n} dossiers`)
  })
  // The build first: a predecessor still releasing the data directory is then waited for last.
  ensureBuild(root)
  const build = (await import(pathToFileURL(path.join(root, 'build', 'server', 'index.js')).href)) as ServerBuild
  if (!cfg.CLICKHOUSE_URL) {
    // The engine's lock decides who owns the directory. A predecessor still stopping (draining,
    // or killed and not yet reaped) holds it for a moment: wait for it, then take it.
    const deadline = Date.now() + (opts.ownerWaitSeconds ?? OWNER_WAIT_S) * 1000
    // (chDB prints its own line for each refused attempt, hence a poll that slows down to 0.5 s)
    for (let told = false, pause = 100; ; told = true, pause = Math.min(500, pause * 2)) {
      try {
        await store()
        break
      } catch (e) {
        if (!(e instanceof DataDirLockedError)) throw e
        const owner = currentOwner(cfg.dataDir)
        if (Date.now() > deadline) throw owner ? new DataDirLockedError(ownedMessage(cfg.dataDir, owner)) : e
        if (!told) log(opts.quiet, `waiting (up to ${opts.ownerWaitSeconds ?? OWNER_WAIT_S} s) for ${owner ? `the server pid ${owner.pid} at ${owner.url}` : 'the process'} holding ${cfg.dataDir} to stop…`)
        await new Promise((r) => setTimeout(r, pause))
      }
    }
  } else {
    // A ClickHouse server that is down does not stop this one: requests answer 503 until it is back.
    try {
      await store()
    } catch (e) {
      if (!(e instanceof StoreUnavailableError)) throw e
      log(false, `${e.message}; serving 503 until it answers`)
    }
  }
  let stopping = false
  const app = express()
  app.disable('x-powered-by')
  app.use((_req, res, next) => {
    // while stopping, each answer closes its connection, so keep-alive clients reconnect elsewhere
    if (stopping) res.set('Connection', 'close')
    next()
  })
  app.use(securityHeaders)
  app.use(varyByDevice)
  app.use(clientAddress)
  app.use(requestId)
  app.use(refuseCrossSiteForms)
  app.use(rememberLanguage)
  // Pages are 0.2–0.5 MB of HTML (tables, SVG charts, the loader data that repeats them), the quality
  // endpoint 0.8 MB of JSON: sent compressed at fast settings, brotli 2 to browsers, gzip 1 to
  // the rest, 6–12× less for 2–8 ms here (ADR 019). Every CSRF token carries a fresh nonce, so a
  // compressed page gives no oracle on it.
  app.use(compression({ level: 1, brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 2 } } }))
  app.use('/assets', express.static(path.join(root, 'build', 'client', 'assets'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'build', 'client'), { maxAge: '1h' }))
  app.use(createRequestHandler({ build, mode: 'production' }))
  // Last resort for what fails before Remix (a malformed URL, a body the parser refuses): a plain
  // answer with the error's own 4xx status, never Express's page with a stack trace.
  app.use((err: Error & { status?: number; statusCode?: number }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status ?? err.statusCode ?? 500
    if (status >= 500) console.error(`egov-pulse: ${req.method} ${req.path}: ${err.stack ?? err.message}`)
    if (res.headersSent) return void res.end()
    res.status(status >= 400 && status < 600 ? status : 500).json({ error: status < 500 ? 'bad request' : 'internal error' })
  })
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
  const memoryLog = startMemoryLog()
  if (!opts.quiet) process.stdout.write(`egov-pulse: serving on ${url} (${cfg.CLICKHOUSE_URL ? `ClickHouse ${cfg.CLICKHOUSE_URL}` : `embedded database in ${cfg.dataDir}`})\n`)
  return {
    url,
    close: async () => {
      stopping = true
      clearInterval(memoryLog)
      release() // commands now wait for the directory instead of handing work to a server that is leaving
      const closed = new Promise<void>((res) => server.close(() => res()))
      server.closeIdleConnections()
      const cut = setTimeout(() => server.closeAllConnections(), GRACE_MS)
      await closed
      clearTimeout(cut)
      await drainAllBuffers()
      onStoreOpen(undefined)
      await closeStore()
    },
  }
}

/** With EGP_MEMORY_LOG_MS set, one `memory {json}` line on stdout that often (core/memory.ts). */
function startMemoryLog(): NodeJS.Timeout | undefined {
  const every = Number(process.env.EGP_MEMORY_LOG_MS ?? 0)
  if (!(every > 0)) return undefined
  return setInterval(() => {
    void store()
      .catch(() => undefined)
      .then((s) => memoryReport(s))
      .then((r) => process.stdout.write(`memory ${JSON.stringify(r)}\n`))
      .catch(() => undefined) // a report that fails (the store is down) is skipped, not fatal
  }, every).unref()
}

/**
 * On SIGINT/SIGTERM: close (extra first, say a live feed), exit 0; exit 1 if that takes over 30 s or
 * fails. Give it the server's start-up promise to cover a signal that arrives while it starts.
 */
export function exitOnSignals(running: Running | Promise<Running>, extra?: () => Promise<void>): void {
  let closing = false
  const stop = async () => {
    if (closing) return
    closing = true
    setTimeout(() => {
      process.stderr.write('egov-pulse: could not stop within 30 s\n')
      process.exit(1)
    }, 30_000).unref()
    try {
      const r = await running
      await extra?.()
      await r.close()
      process.exit(0)
    } catch (e) {
      process.stderr.write(`egov-pulse: stopping failed: ${(e as Error).message}\n`)
      process.exit(1)
    }
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
if (isMain) {
  // A stray rejection is a bug to log, not a reason to take the service down.
  process.on('unhandledRejection', (e) => process.stderr.write(`egov-pulse: unhandled rejection: ${(e as Error)?.stack ?? String(e)}\n`))
  try {
    const running = startServer()
    exitOnSignals(running) // before it serves: a signal during start-up is a graceful stop too
    await running
  } catch (e) {
    const err = e as Error
    const known = [ConfigError, DataDirLockedError, StoreUnavailableError].some((k) => err instanceof k)
    process.stderr.write(`egov-pulse: ${known ? err.message : err.stack}\n`)
    process.exit(1)
  }
}
