// The production server (server.ts) as its own process, as `npm start` runs it: for tests that
// kill it, stop it with a signal, or start it against a store that is down.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { projectRoot, serverNodeArgs } from '../../core/paths'

export interface ChildServer {
  proc: ChildProcess
  url: string
  /** Milliseconds from spawn to "serving on". */
  startMs: number
  stderr: () => string
  stdout: () => string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/** Starts server.ts with env (DATA_DIR or CLICKHOUSE_URL…) and resolves once it serves. */
export async function startChildServer(env: Record<string, string>, timeoutMs = 120_000, onStderr?: (all: string) => void): Promise<ChildServer> {
  const port = env.PORT ?? String(await freePort())
  const t0 = Date.now()
  const proc = spawn(process.execPath, serverNodeArgs(), {
    cwd: projectRoot(),
    env: { ...process.env, HOST: '127.0.0.1', PORT: port, DB_POOL: '2', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  proc.stdout!.on('data', (c) => (out += c))
  proc.stderr!.on('data', (c) => {
    err += c
    onStderr?.(err)
  })
  const exited = new Promise<number | string>((res) => proc.on('exit', (code, signal) => res(code ?? signal ?? -1)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms: ${err}`)), timeoutMs)
    const check = () => {
      const m = /serving on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    }
    proc.stdout!.on('data', check)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}) before serving: ${err}`))
    })
  })
  return { proc, url, startMs: Date.now() - t0, stderr: () => err, stdout: () => out, exited }
}
