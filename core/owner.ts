// In embedded mode one process owns the data directory, and the engine decides which: chDB
// holds an operating-system lock on DATA_DIR/status while a process has it open, released by
// the kernel the moment that process dies (kill -9 included). So ownership is whoever opened
// the store (core/open.ts, server.ts), never a pid's liveness. The server also records itself
// in DATA_DIR/server.json, only so that other commands can name it and hand work to it.
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

/** The server's record in DATA_DIR/server.json, whatever its state (null when there is none). */
export function serverRecord(dataDir: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file(dataDir), 'utf8')) as Owner
    return typeof o.pid === 'number' && typeof o.url === 'string' ? o : null
  } catch {
    return null
  }
}

/**
 * The server that probably holds this data directory: its record, unless that names this process
 * or a process that is gone. A hint for naming the holder and choosing to hand work to it; the
 * engine's lock is what decides (a stale record never blocks anyone: opening the store succeeds).
 */
export function currentOwner(dataDir: string): Owner | null {
  const o = serverRecord(dataDir)
  return o && o.pid !== process.pid && alive(o.pid) ? o : null
}

/** Records this process as the directory's server; call only once the store is open (the lock held). */
export function claimOwnership(dataDir: string, url: string, token: string): () => void {
  writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, url, started_at: new Date().toISOString(), token }), { mode: 0o600 })
  return () => {
    // a newer server may have taken the directory since: its record stays
    if (serverRecord(dataDir)?.pid === process.pid) rmSync(file(dataDir), { force: true })
  }
}

export function ownedMessage(dataDir: string, o: Owner): string {
  return `the embedded database in ${dataDir} is held by a running server (pid ${o.pid}, ${o.url}); stop it first, or post the file to ${o.url}/api/v1/ingest/… with a source token`
}
