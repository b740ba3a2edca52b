// `npm run ingest -- import … --format dvcqg|edxml` as the operator runs it: a real process on a
// real data directory; the format given, or recognised (.xml files, JSON whose first object has
// a `service` key), a folder of .xml files, rejects files without personal data.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { documentMessage, dossierObject, envelopeStatus, G22, H29, PERSONAL, progressEnvelope, progressObject, soapStatus, syncEnvelope } from './helpers/national'

const dir = mkdtempSync(path.join(tmpdir(), 'egov-national-cli-'))
const dataDir = path.join(dir, 'data')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.resolve('node_modules/.bin/tsx'), ['ingest/cli.ts', 'import', ...args], { env: { ...process.env, DATA_DIR: dataDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!)
const file = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name)
  mkdirSync(path.dirname(p), { recursive: true })
  writeFileSync(p, text)
  return p
}
const rejectsOf = (p: string) => readFileSync(`${p}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
const counts = (j: { accepted: number; duplicates: number; rejected: number }) => [j.accepted, j.duplicates, j.rejected]

describe('import --format dvcqg', () => {
  it('one envelope written over several lines, and one envelope per line (.gz too); rejects by position and source field', async () => {
    const pretty = file('hoso-dongbo.json', JSON.stringify(syncEnvelope([dossierObject('CLI-1', '2'), dossierObject('CLI-2', '2', { NgayHenTra: '20251131170000' }), dossierObject('CLI-1', '2')]), null, 2))
    const perLine = file('tiendo.ndjson.gz', gzipSync([JSON.stringify(progressEnvelope([progressObject('CLI-1', '4', '20251002100000')])), '{broken', JSON.stringify(progressEnvelope([progressObject('CLI-9', '4', '20251002100000')]))].join('\n') + '\n'))
    const r = await run(pretty, perLine, '--format', 'dvcqg', '--json')
    expect(r.code, r.stderr).toBe(0)
    const j = lastJson(r.stdout)
    expect(counts(j)).toEqual([2, 1, 3])
    expect(j.files.map((f: { format: string; kind: string }) => [f.format, f.kind])).toEqual([
      ['dvcqg', 'dossier'],
      ['dvcqg', 'dossier'],
    ])
    expect(rejectsOf(pretty)).toEqual([{ line: 2, field: 'NgayHenTra', reason: 'impossible date or time', record: expect.stringContaining('CLI-2') }])
    expect(rejectsOf(perLine).map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [2, '(envelope)'],
      [1, 'MaHoSo'],
    ])
    for (const p of [pretty, perLine]) expect(readFileSync(`${p}.rejects.ndjson`, 'utf8')).not.toContain(PERSONAL)
  })

  it('is recognised without --format when the first JSON object has a service key', async () => {
    const a = file('export-tu-mot-cua.json', JSON.stringify(syncEnvelope([dossierObject('CLI-AUTO', '2')]), null, 2))
    const b = file('lan2.txt', JSON.stringify({ madonvi: H29, data: [dossierObject('CLI-AUTO-2', '1')], service: 'DongBoHoSoMC' }) + '\n')
    const r = await run(a, b, '--json')
    expect(r.code, r.stderr).toBe(0)
    const j = lastJson(r.stdout)
    expect(counts(j)).toEqual([2, 0, 0])
    expect(j.files.map((f: { format: string }) => f.format)).toEqual(['dvcqg', 'dvcqg'])
  })

  it('exits 1, storing nothing, for --kind with --format, or a sync file that is not JSON', async () => {
    const ok = file('sync-ok.json', JSON.stringify(syncEnvelope([dossierObject('CLI-NEVER', '2')])))
    for (const args of [[ok, '--format', 'dvcqg', '--kind', 'dossier'], [file('sync-bad.json', 'hello, not json'), ok, '--format', 'dvcqg'], [ok, '--format', 'nope']]) {
      const r = await run(...args, '--json')
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    const again = await run(ok, '--json')
    expect(counts(lastJson(again.stdout))).toEqual([1, 0, 0]) // never stored before
  })
})

describe('import --format edxml', () => {
  it('.xml files recognised without --format, and a folder of them; a hostile message is one reject for its file', async () => {
    const single = file('status-03.xml', soapStatus({ code: '03' }))
    const folder = path.join(dir, 'truc-lien-thong')
    file('truc-lien-thong/a-doc.xml', documentMessage({ to: [H29, '000.00.00.H58'] }))
    file('truc-lien-thong/b-status.xml', envelopeStatus({ code: '05', timestamp: '2025/10/02 08:00:00' }))
    file('truc-lien-thong/c-laughs.xml', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "a"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><a>&b;</a>')
    file('truc-lien-thong/d-broken.xml', documentMessage().slice(0, 400))
    file('truc-lien-thong/e-missing.xml', envelopeStatus({ documentId: '' }))
    const r = await run(single, '--json')
    expect(counts(lastJson(r.stdout))).toEqual([1, 0, 0])
    const f = await run(folder, '--format', 'edxml', '--json')
    expect(f.code, f.stderr).toBe(0)
    const j = lastJson(f.stdout)
    expect(counts(j)).toEqual([3, 0, 3])
    expect(j.files).toEqual([expect.objectContaining({ file: folder, format: 'edxml', kind: 'document', rejects_file: `${folder}.rejects.ndjson` })])
    expect(rejectsOf(folder).map((x: { file: string; line: number; field: string }) => [x.file, x.field])).toEqual([
      ['c-laughs.xml', '(file)'],
      ['d-broken.xml', '(file)'],
      ['e-missing.xml', 'MessageHeader/ResponseFor/DocumentId'],
    ])
    expect(rejectsOf(folder)[2].line).toBe(5)
    expect(readFileSync(`${folder}.rejects.ndjson`, 'utf8')).not.toContain(PERSONAL)
    expect(existsSync(`${single}.rejects.ndjson`)).toBe(false)
    // the same folder again: every event a duplicate
    expect(counts(lastJson((await run(folder, '--json')).stdout))).toEqual([0, 3, 3])
  })

  it('nothing personal anywhere under DATA_DIR after the imports', () => {
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? files(path.join(d, n)) : [path.join(d, n)]))
    const holding = (m: string) => files(dataDir).filter((f) => readFileSync(f).includes(Buffer.from(m)))
    expect(holding(G22).length).toBeGreaterThan(0)
    expect(holding(PERSONAL)).toEqual([])
  })
})
