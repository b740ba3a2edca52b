// `npm run ingest -- import` as the operator runs it: a real process on a real data directory.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(path.join(tmpdir(), 'egov-import-'))
const dataDir = path.join(dir, 'data')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the import; with `input`, that is written to its standard input, which then closes. */
function runWith(input: string | null, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(path.resolve('node_modules/.bin/tsx'), ['ingest/cli.ts', 'import', ...args], { env: { ...process.env, DATA_DIR: dataDir } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
    if (input !== null) child.stdin!.end(input)
  })
}
const run = (...args: string[]) => runWith(null, ...args)
const lastJson = (out: string) => JSON.parse(out.trim().split('\n').pop()!)
const file = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name)
  writeFileSync(p, text)
  return p
}
const ev = (id: string, extra: object = {}) =>
  JSON.stringify({ event_id: id, dossier_code: `D-${id}`, status: 2, occurred_at: '2025-10-01T09:15:00+07:00', agency_code: '000.00.00.H29', procedure_code: '1.001', ...extra })

describe('ingest import', () => {
  it('loads a registry CSV named registry…, rejecting a malformed row with its line and keeping the others', async () => {
    const csv = file('registry-2025.csv', 'agency_code,name,level,ministry,province_code,parent_code\n000.00.00.H29,"UBND TP Hà Nội",province,,01,\nX1,"UBND "xã" B,commune,,79,\n')
    const csvOk = file('registry-more.csv', '\uFEFFagency_code,name,level,ministry,province_code\n000.00.00.G22,Văn phòng Chính phủ,central,000.00.00.G22,\nB1,UBND xã C,commune,,99\n')
    const r = await run(csv, csvOk, '--json')
    expect(r.code, r.stderr).toBe(0)
    const j = lastJson(r.stdout)
    expect(j).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 })
    expect(j.files.map((f: { kind: string }) => f.kind)).toEqual(['agency', 'agency'])
    const rejects = readFileSync(`${csv}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(rejects[0]).toMatchObject({ line: 3, field: '(line)' })
    const more = readFileSync(`${csvOk}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(more).toEqual([expect.objectContaining({ line: 3, field: 'province_code', reason: 'unknown province code' })])
  })

  it('reads gzip NDJSON, counts duplicates within and across files, and writes rejects beside the input', async () => {
    const a = file('dossier-a.ndjson.gz', gzipSync([ev('1'), ev('2'), ev('1'), '', '{broken', ev('3', { occurred_at: '2025-10-01T09:15:00' })].join('\n') + '\n'))
    const b = file('dossier-b.ndjson', [ev('2'), ev('4')].join('\n') + '\n')
    const r = await run(a, b, '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(lastJson(r.stdout)).toMatchObject({ accepted: 3, duplicates: 2, rejected: 2 })
    const rejects = readFileSync(`${a}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(rejects.map((x: { line: number; field: string }) => [x.line, x.field])).toEqual([
      [5, '(line)'],
      [6, 'occurred_at'],
    ])
    expect(rejects[1].reason).toContain('no UTC offset')
    expect(existsSync(`${b}.rejects.ndjson`)).toBe(false)
  })

  it('exits 1 with a one-line reason when it cannot run, and stores nothing', async () => {
    const notNdjson = file('dossier-binary.ndjson', Buffer.from([0, 1, 2, 3, 0, 255]))
    const jsonArray = file('dossier-array.ndjson', JSON.stringify([JSON.parse(ev('9'))], null, 2)) // a JSON document, not NDJSON
    for (const args of [[path.join(dir, 'missing.ndjson')], [file('events.ndjson', ev('8'))], [notNdjson], [jsonArray], [file('x.ndjson', ev('7')), '--kind', 'nope']]) {
      const r = await run(...args, '--json')
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn')).length, r.stderr).toBeGreaterThanOrEqual(1)
      expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
    }
    const again = await run(file('dossier-c.ndjson', [ev('1'), ev('9')].join('\n')), '--json')
    expect(lastJson(again.stdout)).toMatchObject({ accepted: 1, duplicates: 1, rejected: 0 }) // 9 was never stored
  })

  // found in session 22: the embedded engine read the process's standard input as more rows for each
  // insert (chdb-io/chdb-core#239), so every insert failed with Code 48 when lines were piped in, and an
  // inherited pipe left open blocked one now and then; the store now points standard input at /dev/null
  it('ignores lines on its standard input: the file is loaded, and nothing of the input is stored', async () => {
    const input = [ev('PIPED-1'), '["not", "a", "row"]', '1,2,3'].join('\n') + '\n'
    const r = await runWith(input, file('dossier-d.ndjson', [ev('10'), ev('11')].join('\n') + '\n'), '--json')
    expect(r.code, r.stderr).toBe(0)
    expect(lastJson(r.stdout)).toMatchObject({ accepted: 2, duplicates: 0, rejected: 0 })
    const piped = await run(file('dossier-e.ndjson', ev('PIPED-1') + '\n'), '--json')
    expect(lastJson(piped.stdout)).toMatchObject({ accepted: 1, duplicates: 0, rejected: 0 }) // the piped line was never stored
  })
})
