// edXML of QCVN 102 (national-formats.md §2) through the real ingest path into a real engine:
// the mapping rule by rule, elements in any order, rejects by element path and line, and hostile
// XML refused whole without reading any file or URL.
import { createServer } from 'node:http'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { testEngine, type TestEngine } from './helpers/engine'
import { documentMessage, envelopeStatus, G22, H29, national, PERSONAL, soapStatus } from './helpers/national'
import { messageEvents, XmlRefusal } from '../ingest/formats/edxml'

let e: TestEngine
let api: ReturnType<typeof national>
beforeAll(async () => {
  e = await testEngine()
  api = national(e.store, e.writer)
})
afterAll(async () => {
  await e.close()
})
beforeEach(async () => {
  await e.reset()
})

interface Row {
  event_id: string
  document_id: string
  from_agency: string
  to_agency: string
  status: string
  occurred_at: string
  business_type: number
  due_at: string | null
}
const events = () => e.store.rows<Row>('SELECT * EXCEPT (source, ingested_at) FROM document_events ORDER BY event_id')
type Answer = { accepted: number; duplicates: number; rejected: Array<{ line: number; field: string; reason: string }> }
const ok = (a: { status: number; body: unknown }): Answer => {
  expect(a.status, JSON.stringify(a.body)).toBe(200)
  return a.body as Answer
}
const DOC = `${G22},2025/10/01,1234/VPCP-KSTT`
/** The 1-based line of the first line of `xml` containing `needle` (after `after`, when given). */
const lineOf = (xml: string, needle: string, after = '') => {
  const lines = xml.split('\n')
  const from = after ? lines.findIndex((l) => l.includes(after)) : 0
  return lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1
}

describe('a document message is one `00` event per recipient', () => {
  it('maps DocumentId, From, each To, the sender’s TraceHeader time, BussinessDocType and DueDate (end of that day)', async () => {
    const xml = documentMessage({ to: [H29, '000.00.00.H58'], business: '2', dueDate: '2025/10/15', traces: [['000.00.00.X01', '2025/10/01 08:59:00'], [G22, '2025/10/01 09:00:00'], ['000.00.00.X02', '2025/10/01 09:05:00']] })
    expect(ok(await api.edxml(xml))).toEqual({ accepted: 2, duplicates: 0, rejected: [] })
    const common = { document_id: DOC, from_agency: G22, status: '00', occurred_at: '2025-10-01 02:00:00.000000', business_type: 2, due_at: '2025-10-15 16:59:59.000000' }
    expect(await events()).toEqual([
      { event_id: `edxml:${DOC}:${H29}:00`, to_agency: H29, ...common },
      { event_id: `edxml:${DOC}:000.00.00.H58:00`, to_agency: '000.00.00.H58', ...common },
    ])
  })

  it('without DocumentId, makes it as issuer,date,number/notation (a dd/MM/yyyy date read by its four-digit year)', async () => {
    ok(await api.edxml(documentMessage({ documentId: null, promulgationDate: '01/10/2025', codeNumber: '77', codeNotation: 'UBND-KT' })))
    const [x] = await events()
    expect([x.document_id, x.event_id, x.business_type, x.due_at]).toEqual([`${G22},2025/10/01,77/UBND-KT`, `edxml:${G22},2025/10/01,77/UBND-KT:${H29}:00`, 0, null])
  })

  it('finds elements by name in any order: the same message written in another order gives the same events', async () => {
    const a = documentMessage({ to: [H29] })
    // MessageHeader before TraceHeaderList, From before To, OrganId before Timestamp
    const b = `<e:edXMLEnvelope xmlns:e="http://www.mic.gov.vn/TBT/QCVN_102_2016"><e:edXMLBody/><e:edXMLHeader>
<e:MessageHeader><e:DocumentId>${DOC}</e:DocumentId><e:From><e:OrganId>${G22}</e:OrganId></e:From><e:To><e:OrganId>${H29}</e:OrganId></e:To></e:MessageHeader>
<e:TraceHeaderList><e:Bussiness><e:BussinessDocType>0</e:BussinessDocType></e:Bussiness><e:TraceHeader><e:OrganId>${G22}</e:OrganId><e:Timestamp>01/10/2025 09:00:00</e:Timestamp></e:TraceHeader></e:TraceHeaderList>
</e:edXMLHeader></e:edXMLEnvelope>`
    const v = { validate: { provinceCodes: new Set<string>() } }
    expect(messageEvents(b, v).map((x) => x.value)).toEqual(messageEvents(a, v).map((x) => x.value))
  })

  it('rejects a recipient without OrganId alone, and every recipient when the sender’s time is missing', async () => {
    const xml = documentMessage({ to: [H29, ''] })
    const r = ok(await api.edxml(xml))
    expect(r.accepted).toBe(1)
    expect(r.rejected).toEqual([{ line: lineOf(xml, '<edXML:OrganId></edXML:OrganId>'), field: 'MessageHeader/To/OrganId', reason: expect.any(String) }])
    const noSender = documentMessage({ to: [H29, '000.00.00.H58'], traces: [['000.00.00.X01', '2025/10/01 08:59:00']] })
    const r2 = ok(await api.edxml(noSender))
    expect(r2.accepted).toBe(0)
    expect(r2.rejected.map((x) => [x.line, x.field])).toEqual([
      [lineOf(noSender, 'TraceHeaderList>'), 'TraceHeaderList/TraceHeader/Timestamp'],
      [lineOf(noSender, 'TraceHeaderList>'), 'TraceHeaderList/TraceHeader/Timestamp'],
    ])
  })

  it('rejects a malformed DueDate or BussinessDocType with its path and line', async () => {
    const xml = documentMessage({ dueDate: '2025-10-15' })
    expect(ok(await api.edxml(xml)).rejected).toEqual([{ line: lineOf(xml, 'DueDate'), field: 'MessageHeader/DueDate', reason: expect.any(String) }])
    const xml2 = documentMessage({ business: '7' })
    expect(ok(await api.edxml(xml2)).rejected).toEqual([{ line: lineOf(xml2, 'BussinessDocType'), field: 'TraceHeaderList/Bussiness/BussinessDocType', reason: expect.any(String) }])
  })
})

describe('a status message is one event', () => {
  it('SOAP spelling: ResponseFor/DocumentId and OrganId, From/OrganId (the recipient), StatusCode, Timestamp', async () => {
    const r = ok(await api.edxml(soapStatus({ code: '03', timestamp: '2025/10/01 10:30:00' })))
    expect(r).toEqual({ accepted: 1, duplicates: 0, rejected: [] })
    expect(await events()).toEqual([{ event_id: `edxml:${DOC}:${H29}:03:20251001103000`, document_id: DOC, from_agency: G22, to_agency: H29, status: '03', occurred_at: '2025-10-01 03:30:00.000000', business_type: 0, due_at: null }])
  })

  it('accepts Status with the edXML prefix bound to the SOAP namespace, and dd/MM/yyyy timestamps', async () => {
    ok(await api.edxml(soapStatus({ code: '05', timestamp: '02/10/2025 08:00:00' }, true)))
    expect((await events()).map((x) => [x.event_id, x.occurred_at])).toEqual([[`edxml:${DOC}:${H29}:05:20251002080000`, '2025-10-02 01:00:00.000000']])
  })

  it('edXMLEnvelope spelling (MessageHeader with StatusCode); the same status sent twice is a duplicate', async () => {
    ok(await api.edxml(envelopeStatus({ code: '06' })))
    const again = ok(await api.edxml(soapStatus({ code: '06' })))
    expect([again.accepted, again.duplicates]).toEqual([0, 1])
    expect((await events()).map((x) => x.event_id)).toEqual([`edxml:${DOC}:${H29}:06:20251001103000`])
  })

  it('rejects a missing or malformed element with its path (MessageHeader/… or Status/…) and line', async () => {
    const cases: Array<[string, string, string]> = [
      [envelopeStatus({ code: '3' }), 'MessageHeader/StatusCode', 'StatusCode'],
      [envelopeStatus({ timestamp: '2025-10-01T10:30:00' }), 'MessageHeader/Timestamp', 'Timestamp'],
      [envelopeStatus({ timestamp: '2025/02/30 10:30:00' }), 'MessageHeader/Timestamp', 'Timestamp'],
      [soapStatus({ from: '' }), 'Status/From/OrganId', '<edXML:From>'],
      [soapStatus({ documentId: '' }), 'Status/ResponseFor/DocumentId', '<edXML:DocumentId>'],
      [soapStatus({ from: 'X'.repeat(36) }), 'Status/From/OrganId', '<edXML:From>'],
    ]
    for (const [xml, field, needle] of cases) {
      const r = ok(await api.edxml(xml))
      expect(r.accepted, field).toBe(0)
      expect(r.rejected, xml).toEqual([{ line: lineOf(xml, needle), field, reason: expect.any(String) }])
    }
    expect(await events()).toEqual([])
  })
})

describe('hostile and broken XML is refused whole', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'egov-xxe-'))
  const MARKER = 'XXE-MARKER-51c0e2'
  const secret = path.join(dir, 'secret.txt')
  writeFileSync(secret, MARKER)
  let hits = 0
  const http = createServer((_req, res) => {
    hits++
    res.end(MARKER)
  })
  let url = ''
  beforeAll(async () => {
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()))
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await new Promise<void>((r) => http.close(() => r()))
    rmSync(dir, { recursive: true, force: true })
  })

  const refused = async (xml: string) => {
    const a = await api.edxml(xml)
    expect(a.status, xml.slice(0, 200)).toBe(400)
    expect((a.body as { error: string }).error).toEqual(expect.any(String))
    expect(JSON.stringify(a.body)).not.toContain(MARKER)
    return (a.body as { error: string }).error
  }

  it('a billion laughs: refused at once, without expanding anything', async () => {
    const defs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n')
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE edXML:edXMLEnvelope [\n${defs}\n]>\n<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol9;</edXML:edXMLEnvelope>`
    const heap = process.memoryUsage().heapUsed
    const t = performance.now()
    expect(await refused(xml)).toMatch(/DTD|DOCTYPE/)
    expect(performance.now() - t).toBeLessThan(1000)
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(50 * 1024 * 1024)
  })

  it('external entities (a local file, a URL) and an external DTD: refused, nothing read or fetched', async () => {
    const statusWith = (decl: string, use: string) => `<?xml version="1.0"?>\n${decl}\n` + soapStatus({ documentId: use }).replace(/^<\?xml[^>]*>\n/, '')
    await refused(statusWith(`<!DOCTYPE SOAP-ENV:Envelope [<!ENTITY xxe SYSTEM "file://${secret}">]>`, '&xxe;'))
    await refused(statusWith(`<!DOCTYPE SOAP-ENV:Envelope [<!ENTITY xxe SYSTEM "${url}/entity">]>`, '&xxe;'))
    await refused(statusWith(`<!DOCTYPE SOAP-ENV:Envelope SYSTEM "${url}/evil.dtd">`, 'x'))
    await refused(statusWith(`<!DOCTYPE SOAP-ENV:Envelope [<!ENTITY % p SYSTEM "${url}/param"> %p;]>`, 'x'))
    // an entity used without any declaration is not well-formed
    await refused(soapStatus({ documentId: '&xxe;' }))
    expect(hits).toBe(0)
    expect(await events()).toEqual([])
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? files(path.join(d, n)) : [path.join(d, n)]))
    expect(files(e.dataDir).filter((f) => readFileSync(f).includes(Buffer.from(MARKER)))).toEqual([])
  })

  it('another namespace, XML that is not well-formed, or no edXML message at all', async () => {
    expect(await refused(documentMessage().replace('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://www.mic.gov.vn/TBT/QCVN_102_2019'))).toMatch(/namespace/)
    expect(await refused(documentMessage().replace(' xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"', ' xmlns:edXML="urn:other"'))).toMatch(/namespace/)
    expect(await refused(soapStatus().replace(`xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"`, 'xmlns:edXML="urn:other"'))).toMatch(/SOAP|Status|namespace/)
    expect(await refused(documentMessage().replace('</edXML:MessageHeader>', ''))).toMatch(/well-formed/)
    await refused('')
    await refused('{"service": "DongBoHoSoMC"}')
    await refused('<html><body>hello</body></html>')
    expect(await events()).toEqual([])
  })

  it('is refused by the adapter itself with the line of the fault', () => {
    const v = { validate: { provinceCodes: new Set<string>() } }
    try {
      messageEvents('<a>\n<b>\n</a>', v)
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(XmlRefusal)
      expect((err as XmlRefusal).line).toBe(3)
    }
  })
})

describe('personal data of edXML is never stored', () => {
  it('StaffInfo is neither in events nor in rejects', async () => {
    ok(await api.edxml(soapStatus()))
    ok(await api.edxml(envelopeStatus({ code: 'x' })))
    ok(await api.edxml(documentMessage({ to: [H29, ''] })))
    const rows = await e.store.rows<{ record: string }>('SELECT record FROM rejects')
    expect(rows.length).toBe(2)
    for (const r of rows) expect(r.record).not.toContain(PERSONAL)
    const all = JSON.stringify(await e.store.rows('SELECT * FROM document_events'))
    expect(all).toContain(H29)
    expect(all).not.toContain(PERSONAL)
  })
})
