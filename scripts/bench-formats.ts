// The national formats against NDJSON, through the real pipeline: N portal sync records and N
// edXML document messages are converted and ingested (conversion, validation, idempotency,
// write, state refresh), and so are the same N events as NDJSON; the answer is events per second
// for each. `benchFormats(store, writer, n)` is what `npm run bench` can call; alone:
//   npx tsx scripts/bench-formats.ts --events 50000     (an embedded database under bench/formats-data)
import { Readable } from 'node:stream'
import type { Store } from '../core/db'
import { reference } from '../core/reference'
import { ingestConverted } from '../ingest/formats/convert'
import { readEnvelope } from '../ingest/formats/dvcqg'
import { edxmlEvents, syncEvents } from '../ingest/import'
import { ingestRecords } from '../ingest/pipeline'
import { ndjsonRecords } from '../ingest/read'
import type { IngestCounts } from '../ingest/records'
import type { IngestWriter } from '../ingest/writer'

export interface FormatRate {
  events: number
  seconds: number
  events_per_s: number
}

export interface FormatsBench {
  ndjson_dossier: FormatRate
  dvcqg: FormatRate
  ndjson_document: FormatRate
  edxml: FormatRate
  /** Format rate over the NDJSON rate of the same kind (the target is ≥ 0.5). */
  dvcqg_vs_ndjson: number
  edxml_vs_ndjson: number
}

const AGENCIES = ['000.00.00.H29', '000.00.00.H58', '000.01.01.H58', '000.00.00.G22', '000.00.01.G01']
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** The i-th day-time of October 2025, as the portal writes it (yyyyMMddHHmmss) and as ISO. */
function when(i: number, plusDays = 0): { compact: string; iso: string; slash: string } {
  const d = 1 + ((i + plusDays) % 28)
  const h = 7 + (i % 10)
  const m = i % 60
  return { compact: `202510${pad(d)}${pad(h)}${pad(m)}00`, iso: `2025-10-${pad(d)}T${pad(h)}:${pad(m)}:00+07:00`, slash: `2025/10/${pad(d)} ${pad(h)}:${pad(m)}:00` }
}

function syncRecord(prefix: string, i: number): Record<string, unknown> {
  const t = when(i)
  return {
    MaHoSo: `${prefix}-${i}`,
    MaTTHC: `1.00${i % 900}`,
    TenTTHC: 'Cấp Giấy chứng nhận đăng ký hộ kinh doanh',
    MaLinhVuc: 'G09',
    KenhThucHien: String(1 + (i % 3)),
    ChuHoSo: 'Nguyễn Văn A',
    LoaiDoiTuong: '1',
    Email: 'a@example.vn',
    SoDienThoai: '0912000000',
    TrichYeuHoSo: 'Đăng ký hộ kinh doanh',
    NgayNopHoSo: t.compact,
    NgayTiepNhan: t.compact,
    NgayHenTra: when(i, 7).compact,
    TrangThaiHoSo: '2',
    NgayKetThucXuLy: '',
    DonViXuLy: 'UBND',
    DuocThanhToanTrucTuyen: String(i % 3),
    HoSoCoThanhPhanSoHoa: String(i % 2),
    TaiLieuNop: [{ TepDinhKemId: '1', TenTepDinhKem: 'don.pdf' }],
  }
}

function ndjsonDossier(prefix: string, i: number, agency: string): string {
  const t = when(i)
  return JSON.stringify({
    event_id: `nd:${prefix}-${i}`,
    dossier_code: `${prefix}-${i}`,
    status: 2,
    occurred_at: t.iso,
    agency_code: agency,
    procedure_code: `1.00${i % 900}`,
    sector_code: 'G09',
    channel: 1 + (i % 3),
    applicant_type: 1,
    received_at: t.iso,
    due_at: when(i, 7).iso,
    paid_online: i % 3 !== 0,
    digitized: i % 2 === 1,
  })
}

function edxmlMessage(prefix: string, i: number): string {
  const from = AGENCIES[3]
  const to = AGENCIES[i % 3]
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLHeader>
<edXML:MessageHeader>
<edXML:From><edXML:OrganId>${from}</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:From>
<edXML:To><edXML:OrganId>${to}</edXML:OrganId><edXML:OrganName>Cơ quan nhận</edXML:OrganName></edXML:To>
<edXML:Code><edXML:CodeNumber>${i}</edXML:CodeNumber><edXML:CodeNotation>${prefix}</edXML:CodeNotation></edXML:Code>
<edXML:PromulgationInfo><edXML:Place>Hà Nội</edXML:Place><edXML:PromulgationDate>2025/10/01</edXML:PromulgationDate></edXML:PromulgationInfo>
<edXML:Subject>Văn bản số ${i}</edXML:Subject>
<edXML:DueDate>2025/10/30</edXML:DueDate>
<edXML:DocumentId>${from},2025/10/01,${i}/${prefix}</edXML:DocumentId>
</edXML:MessageHeader>
<edXML:TraceHeaderList>
<edXML:TraceHeader><edXML:OrganId>${from}</edXML:OrganId><edXML:Timestamp>${when(i).slash}</edXML:Timestamp></edXML:TraceHeader>
<edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType><edXML:StaffInfo><edXML:Staff>Cán bộ</edXML:Staff></edXML:StaffInfo></edXML:Bussiness>
</edXML:TraceHeaderList>
</edXML:edXMLHeader>
<edXML:edXMLBody><edXML:SoapBody>PGh0bWw+PGJvZHk+VsSDbiBi4bqjbjwvYm9keT48L2h0bWw+</edXML:SoapBody></edXML:edXMLBody>
</edXML:edXMLEnvelope>`
}

function ndjsonDocument(prefix: string, i: number): string {
  const from = AGENCIES[3]
  const to = AGENCIES[i % 3]
  const id = `${from},2025/10/01,${i}/${prefix}`
  return JSON.stringify({ event_id: `nd:${id}:${to}:00`, document_id: id, from_agency: from, to_agency: to, status: '00', occurred_at: when(i).iso, business_type: 0, due_at: '2025-10-30T23:59:59+07:00' })
}

async function timed(n: number, run: () => Promise<IngestCounts>): Promise<FormatRate> {
  const t = performance.now()
  const c = await run()
  const seconds = (performance.now() - t) / 1000
  if (c.accepted !== n) throw new Error(`bench-formats: expected ${n} accepted, got ${JSON.stringify(c)}`)
  return { events: n, seconds: Number(seconds.toFixed(3)), events_per_s: Math.round(n / seconds) }
}

/** Converts and ingests n records of each format, and n NDJSON events of each kind; the store is written to. */
export async function benchFormats(store: Store, writer: IngestWriter, n: number): Promise<FormatsBench> {
  const validate = { provinceCodes: reference().provinceCodes }
  const opts = { store, writer, validate, source: 'bench-formats' }
  const run = `${Date.now().toString(36)}`
  const idx = Array.from({ length: n }, (_, i) => i)

  // the inputs are built before the clock starts: the bench times the ingest path, not the generator
  const ndDossiers = idx.map((i) => ndjsonDossier(`ND${run}`, i, AGENCIES[0])).join('\n') + '\n'
  const syncText = JSON.stringify({ session: 'bench', madonvi: AGENCIES[0], service: 'DongBoHoSoMC', isUpdating: 'False', data: idx.map((i) => syncRecord(`SY${run}`, i)) })
  const ndDocuments = idx.map((i) => ndjsonDocument(`ND${run}`, i)).join('\n') + '\n'
  const messages = idx.map((i) => edxmlMessage(`EX${run}`, i))

  const ndjson_dossier = await timed(n, () => ingestRecords(ndjsonRecords(Readable.from([ndDossiers])), { ...opts, kind: 'dossier' }))
  const dvcqg = await timed(n, () =>
    ingestConverted(
      syncEvents((async function* () { yield { line: 1, envelope: readEnvelope(JSON.parse(syncText)) } })(), store),
      { ...opts, kind: 'dossier' },
    ),
  )
  const ndjson_document = await timed(n, () => ingestRecords(ndjsonRecords(Readable.from([ndDocuments])), { ...opts, kind: 'document' }))
  const edxml = await timed(n, () =>
    ingestConverted(
      edxmlEvents((async function* () { for (const [i, text] of messages.entries()) yield { file: `m${i}.xml`, text } })()),
      { ...opts, kind: 'document' },
    ),
  )
  const ratio = (a: FormatRate, b: FormatRate) => Number((a.events_per_s / b.events_per_s).toFixed(2))
  return { ndjson_dossier, dvcqg, ndjson_document, edxml, dvcqg_vs_ndjson: ratio(dvcqg, ndjson_dossier), edxml_vs_ndjson: ratio(edxml, ndjson_document) }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)
if (isMain) {
  const { Command } = await import('commander')
  const { rmSync } = await import('node:fs')
  const path = await import('node:path')
  const opts = new Command('bench-formats').option('--events <n>', 'records of each format', '50000').parse(process.argv).opts<{ events: string }>()
  const n = Number(opts.events)
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write('bench-formats: --events must be a whole number ≥ 1\n')
    process.exit(1)
  }
  process.env.DATA_DIR = path.resolve('bench', 'formats-data')
  rmSync(process.env.DATA_DIR, { recursive: true, force: true })
  const { store: openStore, closeStore } = await import('../core/db')
  const { IngestWriter } = await import('../ingest/writer')
  const s = await openStore()
  const result = await benchFormats(s, new IngestWriter(s), n)
  await closeStore()
  process.stdout.write(JSON.stringify(result, null, 2) + '\n')
}
