// Real-looking messages of the national formats, built from the published field lists: the
// portal's dossier sync (DongBoHoSoMC / CapNhatTienDoHoSoMC, every scalar a string, "" for no
// date, many fields the product ignores) and edXML of QCVN 102:2016 (edXML: prefix, SOAP status
// spelling, elements in any order).
import type { Store } from '../../core/db'
import { ingestEdxmlHttp, ingestSyncHttp, type EdxmlAnswer, type SyncAnswer } from '../../ingest/formats/http'
import type { IngestWriter } from '../../ingest/writer'

/** A marker put in every personal field; it must never be found under DATA_DIR. */
export const PERSONAL = 'DULIEU-CANHAN-7f3a9c'

export const H29 = '000.00.00.H29'
export const G22 = '000.00.00.G22'

/** A dossier object as one-stop systems send it (strings everywhere, personal and ignored fields included). */
export function dossierObject(code: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: code,
    MaTTHC: '1.004227',
    TenTTHC: 'Cấp Giấy chứng nhận đăng ký hộ kinh doanh',
    MaLinhVuc: 'G09-TM01',
    TenLinhVuc: 'Thành lập và hoạt động của hộ kinh doanh',
    KenhThucHien: '2',
    ChuHoSo: `Nguyễn Thị ${PERSONAL}`,
    LoaiDoiTuong: '1',
    MaDoiTuong: '',
    ThongTinKhac: '',
    Email: `${PERSONAL}@gmail.com`,
    Fax: '',
    SoDienThoai: `0912${PERSONAL}`,
    TrichYeuHoSo: 'Đăng ký hộ kinh doanh',
    NgayNopHoSo: '20251001080000',
    NgayTiepNhan: '20251001091500',
    NgayHenTra: '20251008170000',
    TrangThaiHoSo: status,
    NgayTra: '',
    ThongTinTra: '',
    HinhThuc: '0',
    NgayKetThucXuLy: '',
    DonViXuLy: 'UBND phường Hoàn Kiếm',
    GhiChu: '',
    NoiNopHoSo: '1',
    DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: `0010${PERSONAL}` }],
    SoGiayToChuHoSo: `0010${PERSONAL}`,
    DiaChiCHS: `Số 1 phố ${PERSONAL}`,
    DuocThanhToanTrucTuyen: '2',
    HoSoCoThanhPhanSoHoa: '1',
    TaiLieuNop: [{ TepDinhKemId: '1', TenTepDinhKem: 'don.pdf', IsDeleted: 'False', MaThanhPhanHoSo: '1' }],
    DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí', MaPhiLePhi: 'LP1', HinhThucThu: '1', Gia: '100000', LoaiPhiLePhi: '1' }],
    DanhSachGiayToKetQua: [],
    ...extra,
  }
}

export function syncEnvelope(data: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { session: 'a1b2c3', madonvi: H29, service: 'DongBoHoSoMC', isUpdating: 'False', data, ...extra }
}

export function progressObject(code: string, status: string, at: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    MaHoSo: code,
    NguoiXuLy: `Trần Văn ${PERSONAL}`,
    ChucDanh: `Chuyên viên ${PERSONAL}`,
    ThoiDiemXuLy: at,
    PhongBanXuLy: `Bộ phận một cửa ${PERSONAL}`,
    NoiDungXuLy: `Chuyển xử lý ${PERSONAL}`,
    TrangThai: status,
    NgayBatDau: '',
    NgayKetThucTheoQuyDinh: '',
    ...extra,
  }
}

export function progressEnvelope(data: unknown[], agency = H29): Record<string, unknown> {
  return { session: 'a1b2c3', madonvi: agency, service: 'CapNhatTienDoHoSoMC', data }
}

const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016'
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'

export interface DocumentMessage {
  from?: string
  to?: string[]
  documentId?: string | null
  codeNumber?: string
  codeNotation?: string
  promulgationDate?: string
  dueDate?: string
  business?: string
  /** TraceHeaders (OrganId, Timestamp), in order; default: the sender's. */
  traces?: Array<[string, string]>
}

/** A document message: MessageHeader fields in an unusual order, the TraceHeaderList before them, a body. */
export function documentMessage(m: DocumentMessage = {}): string {
  const from = m.from ?? G22
  const to = m.to ?? [H29]
  const traces = m.traces ?? [[from, '2025/10/01 09:00:00']]
  const id = m.documentId === undefined ? `${from},2025/10/01,1234/VPCP-KSTT` : m.documentId
  return `<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="${NS}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <edXML:edXMLHeader>
    <edXML:TraceHeaderList>
${traces.map(([o, t]) => `      <edXML:TraceHeader><edXML:Timestamp>${t}</edXML:Timestamp><edXML:OrganId>${o}</edXML:OrganId></edXML:TraceHeader>`).join('\n')}
      <edXML:Bussiness>
        <edXML:BussinessDocReason></edXML:BussinessDocReason>
        <edXML:BussinessDocType>${m.business ?? '0'}</edXML:BussinessDocType>
        <edXML:StaffInfo><edXML:Department>${PERSONAL}</edXML:Department><edXML:Staff>${PERSONAL}</edXML:Staff><edXML:Mobile>${PERSONAL}</edXML:Mobile><edXML:Email>${PERSONAL}</edXML:Email></edXML:StaffInfo>
      </edXML:Bussiness>
    </edXML:TraceHeaderList>
    <edXML:MessageHeader>
${to.map((o) => `      <edXML:To><edXML:OrganName>Cơ quan nhận</edXML:OrganName><edXML:OrganId>${o}</edXML:OrganId></edXML:To>`).join('\n')}
      <edXML:Subject>V/v triển khai Đề án 06</edXML:Subject>
      <edXML:Code><edXML:CodeNotation>${m.codeNotation ?? 'VPCP-KSTT'}</edXML:CodeNotation><edXML:CodeNumber>${m.codeNumber ?? '1234'}</edXML:CodeNumber></edXML:Code>
      <edXML:PromulgationInfo><edXML:Place>Hà Nội</edXML:Place><edXML:PromulgationDate>${m.promulgationDate ?? '2025/10/01'}</edXML:PromulgationDate></edXML:PromulgationInfo>
      <edXML:From><edXML:OrganId>${from}</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName><edXML:Email>vpcp@chinhphu.vn</edXML:Email></edXML:From>
${m.dueDate !== undefined ? `      <edXML:DueDate>${m.dueDate}</edXML:DueDate>\n` : ''}${id !== null ? `      <edXML:DocumentId>${id}</edXML:DocumentId>\n` : ''}      <edXML:ResponseFor><edXML:OrganId>000.00.00.G01</edXML:OrganId><edXML:DocumentId>000.00.00.G01,2025/09/01,1/BQP</edXML:DocumentId></edXML:ResponseFor>
      <edXML:SignerInfo><edXML:Competence>KT. BỘ TRƯỞNG</edXML:Competence><edXML:FullName>Lê Văn B</edXML:FullName></edXML:SignerInfo>
    </edXML:MessageHeader>
    <ds:Signature><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>
  </edXML:edXMLHeader>
  <edXML:edXMLBody><edXML:SoapBody>PGh0bWw+</edXML:SoapBody></edXML:edXMLBody>
</edXML:edXMLEnvelope>
`
}

export interface StatusMessage {
  documentId?: string
  issuer?: string
  from?: string
  code?: string
  timestamp?: string
}

/** A status message in the SOAP spelling; `prefixOnSoap` binds the edXML prefix of Status to the SOAP namespace. */
export function soapStatus(s: StatusMessage = {}, prefixOnSoap = false): string {
  const bind = prefixOnSoap ? `xmlns:edXML="${SOAP}"` : `xmlns:edXML="${NS}"`
  return `<?xml version="1.0" encoding="utf-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}">
  <SOAP-ENV:Header>
    <edXML:Status ${bind}>
      <edXML:StatusCode>${s.code ?? '03'}</edXML:StatusCode>
      <edXML:Description>Đã tiếp nhận</edXML:Description>
      <edXML:From><edXML:OrganId>${s.from ?? H29}</edXML:OrganId><edXML:OrganName>UBND TP Hà Nội</edXML:OrganName></edXML:From>
      <edXML:Timestamp>${s.timestamp ?? '2025/10/01 10:30:00'}</edXML:Timestamp>
      <edXML:ResponseFor>
        <edXML:Code>1234/VPCP-KSTT</edXML:Code>
        <edXML:DocumentId>${s.documentId ?? `${G22},2025/10/01,1234/VPCP-KSTT`}</edXML:DocumentId>
        <edXML:OrganId>${s.issuer ?? G22}</edXML:OrganId>
        <edXML:PromulgationDate>2025/10/01</edXML:PromulgationDate>
      </edXML:ResponseFor>
      <edXML:StaffInfo><edXML:Department>${PERSONAL}</edXML:Department><edXML:Staff>${PERSONAL}</edXML:Staff></edXML:StaffInfo>
    </edXML:Status>
  </SOAP-ENV:Header>
  <SOAP-ENV:Body/>
</SOAP-ENV:Envelope>
`
}

/** A status message in the edXMLEnvelope spelling (MessageHeader with a StatusCode). */
export function envelopeStatus(s: StatusMessage = {}): string {
  return `<edXML:edXMLEnvelope xmlns:edXML="${NS}">
<edXML:edXMLHeader>
<edXML:MessageHeader>
<edXML:Timestamp>${s.timestamp ?? '2025/10/01 10:30:00'}</edXML:Timestamp>
<edXML:ResponseFor><edXML:OrganId>${s.issuer ?? G22}</edXML:OrganId><edXML:DocumentId>${s.documentId ?? `${G22},2025/10/01,1234/VPCP-KSTT`}</edXML:DocumentId></edXML:ResponseFor>
<edXML:From><edXML:OrganId>${s.from ?? H29}</edXML:OrganId></edXML:From>
<edXML:StatusCode>${s.code ?? '03'}</edXML:StatusCode>
<edXML:StaffInfo><edXML:Staff>${PERSONAL}</edXML:Staff></edXML:StaffInfo>
</edXML:MessageHeader>
</edXML:edXMLHeader>
</edXML:edXMLEnvelope>
`
}

/** Posts through the HTTP ingest functions (no web server), as an admin unless scopes are given. */
export function national(store: Store, writer: IngestWriter) {
  const req = (body: string, contentType: string, query = '', scopes: string[] | null = null) => ({
    body: Buffer.from(body),
    contentType,
    contentEncoding: null,
    query: new URLSearchParams(query),
    sender: { name: 'test', scopes },
  })
  return {
    sync: (body: unknown, query = '', scopes: string[] | null = null): Promise<SyncAnswer> =>
      ingestSyncHttp(req(typeof body === 'string' ? body : JSON.stringify(body), 'application/json; charset=utf-8', query, scopes), store, writer),
    edxml: (xml: string, scopes: string[] | null = null): Promise<EdxmlAnswer> => ingestEdxmlHttp(req(xml, 'application/xml; charset=utf-8', '', scopes), store, writer),
  }
}
