// In embedded mode one process owns the data directory. The server records itself in
// DATA_DIR/server.json so that other commands can say clearly who holds it (and, later, hand work to it).
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface Owner {
  pid: number
  url: string
  started_at: string
  /** The local token (core/local-token.ts) for handing work to the server. */
  token?: string
}

const file = (dataDir: string) => path.join(dataDir, 'server.json')

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live server holding this data directory, if any (a stale record of a dead one is ignored). */
export function currentOwner(dataDir: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file(dataDir), 'utf8')) as Owner
    return o.pid !== process.pid && alive(o.pid) ? o : null
  } catch {
    return null
  }
}

export function claimOwnership(dataDir: string, url: string, token: string): () => void {
  writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, url, started_at: new Date().toISOString(), token }), { mode: 0o600 })
  return () => rmSync(file(dataDir), { force: true })
}

export function ownedMessage(dataDir: string, o: Owner): string {
  return `the embedded database in ${dataDir} is held by a running server (pid ${o.pid}, ${o.url}); stop it first, or post the file to ${o.url}/api/v1/ingest/… with a source token`
}
