// npm run demo: a fresh embedded database under ./data/demo, the simulated national registry
// (≈ 9,900 agencies) and a simulated year of history (DEMO_EVENTS events in national
// proportions, 500k by default) loaded through the real ingest pipeline, a live simulated feed,
// and the dashboard served on PORT. Prints the URL, a demo login and the time it took.
import { rmSync } from 'node:fs'
import path from 'node:path'

process.env.DATA_DIR = path.resolve(process.env.DEMO_DATA_DIR ?? './data/demo')

const { config } = await import('../core/config')
const { currentOwner, ownedMessage } = await import('../core/owner')
const { store } = await import('../core/db')
const { createUser } = await import('../core/auth')
const { reference } = await import('../core/reference')
const { ingestRecords } = await import('../ingest/pipeline')
const { validateRecord } = await import('../ingest/validate')
const { sharedWriter } = await import('../ingest/writer')
const { WriteBuffer } = await import('../ingest/buffer')
const sim = await import('./simulate/index')
const { startServer, exitOnSignals } = await import('../server')

type Kind = 'dossier' | 'document' | 'connection' | 'agency'

const cfg = config()
const owner = currentOwner(cfg.dataDir)
if (owner) {
  process.stderr.write(`demo: ${ownedMessage(cfg.dataDir, owner)}\n`)
  process.exit(1)
}
rmSync(cfg.dataDir, { recursive: true, force: true })

const log = (s: string) => process.stdout.write(`demo: ${s}\n`)
const t0 = Date.now()
const s = await store()
const writer = sharedWriter(s)
const validate = { provinceCodes: reference().provinceCodes }

async function* numbered(items: Iterable<object>) {
  let line = 0
  for (const value of items) yield { line: ++line, value }
}

async function load(kind: Kind, items: Iterable<object>) {
  const t = Date.now()
  const c = await ingestRecords(numbered(items), { kind, store: s, writer, source: 'demo', validate })
  const secs = (Date.now() - t) / 1000
  const n = c.accepted + c.duplicates + c.rejected
  log(`${kind}: ${c.accepted.toLocaleString('en')} accepted, ${c.duplicates} duplicates, ${c.rejected} rejected in ${secs.toFixed(1)} s (${Math.round(n / Math.max(secs, 0.001)).toLocaleString('en')}/s)`)
}

const now = new Date()
const from = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), 1) - 7 * 3600_000)
// The history's size is what keeps the demo ready within two minutes on a 2-core machine
// (docs/decisions/010-national-simulator.md): 500k events through the real pipeline (1.2M took
// 203 s on a slower day of this machine, 6,100 events/s; 500k leaves room on a machine that slow).
const total = Number(process.env.DEMO_EVENTS ?? 500_000)
if (!Number.isInteger(total) || total < 0) {
  process.stderr.write(`demo: DEMO_EVENTS must be a whole number ≥ 0 (got ${process.env.DEMO_EVENTS})\n`)
  process.exit(1)
}
const split = sim.nationalSplit(total)
const registry = sim.simulateRegistry({ seed: 7 })
await load('agency', registry)
await load('dossier', sim.simulateDossierEvents(registry, { seed: 7, from, to: now, events: split.dossier }))
await load('document', sim.simulateDocumentEvents(registry, { seed: 7, from, to: now, events: split.document }))
await load('connection', sim.simulateConnectionEvents(registry, { seed: 7, from, to: now }))

const email = 'admin@demo.egov.vn'
const password = 'demo-egov-2025'
await createUser(s, email, 'admin', null, password, false)
log(`history loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

// The live feed: a few events every few seconds, through a buffered writer.
const buffers = {
  dossier: new WriteBuffer(writer, 'dossier', 'demo-live'),
  document: new WriteBuffer(writer, 'document', 'demo-live'),
  connection: new WriteBuffer(writer, 'connection', 'demo-live'),
}
const live = sim.newLiveState(11)
const tick = setInterval(() => {
  const batch = sim.simulateLiveTick(registry, new Date(), live)
  for (const kind of ['dossier', 'document', 'connection'] as const) {
    const ok = []
    for (const [i, value] of (batch[kind] as object[]).entries()) {
      const v = validateRecord(kind, value, i + 1, validate)
      if (v.ok) ok.push(v.record)
    }
    ;(buffers[kind] as InstanceType<typeof WriteBuffer>).add(ok as never[])
  }
}, 5000)

const running = await startServer({ quiet: true })
exitOnSignals(running, async () => {
  clearInterval(tick)
  await Promise.all(Object.values(buffers).map((b) => b.drain()))
})
log(`ready ${process.uptime().toFixed(1)} s after start`)
process.stdout.write(`\negov-pulse demo is running: ${running.url}\n  login: ${email}\n  password: ${password}\n  (live simulated feed every 5 s; Ctrl+C to stop)\n\n`)
