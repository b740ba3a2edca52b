// A ClickHouse server for outage tests: the HTTP interface of ClickHouse (the part
// @clickhouse/client uses) in front of an in-process chDB session, on a port that can be stopped
// (connections refused, open sockets cut) and started again with the data intact.
import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { detachStdin } from '../../core/db'

const NOT_SETTINGS = new Set(['query', 'query_id', 'database', 'default_format', 'session_id', 'session_timeout', 'session_check'])
const literal = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

export interface FakeClickHouse {
  url: string
  port: number
  /** Requests answered so far. */
  requests: number
  /** Refuses connections from now on and cuts the open ones. */
  stop(): Promise<void>
  /** Listens again on the same port, with the same data. */
  start(): Promise<void>
  destroy(): Promise<void>
}

export async function fakeClickHouse(port: number): Promise<FakeClickHouse> {
  const dir = mkdtempSync(path.join(tmpdir(), 'egov-fake-ch-'))
  detachStdin() // as the store does before its engine loads: the engine must never read this process's input
  const { Session } = await import('chdb')
  const session = new Session(dir)
  let server: Server | null = null
  const sockets = new Set<Socket>()
  const fake: FakeClickHouse = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: 0,
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          fake.requests++
          const url = new URL(req.url ?? '/', fake.url)
          if (url.pathname === '/ping') return void res.end('Ok.\n')
          const body = Buffer.concat(chunks).toString('utf8')
          const inUrl = url.searchParams.get('query')
          const sql = inUrl ? `${inUrl}\n${body}` : body
          try {
            const db = url.searchParams.get('database')
            if (db) session.query(`USE ${db.replace(/[^\w]/g, '')}`, 'CSV')
            for (const [k, v] of url.searchParams) {
              if (k.startsWith('param_')) session.query(`SET ${k.replace(/[^\w]/g, '')} = ${literal(v)}`, 'CSV')
              else if (!NOT_SETTINGS.has(k)) session.query(`SET ${k.replace(/[^\w]/g, '')} = ${/^-?\d+$/.test(v) ? v : literal(v)}`, 'CSV')
            }
            const out = session.query(sql, 'TabSeparated')
            res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Summary': '{}' })
            res.end(out ?? '')
          } catch (e) {
            const msg = (e as Error).message.replace(/^Query failed: /, '')
            const code = /Code: (\d+)/.exec(msg)?.[1] ?? '1'
            res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': code })
            res.end(msg)
          }
        })
      })
      server.on('connection', (s: Socket) => {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
      })
      await new Promise<void>((res, rej) => {
        server!.once('error', rej)
        server!.listen(port, '127.0.0.1', () => res())
      })
    },
    async stop() {
      const s = server
      server = null
      if (!s) return
      const closed = new Promise<void>((res) => s.close(() => res()))
      for (const sock of sockets) sock.destroy()
      await closed
    },
    async destroy() {
      await fake.stop()
      session.cleanup()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return fake
}
