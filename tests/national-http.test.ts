// The national formats over HTTP (POST /api/v1/ingest/dvcqg and /edxml) on the real server, and
// `ingest import` handing files to that server (the hand-off path): the same counts, rejects
// files and reasons as the direct path, for NDJSON, CSV and both national formats.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { AG, serverFixture } from './helpers/server'
import { documentMessage, dossierObject, PERSONAL, progressEnvelope, progressObject, soapStatus, syncEnvelope } from './helpers/national'

const s = serverFixture()
const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }
const XML_TYPE = { 'Content-Type': 'text/xml; charset=UTF-8' }
const sync = (body: BodyInit, token: string | undefined, headers: Record<string, string> = JSON_TYPE, query = '') => s.post(`/api/v1/ingest/dvcqg${query}`, body, { token, headers })
const edxml = (body: BodyInit, token: string | undefined, headers: Record<string, string> = XML_TYPE) => s.post('/api/v1/ingest/edxml', body, { token, headers })

describe('POST /api/v1/ingest/dvcqg', () => {
  it('takes an envelope of its scope and answers in the portal style once stored', async () => {
    const env = syncEnvelope([dossierObject('HTTP-HS-1', '2'), dossierObject('HTTP-HS-2', '2', { NgayTiepNhan: '20251301000000' })], { madonvi: AG.commune79 })
    const r = await sync(JSON.stringify(env), s.tokens.source)
    expect(r.status, r.text).toBe(200)
    expect(r.json).toEqual({ error_code: 0, message: expect.any(String), accepted: 1, duplicates: 0, rejected: [{ line: 2, field: 'NgayTiepNhan', reason: expect.any(String) }] })
    const stored = await s.engine.store.rows<{ n: string }>("SELECT count() AS n FROM dossier_events WHERE dossier_code = 'HTTP-HS-1'")
    expect(Number(stored[0].n)).toBe(1)
    const again = await sync(gzipSync(JSON.stringify(env)), s.tokens.admin, { ...JSON_TYPE, 'Content-Encoding': 'gzip' })
    expect(again.json).toMatchObject({ error_code: 0, accepted: 0, duplicates: 1 })
  })

  it('a progress envelope and a bare array with MaDinhDanhDV', async () => {
    const p = await sync(JSON.stringify(progressEnvelope([progressObject('HTTP-HS-1', '4', '20251002080000')], AG.commune79)), s.tokens.source)
    expect(p.json).toMatchObject({ error_code: 0, accepted: 1, rejected: [] })
    const bare = await sync(JSON.stringify([dossierObject('HTTP-HS-3', '1')]), s.tokens.source, JSON_TYPE, `?MaDinhDanhDV=${AG.ubnd79}&isUpdating=false`)
    expect(bare.json).toMatchObject({ error_code: 0, accepted: 1 })
  })

  it('400 {"error_code": 1} for a body that is not an envelope, or a bare array without MaDinhDanhDV', async () => {
    for (const body of ['not json', '{"hello": 1}', JSON.stringify([dossierObject('X', '2')])]) {
      const r = await sync(body, s.tokens.source)
      expect(r.status, body).toBe(400)
      expect(r.json).toEqual({ error_code: 1, message: expect.any(String) })
    }
  })

  it('403 for an agency outside the token’s scope, and for a role that may not ingest; 401 without a token', async () => {
    const out = await sync(JSON.stringify(syncEnvelope([dossierObject('HTTP-OUT', '2')], { madonvi: AG.ubnd01 })), s.tokens.source)
    expect(out.status).toBe(403)
    expect(out.json).toMatchObject({ error_code: 1, message: expect.any(String) })
    expect((await sync('[]', s.tokens.national, JSON_TYPE, '?MaDinhDanhDV=x')).status).toBe(403)
    expect((await sync('[]', undefined, JSON_TYPE, '?MaDinhDanhDV=x')).status).toBe(401)
    const none = await s.engine.store.rows<{ n: string }>("SELECT count() AS n FROM dossier_events WHERE dossier_code = 'HTTP-OUT'")
    expect(Number(none[0].n)).toBe(0)
  })

  it('415 for another content type, 413 above 10 MB or 50,000 records', async () => {
    expect((await sync('{}', s.tokens.source, { 'Content-Type': 'text/plain' })).status).toBe(415)
    const big = JSON.stringify(syncEnvelope([{ GhiChu: 'x'.repeat(11 * 1024 * 1024) }], { madonvi: AG.commune79 }))
    expect((await sync(big, s.tokens.source)).status).toBe(413)
    const many = JSON.stringify(syncEnvelope(Array.from({ length: 50_001 }, () => ({})), { madonvi: AG.commune79 }))
    expect((await sync(many, s.tokens.source)).status).toBe(413)
  })
})

describe('POST /api/v1/ingest/edxml', () => {
  it('takes a status message and a document message (charset in Content-Type), answering as /ingest/document', async () => {
    const st = await edxml(soapStatus({ from: AG.ubnd79, issuer: AG.g22 }), s.tokens.source)
    expect(st.status, st.text).toBe(200)
    expect(st.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] })
    const doc = await edxml(documentMessage({ from: AG.g22, to: [AG.ubnd79, AG.ubnd01] }), s.tokens.source, { 'Content-Type': 'application/xml;charset=utf-8' })
    // the source token (scope 79) may send the exchange to 79, not the one between G22 and 01
    expect(doc.json).toEqual({ accepted: 1, duplicates: 0, rejected: [{ line: expect.any(Number), field: 'MessageHeader/From/OrganId', reason: expect.stringMatching(/scope/) }] })
  })

  it('400 for a DTD, an entity, broken XML or another namespace; 415, 401, 403', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;</a>`
    for (const body of [lol, '<a><b></a>', documentMessage().replace('QCVN_102_2016', 'QCVN_999')]) {
      const r = await edxml(body, s.tokens.admin)
      expect(r.status, body.slice(0, 80)).toBe(400)
      expect(r.json.error).toEqual(expect.any(String))
    }
    expect((await edxml(soapStatus(), s.tokens.admin, { 'Content-Type': 'application/json' })).status).toBe(415)
    expect((await edxml(soapStatus(), undefined)).status).toBe(401)
    expect((await edxml(soapStatus(), s.tokens.province)).status).toBe(403)
  })
})

// ---------------------------------------------------------------------------------------------

const dir = mkdtempSync(path.join(tmpdir(), 'egov-handoff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function importCli(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve('node_modules/.bin/tsx'), ['ingest/cli.ts', 'import', ...args, '--json'], { env: { ...process.env, DATA_DIR: dataDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!)
const rejectsOf = (file: string) => readFileSync(`${file}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))

/** The same input imported twice: handed to the running server, and straight into a fresh data directory. */
async function bothPaths(name: string, make: (p: string) => void, ...args: string[]) {
  const handed = path.join(dir, 'handoff', name)
  const direct = path.join(dir, 'direct', name)
  for (const p of [handed, direct]) {
    mkdirSync(path.dirname(p), { recursive: true })
    make(p)
  }
  const h = await importCli(s.engine.dataDir, handed, ...args)
  expect(h.code, h.stderr).toBe(0)
  expect(h.stderr).toContain('handing the files')
  const d = await importCli(path.join(dir, 'direct-data'), direct, ...args)
  expect(d.code, d.stderr).toBe(0)
  return { handed, direct, h: lastJson(h.stdout), d: lastJson(d.stdout) }
}
const counts = (j: { accepted: number; duplicates: number; rejected: number }) => [j.accepted, j.duplicates, j.rejected]

describe('import hands files to the running server exactly as it loads them itself', () => {
  it('a registry CSV with a broken row: the same rejects file (CSV reason, and the record)', async () => {
    const csv = 'agency_code,name,level,ministry,province_code,parent_code\n000.00.00.H31,"UBND TP Hải Phòng",province,,31,\nX2,UBND xã C,commune,,99,\nX1,"UBND "xã" B,commune,,79,\n'
    const r = await bothPaths('registry-handoff.csv', (p) => writeFileSync(p, csv))
    expect(counts(r.h)).toEqual([1, 0, 2])
    expect(counts(r.h)).toEqual(counts(r.d))
    const rejects = rejectsOf(r.handed)
    expect(rejects).toEqual(rejectsOf(r.direct))
    expect(rejects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'province_code', record: expect.stringContaining('X2') }),
        expect.objectContaining({ line: 4, field: '(line)', reason: expect.stringMatching(/not valid CSV/) }),
      ]),
    )
  })

  it('NDJSON with a broken line and a bad record: the same rejects file, records included', async () => {
    const ev = (id: string, extra: object = {}) => JSON.stringify({ event_id: id, dossier_code: `HO-${id}`, status: 2, occurred_at: '2025-10-01T09:15:00+07:00', agency_code: AG.ubnd79, procedure_code: '1.001', ...extra })
    const r = await bothPaths('dossier-handoff.ndjson', (p) => writeFileSync(p, [ev('h1'), '{broken', ev('h2', { status: 11 }), ev('h3')].join('\n') + '\n'))
    expect(counts(r.h)).toEqual([2, 0, 2])
    expect(rejectsOf(r.handed)).toEqual(rejectsOf(r.direct))
    expect(rejectsOf(r.handed)[1]).toMatchObject({ line: 3, field: 'status', record: expect.stringContaining('h2') })
  })

  it('--format dvcqg: the same counts and rejects file; personal fields are not in it', async () => {
    const lines = [
      JSON.stringify(syncEnvelope([dossierObject('HO-S1', '2'), dossierObject('HO-S2', '2', { KenhThucHien: '9' })], { madonvi: AG.ubnd79 })),
      JSON.stringify(progressEnvelope([progressObject('HO-S1', '4', '20251002100000'), progressObject('HO-NEVER', '4', '20251002100000')], AG.ubnd79)),
    ]
    const r = await bothPaths('sync-handoff.ndjson', (p) => writeFileSync(p, lines.join('\n') + '\n'), '--format', 'dvcqg')
    expect(counts(r.h)).toEqual([2, 0, 2])
    expect(counts(r.d)).toEqual([2, 0, 2])
    const rejects = rejectsOf(r.handed)
    expect(rejects).toEqual(rejectsOf(r.direct))
    expect(rejects.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [2, 'KenhThucHien'],
      [2, 'MaHoSo'],
    ])
    expect(readFileSync(`${r.handed}.rejects.ndjson`, 'utf8')).not.toContain(PERSONAL)
  })

  it('a folder of edXML messages: the same counts and rejects file', async () => {
    const make = (p: string) => {
      mkdirSync(p, { recursive: true })
      writeFileSync(path.join(p, '01-doc.xml'), documentMessage({ from: AG.g22, to: [AG.ubnd79, AG.ubnd01], documentId: `${AG.g22},2025/10/05,9/VPCP` }))
      writeFileSync(path.join(p, '02-status.xml'), soapStatus({ from: AG.ubnd79, documentId: `${AG.g22},2025/10/05,9/VPCP`, code: '3' }))
      writeFileSync(path.join(p, '03-evil.xml'), '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
      writeFileSync(path.join(p, 'notes.txt'), 'not a message')
    }
    const r = await bothPaths('edxml-folder', make)
    expect(counts(r.h)).toEqual([2, 0, 2])
    expect(counts(r.d)).toEqual([2, 0, 2])
    const rejects = rejectsOf(r.handed)
    expect(rejects).toEqual(rejectsOf(r.direct))
    expect(rejects.map((x: { file: string; field: string }) => [x.file, x.field])).toEqual([
      ['02-status.xml', 'Status/StatusCode'],
      ['03-evil.xml', '(file)'],
    ])
  })
})

describe('personal data under DATA_DIR', () => {
  it('the marker sent in personal fields over HTTP and by hand-off is in no file of the data directory', async () => {
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? files(path.join(d, n)) : [path.join(d, n)]))
    await s.engine.store.command('SYSTEM FLUSH LOGS').catch(() => undefined)
    const holding = (m: string) => files(s.engine.dataDir).filter((f) => readFileSync(f).includes(Buffer.from(m)))
    expect(holding('HTTP-HS-1').length, 'the control (a dossier code) is found').toBeGreaterThan(0)
    expect(holding(PERSONAL)).toEqual([])
  })
})
