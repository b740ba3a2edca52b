// Graceful stop (issue 11): on SIGTERM the server takes no new connection, finishes the requests
// in flight (an ingest still uploading included), drains the write buffers and exits 0.
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { createToken } from '../core/auth'
import { loadConfig, resetConfig } from '../core/config'
import { openStore } from '../core/db'
import { drainAllBuffers, WriteBuffer } from '../ingest/buffer'
import { validateRecord } from '../ingest/validate'
import { reference } from '../core/reference'
import { AG, REGISTRY, daysAgo, dossierEvent } from './helpers/server'
import { startChildServer, type ChildServer } from './helpers/child-server'
import { testEngine } from './helpers/engine'

const dirs: string[] = []
let child: ChildServer | undefined
afterAll(() => {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('SIGTERM', () => {
  it('finishes an ingest in flight (reply 200, data stored), refuses new connections, exits 0', async () => {
    const engine = await testEngine()
    dirs.push(engine.dataDir)
    expect((await engine.load('agency', REGISTRY)).rejects).toEqual([])
    const source = (await createToken(engine.store, 'stop-source', 'source', ['79'])).token
    await engine.store.close()
    child = await startChildServer({ DATA_DIR: engine.dataDir })

    const N = 20_000
    const lines = Array.from({ length: N }, (_, i) => JSON.stringify(dossierEvent(`HS-79-STOP-${i}`, 2, AG.commune79, daysAgo(2), { received_at: daysAgo(2), due_at: daysAgo(-5) })) + '\n')
    const half = Math.floor(N / 2)
    let sendRest!: () => void
    const rest = new Promise<void>((r) => (sendRest = r))
    const body = new ReadableStream<Uint8Array>({
      async start(c) {
        c.enqueue(new TextEncoder().encode(lines.slice(0, half).join('')))
        await rest // the upload stalls here while the server is told to stop
        c.enqueue(new TextEncoder().encode(lines.slice(half).join('')))
        c.close()
      },
    })
    const reply = fetch(`${child.url}/api/v1/ingest/dossier`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${source}`, 'Content-Type': 'application/x-ndjson' },
      body,
      duplex: 'half',
    } as RequestInit)
    await new Promise((r) => setTimeout(r, 1500)) // the upload has begun
    const t0 = Date.now()
    child.proc.kill('SIGTERM')
    // soon no new connection is taken, while the upload in flight still is
    let refused = false
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await fetch(`${child.url}/api/v1/health`, { headers: { Connection: 'close' } }).then(
        () => false,
        () => true,
      )
      if (!refused) await new Promise((r) => setTimeout(r, 100))
    }
    expect(refused).toBe(true)
    expect(child.proc.exitCode).toBe(null) // still finishing the upload
    sendRest()
    const res = await reply
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ accepted: N, duplicates: 0, rejected: [] })
    expect(await child.exited).toBe(0)
    const stopMs = Date.now() - t0
    console.log(`SIGTERM to exit with a ${N}-line ingest in flight: ${stopMs} ms`)
    expect(stopMs).toBeLessThan(30_000)

    const cfg = loadConfig({ DATA_DIR: engine.dataDir, DB_POOL: '1' })
    resetConfig(cfg)
    const store = await openStore(cfg)
    expect(await store.rows("SELECT count() AS n FROM dossier_events WHERE dossier_code LIKE 'HS-79-STOP-%'")).toEqual([{ n: String(N) }])
    expect(await store.rows("SELECT count() AS n FROM dossier_rows WHERE startsWith(dossier_code, 'HS-79-STOP-')")).toEqual([{ n: String(N) }])
    await store.close()
  })

  it('drainAllBuffers writes what every live buffer holds', async () => {
    const engine = await testEngine()
    dirs.push(engine.dataDir)
    const buffer = new WriteBuffer(engine.writer, 'dossier', 'live', { maxRows: 1000, maxMs: 60_000 })
    const records = [0, 1, 2].map((i) => {
      const v = validateRecord('dossier', dossierEvent(`HS-BUF-${i}`, 2, AG.ubnd79, daysAgo(1)), i + 1, { provinceCodes: reference().provinceCodes })
      if (!v.ok) throw new Error(v.reject.reason)
      return v.record
    })
    buffer.add(records)
    expect(await engine.store.rows("SELECT count() AS n FROM dossier_events WHERE source = 'live'")).toEqual([{ n: '0' }])
    await drainAllBuffers()
    expect(await engine.store.rows("SELECT count() AS n FROM dossier_events WHERE source = 'live'")).toEqual([{ n: '3' }])
    expect(buffer.totals).toMatchObject({ accepted: 3, failures: 0 })
    await engine.store.close()
  })
})
