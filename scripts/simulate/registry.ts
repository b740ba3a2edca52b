// The simulated agency registry at national size and shape (about ten thousand agencies):
// the 17 ministries with their departments (vụ, cục…) and their provincial and regional
// branches; the 34 provinces, each with its People's Committee, 15–20 departments, the units
// below them and its communes (3,321 in all); and for data before 2025-07-01 the committees of
// the 29 provinces merged away and two district committees of each of the 63 former provinces.
// Codes follow Decision 20/2020/QĐ-TTg: `C4.C3.C2.C1`, C1 the level-1 body (`G..` ministry,
// `H..` province), C2 and C3 two digits for levels 2 and 3, C4 three digits for level 4.
import { Rng, clamp, hashStr, pad } from './rng'
import { simReference, type SimProvince2025 } from './reference'

export type AgencyLevel = 'central' | 'province' | 'commune' | 'district'

/** One registry row, with exactly the registry fields of the events contract (section 4). */
export interface AgencyRow {
  agency_code: string
  name: string
  level: AgencyLevel
  ministry?: string
  province_code?: string
  parent_code?: string
}

/** Communes (cấp xã) of the 34 provinces after 2025-07-01. */
export const NATIONAL_COMMUNES = 3321
/** District-level committees kept for data before 2025-07-01: a few of each former province. */
const DISTRICTS_PER_2004_PROVINCE = 2

/** Approximate population (millions) of the 2025 provinces: weights for sizes and volumes. */
export const POPULATION_2025: Record<string, number> = {
  '01': 8.7, '04': 0.57, '08': 1.87, '11': 0.66, '12': 0.49, '14': 1.3, '15': 1.78, '19': 1.8, '20': 0.8, '22': 1.4,
  '24': 3.6, '25': 4.0, '31': 4.7, '33': 3.6, '37': 4.4, '38': 3.8, '40': 3.8, '42': 1.6, '44': 1.9, '46': 1.4,
  '48': 3.1, '51': 2.2, '52': 3.6, '56': 2.2, '66': 3.3, '68': 3.9, '75': 4.5, '79': 14.0, '80': 3.3, '82': 4.4,
  '86': 4.3, '91': 4.9, '92': 4.2, '96': 2.6,
}

// ── ministries ──

/** Units every ministry has (level 2). `{s}` is the ministry's name without "Bộ ". */
const COMMON_UNITS = [
  'Văn phòng Bộ', 'Vụ Pháp chế', 'Vụ Tổ chức cán bộ', 'Vụ Kế hoạch - Tài chính', 'Vụ Hợp tác quốc tế', 'Thanh tra Bộ',
  'Trung tâm Công nghệ thông tin', 'Vụ Thi đua - Khen thưởng', 'Vụ Khoa học và Công nghệ', 'Tạp chí {s}', 'Báo {s}',
  'Viện Chiến lược, Chính sách {s}', 'Trường Bồi dưỡng cán bộ {s}', 'Trung tâm Thông tin và Truyền thông',
]
/** Units of each ministry (level 2), keyed by the last part of its code. */
const MINISTRY_UNITS: Record<string, string[]> = {
  G11: ['Cục Chính sách', 'Cục Đối ngoại', 'Cục Cứu hộ - Cứu nạn', 'Cục Quân y', 'Cục Tài chính', 'Cục Kinh tế', 'Cục Dân quân tự vệ', 'Cục Quân lực', 'Cục Bản đồ'],
  G01: ['Cục Quản lý xuất nhập cảnh', 'Cục Cảnh sát quản lý hành chính về trật tự xã hội', 'Cục Cảnh sát giao thông', 'Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ', 'Cục Cảnh sát quản lý trại giam', 'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao', 'Cục Cảnh sát kinh tế', 'Cục Hồ sơ nghiệp vụ', 'Trung tâm Dữ liệu quốc gia về dân cư', 'Cục Cảnh sát hình sự', 'Cục Quản lý vũ khí, vật liệu nổ', 'Cục Cảnh sát đường thủy'],
  G08: ['Cục Lãnh sự', 'Cục Lễ tân Nhà nước', 'Cục Quản lý Hội nghị quốc tế', 'Cục Ngoại vụ', 'Cục Biên giới', 'Vụ Châu Á', 'Vụ Châu Âu', 'Vụ Châu Mỹ', 'Ủy ban Nhà nước về người Việt Nam ở nước ngoài', 'Cục Phục vụ ngoại giao đoàn'],
  G09: ['Cục Việc làm', 'Cục Người có công', 'Vụ Tổ chức - Biên chế', 'Cục Tiền lương và Bảo hiểm xã hội', 'Cục An toàn lao động', 'Cục Văn thư và Lưu trữ nhà nước', 'Ban Thi đua - Khen thưởng Trung ương', 'Vụ Chính quyền địa phương', 'Vụ Công chức - Viên chức', 'Cục Quan hệ lao động và Tiền lương'],
  G15: ['Cục Hộ tịch, quốc tịch, chứng thực', 'Cục Đăng ký quốc gia giao dịch bảo đảm', 'Cục Bổ trợ tư pháp', 'Trung tâm Lý lịch tư pháp quốc gia', 'Cục Quản lý thi hành án dân sự', 'Cục Kiểm tra văn bản quy phạm pháp luật', 'Cục Phổ biến, giáo dục pháp luật', 'Cục Trợ giúp pháp lý', 'Cục Bồi thường nhà nước', 'Cục Quản lý xử lý vi phạm hành chính'],
  G12: ['Cục Thuế', 'Cục Hải quan', 'Cục Quản lý đăng ký kinh doanh', 'Cục Đầu tư nước ngoài', 'Kho bạc Nhà nước', 'Bảo hiểm xã hội Việt Nam', 'Cục Thống kê', 'Cục Dự trữ Nhà nước', 'Ủy ban Chứng khoán Nhà nước', 'Cục Quản lý công sản', 'Cục Quản lý nợ và Kinh tế đối ngoại', 'Cục Phát triển doanh nghiệp nhà nước', 'Cục Quản lý giá', 'Cục Quản lý, giám sát bảo hiểm', 'Vụ Ngân sách nhà nước', 'Cục Kinh tế hợp tác'],
  G02: ['Cục Xuất nhập khẩu', 'Cục Hóa chất', 'Cục Điện lực', 'Cục Phòng vệ thương mại', 'Cục Xúc tiến thương mại', 'Cục Công nghiệp', 'Cục Thương mại điện tử và Kinh tế số', 'Cục Quản lý và Phát triển thị trường trong nước', 'Cục Kỹ thuật an toàn và Môi trường công nghiệp', 'Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công'],
  G10: ['Cục Quản lý đất đai', 'Cục Chăn nuôi và Thú y', 'Cục Trồng trọt và Bảo vệ thực vật', 'Cục Môi trường', 'Cục Thủy sản và Kiểm ngư', 'Cục Lâm nghiệp và Kiểm lâm', 'Cục Quản lý và Xây dựng công trình thủy lợi', 'Cục Khí tượng Thủy văn', 'Cục Địa chất và Khoáng sản', 'Cục Biển và Hải đảo', 'Cục Biến đổi khí hậu', 'Cục Chất lượng, Chế biến và Phát triển thị trường', 'Cục Quản lý tài nguyên nước', 'Cục Đo đạc, Bản đồ và Thông tin địa lý'],
  G17: ['Cục Đường bộ Việt Nam', 'Cục Hàng hải và Đường thủy Việt Nam', 'Cục Hàng không Việt Nam', 'Cục Kinh tế - Quản lý đầu tư xây dựng', 'Cục Đường sắt Việt Nam', 'Cục Đăng kiểm Việt Nam', 'Cục Giám định nhà nước về chất lượng công trình xây dựng', 'Cục Quản lý nhà và thị trường bất động sản', 'Cục Phát triển đô thị', 'Cục Quản lý đầu tư xây dựng', 'Cục Kết cấu hạ tầng xây dựng'],
  G16: ['Cục Du lịch Quốc gia Việt Nam', 'Cục Di sản văn hóa', 'Cục Nghệ thuật biểu diễn', 'Cục Báo chí', 'Cục Xuất bản, In và Phát hành', 'Cục Điện ảnh', 'Cục Bản quyền tác giả', 'Cục Thể dục thể thao Việt Nam', 'Cục Mỹ thuật, Nhiếp ảnh và Triển lãm', 'Cục Phát thanh, Truyền hình và Thông tin điện tử', 'Cục Văn hóa cơ sở, Gia đình và Thư viện'],
  G06: ['Cục Viễn thông', 'Cục Sở hữu trí tuệ', 'Cục Chuyển đổi số quốc gia', 'Cục Tần số vô tuyến điện', 'Cục Bưu điện Trung ương', 'Cục An toàn bức xạ và hạt nhân', 'Cục Đổi mới sáng tạo', 'Cục Khởi nghiệp và Doanh nghiệp công nghệ', 'Ủy ban Tiêu chuẩn Đo lường Chất lượng quốc gia', 'Cục Công nghiệp công nghệ thông tin', 'Cục Thông tin, Thống kê'],
  G03: ['Cục Quản lý chất lượng', 'Cục Hợp tác quốc tế', 'Vụ Giáo dục Đại học', 'Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên', 'Vụ Giáo dục Mầm non', 'Vụ Giáo dục Phổ thông', 'Cục Nhà giáo và Cán bộ quản lý giáo dục', 'Cục Khoa học, Công nghệ và Thông tin', 'Cục Cơ sở vật chất', 'Vụ Học sinh, sinh viên'],
  G18: ['Cục Quản lý Dược', 'Cục An toàn thực phẩm', 'Cục Quản lý Khám, chữa bệnh', 'Cục Bảo trợ xã hội', 'Cục Y tế dự phòng', 'Cục Quản lý Y, Dược cổ truyền', 'Cục Khoa học công nghệ và Đào tạo', 'Cục Quản lý Môi trường y tế', 'Cục Dân số', 'Cục Bà mẹ và Trẻ em', 'Vụ Trang thiết bị và Công trình y tế', 'Vụ Bảo hiểm y tế'],
  G21: ['Ban Tôn giáo Chính phủ', 'Vụ Chính sách dân tộc', 'Vụ Địa phương', 'Vụ Dân tộc thiểu số', 'Học viện Dân tộc', 'Trung tâm Thông tin'],
  G19: ['Cục Quản lý ngoại hối', 'Vụ Thanh toán', 'Cơ quan Thanh tra, giám sát ngân hàng', 'Vụ Chính sách tiền tệ', 'Vụ Tín dụng các ngành kinh tế', 'Cục Phát hành và Kho quỹ', 'Cục Công nghệ thông tin', 'Vụ Quản lý ngoại hối', 'Cục Phòng, chống rửa tiền', 'Vụ Ổn định tiền tệ - tài chính'],
  G20: ['Cục Giải quyết khiếu nại, tố cáo', 'Cục Phòng, chống tham nhũng', 'Cục Thanh tra khu vực 1', 'Cục Thanh tra khu vực 2', 'Cục Thanh tra khu vực 3', 'Cục Thanh tra khu vực 4', 'Cục Thanh tra khu vực 5', 'Cục Thanh tra khu vực 6', 'Trung tâm Thông tin'],
  G22: ['Cục Kiểm soát thủ tục hành chính', 'Vụ Tổng hợp', 'Cổng Thông tin điện tử Chính phủ', 'Cục Hành chính - Quản trị', 'Vụ Pháp luật', 'Vụ Kinh tế ngành', 'Vụ Quan hệ quốc tế', 'Vụ Khoa giáo - Văn xã', 'Vụ Nông nghiệp', 'Vụ Công nghiệp', 'Cục Quản trị - Tài vụ'],
}

type Branches = (ctx: BranchCtx) => Array<{ under: string | null; name: string; below?: string[] }>
interface BranchCtx {
  provinces: SimProvince2025[]
  where: (p: SimProvince2025) => string
  rng: Rng
}
const regions = (n: number, name: string) => Array.from({ length: n }, (_, i) => `${name} ${romanOrNumber(i + 1, name)}`)
function romanOrNumber(i: number, name: string): string {
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX']
  return /khu vực|vùng/.test(name) ? (roman[i - 1] ?? String(i)) : String(i)
}
/** Branches below a ministry's units (level 3) and their local offices (level 4). */
const MINISTRY_BRANCHES: Record<string, Branches> = {
  G01: ({ provinces, where }) => provinces.map((p) => ({ under: null, name: `Công an ${where(p)}` })),
  G11: ({ provinces, where }) => provinces.map((p) => ({ under: null, name: `Bộ Chỉ huy quân sự ${where(p)}` })),
  G12: ({ provinces, where, rng }) => [
    ...provinces.map((p) => ({ under: 'Cục Thuế', name: `Thuế ${where(p)}`, below: Array.from({ length: localOffices(p, rng) }, (_, i) => `Thuế cơ sở ${i + 1} ${where(p)}`) })),
    ...provinces.map((p) => ({ under: 'Bảo hiểm xã hội Việt Nam', name: `Bảo hiểm xã hội ${where(p)}`, below: Array.from({ length: localOffices(p, rng) }, (_, i) => `Bảo hiểm xã hội cơ sở ${i + 1} ${where(p)}`) })),
    ...provinces.map((p) => ({ under: 'Cục Thống kê', name: `Thống kê ${where(p)}` })),
    ...regions(20, 'Kho bạc Nhà nước khu vực').map((name) => ({ under: 'Kho bạc Nhà nước', name })),
    ...regions(20, 'Chi cục Hải quan khu vực').map((name) => ({ under: 'Cục Hải quan', name })),
  ],
  G15: ({ provinces, where }) => provinces.map((p) => ({ under: 'Cục Quản lý thi hành án dân sự', name: `Thi hành án dân sự ${where(p)}` })),
  G19: () => regions(15, 'Ngân hàng Nhà nước Chi nhánh khu vực').map((name) => ({ under: null, name })),
  G17: () => [
    ...['Hải Phòng', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Quảng Trị', 'Huế', 'Đà Nẵng', 'Quảng Ngãi', 'Quy Nhơn', 'Nha Trang', 'Vũng Tàu', 'Thành phố Hồ Chí Minh', 'Đồng Nai', 'Cần Thơ', 'An Giang', 'Cà Mau', 'Đồng Tháp', 'Tây Ninh'].map((n) => ({ under: 'Cục Hàng hải và Đường thủy Việt Nam', name: `Cảng vụ Hàng hải ${n}` })),
    ...['miền Bắc', 'miền Trung', 'miền Nam'].map((n) => ({ under: 'Cục Hàng không Việt Nam', name: `Cảng vụ Hàng không ${n}` })),
    ...regions(4, 'Khu Quản lý đường bộ').map((name) => ({ under: 'Cục Đường bộ Việt Nam', name })),
  ],
  G10: () => regions(9, 'Chi cục Kiểm dịch thực vật vùng').map((name) => ({ under: 'Cục Trồng trọt và Bảo vệ thực vật', name })),
  G02: () => regions(18, 'Phòng Quản lý xuất nhập khẩu khu vực').map((name) => ({ under: 'Cục Xuất nhập khẩu', name })),
  G18: () => ['Bạch Mai', 'Chợ Rẫy', 'Việt Đức', 'Trung ương Huế', 'K', 'Nhi Trung ương', 'Phụ sản Trung ương', 'Mắt Trung ương', 'Nội tiết Trung ương', 'Thống Nhất', 'E', 'Hữu Nghị', 'Lão khoa Trung ương', 'Da liễu Trung ương', 'Phổi Trung ương', 'Bệnh Nhiệt đới Trung ương', 'Tâm thần Trung ương 1', 'Tâm thần Trung ương 2', 'Răng Hàm Mặt Trung ương Hà Nội', 'Răng Hàm Mặt Trung ương Thành phố Hồ Chí Minh', 'Đa khoa Trung ương Thái Nguyên', 'Đa khoa Trung ương Cần Thơ', 'Đa khoa Trung ương Quảng Nam', 'Y học cổ truyền Trung ương', 'Châm cứu Trung ương', 'Tai Mũi Họng Trung ương', 'Chấn thương Chỉnh hình Thành phố Hồ Chí Minh', 'Nhi đồng 1', 'Nhi đồng 2', 'Từ Dũ', 'Hùng Vương', 'Nhiệt đới Thành phố Hồ Chí Minh', 'Ung bướu Thành phố Hồ Chí Minh', 'Phạm Ngọc Thạch', 'Phục hồi chức năng Trung ương', 'Điều dưỡng Phục hồi chức năng Trung ương'].map((n) => ({ under: 'Cục Quản lý Khám, chữa bệnh', name: `Bệnh viện ${n}` })),
  G03: () => ['Bách khoa Hà Nội', 'Kinh tế Quốc dân', 'Sư phạm Hà Nội', 'Sư phạm Thành phố Hồ Chí Minh', 'Xây dựng Hà Nội', 'Mỏ - Địa chất', 'Thủy lợi', 'Giao thông vận tải', 'Ngoại thương', 'Luật Hà Nội', 'Kinh tế Thành phố Hồ Chí Minh', 'Sư phạm Kỹ thuật Thành phố Hồ Chí Minh', 'Nông Lâm Thành phố Hồ Chí Minh', 'Cần Thơ', 'Vinh', 'Quy Nhơn', 'Tây Nguyên', 'Đà Lạt', 'Hà Nội', 'Mở Hà Nội', 'Thương mại', 'Y Hà Nội', 'Dược Hà Nội', 'Mỹ thuật Việt Nam', 'Kiến trúc Hà Nội', 'Sư phạm Hà Nội 2', 'Hàng hải Việt Nam', 'Nha Trang', 'Tây Bắc', 'Hồng Đức', 'Thái Nguyên', 'Huế', 'Đà Nẵng', 'Quốc gia Hà Nội', 'Quốc gia Thành phố Hồ Chí Minh', 'An Giang', 'Đồng Tháp', 'Trà Vinh', 'Sài Gòn', 'Hải Phòng'].map((n) => ({ under: 'Vụ Giáo dục Đại học', name: `Trường Đại học ${n}` })),
}

/** Local offices of a provincial branch (thuế cơ sở, BHXH cơ sở): about 350 in the country each. */
function localOffices(p: SimProvince2025, rng: Rng): number {
  return clamp(Math.round(3 + (POPULATION_2025[p.code] ?? 2) * 2.2) + rng.int(0, 2), 4, 30)
}

// ── provinces ──

/** Departments and other level-2 bodies of every province (15), then optional ones. */
const DEPARTMENTS = [
  'Văn phòng Ủy ban nhân dân', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Tài chính', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng', 'Sở Khoa học và Công nghệ', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Văn hóa, Thể thao và Du lịch',
  'Thanh tra', 'Trung tâm Phục vụ hành chính công', 'Ban Quản lý dự án đầu tư xây dựng', 'Đài Phát thanh và Truyền hình',
]
const OPTIONAL_DEPARTMENTS = ['Sở Dân tộc và Tôn giáo', 'Sở Ngoại vụ', 'Ban Quản lý các khu công nghiệp', 'Ban Quản lý Khu kinh tế', 'Sở Du lịch', 'Quỹ Phát triển đất', 'Trường Cao đẳng']
/** Units below a department (level 3), by a word of its name. */
const DEPARTMENT_UNITS: Array<[RegExp, string[]]> = [
  [/Nội vụ/, ['Ban Thi đua - Khen thưởng', 'Chi cục Văn thư - Lưu trữ', 'Trung tâm Dịch vụ việc làm', 'Ban Tôn giáo']],
  [/Tư pháp/, ['Trung tâm Trợ giúp pháp lý nhà nước', 'Phòng Công chứng số 1', 'Phòng Công chứng số 2', 'Trung tâm Dịch vụ đấu giá tài sản']],
  [/Tài chính/, ['Phòng Đăng ký kinh doanh', 'Trung tâm Xúc tiến đầu tư', 'Quỹ Đầu tư phát triển']],
  [/Công Thương/, ['Chi cục Quản lý thị trường', 'Trung tâm Khuyến công và Xúc tiến thương mại']],
  [/Nông nghiệp/, ['Văn phòng Đăng ký đất đai', 'Chi cục Kiểm lâm', 'Chi cục Thủy lợi', 'Chi cục Trồng trọt và Bảo vệ thực vật', 'Chi cục Chăn nuôi và Thú y', 'Chi cục Thủy sản', 'Trung tâm Khuyến nông', 'Trung tâm Quan trắc tài nguyên và môi trường']],
  [/Xây dựng/, ['Trung tâm Đăng kiểm xe cơ giới', 'Ban Quản lý bảo trì đường bộ', 'Viện Quy hoạch xây dựng']],
  [/Khoa học/, ['Chi cục Tiêu chuẩn Đo lường Chất lượng', 'Trung tâm Chuyển đổi số']],
  [/Y tế/, ['Chi cục Dân số', 'Chi cục An toàn vệ sinh thực phẩm', 'Trung tâm Kiểm soát bệnh tật', 'Bệnh viện Đa khoa', 'Trung tâm Giám định y khoa']],
  [/Văn hóa/, ['Thư viện', 'Bảo tàng', 'Trung tâm Văn hóa', 'Trung tâm Huấn luyện và Thi đấu thể thao']],
  [/Phục vụ hành chính công/, []],
]

/** Real wards / communes of the two big cities (2025), used first there. */
const CITY_COMMUNES: Record<string, string[]> = {
  '01': ['phường Hoàn Kiếm', 'phường Cửa Nam', 'phường Ba Đình', 'phường Ngọc Hà', 'phường Giảng Võ', 'phường Hai Bà Trưng', 'phường Vĩnh Tuy', 'phường Bạch Mai', 'phường Đống Đa', 'phường Kim Liên', 'phường Láng', 'phường Ô Chợ Dừa', 'phường Tây Hồ', 'phường Cầu Giấy', 'phường Nghĩa Đô', 'phường Thanh Xuân', 'phường Hoàng Mai', 'phường Long Biên', 'phường Hà Đông', 'xã Sóc Sơn', 'xã Đông Anh', 'xã Gia Lâm', 'xã Thanh Trì', 'xã Ba Vì', 'xã Mê Linh'],
  '79': ['phường Sài Gòn', 'phường Tân Định', 'phường Bến Thành', 'phường Cầu Ông Lãnh', 'phường Bàn Cờ', 'phường Xuân Hòa', 'phường Nhiêu Lộc', 'phường Chợ Lớn', 'phường Bình Tây', 'phường Phú Nhuận', 'phường Gia Định', 'phường Bình Thạnh', 'phường Thủ Đức', 'phường Tân Sơn Nhất', 'phường Thủ Dầu Một', 'phường Vũng Tàu', 'xã Củ Chi', 'xã Hóc Môn', 'xã Bình Chánh', 'xã Nhà Bè', 'xã Cần Giờ', 'đặc khu Côn Đảo'],
}
const NAME_A = ['An', 'Bình', 'Đông', 'Hòa', 'Hưng', 'Long', 'Mỹ', 'Nam', 'Phú', 'Phước', 'Tân', 'Thạnh', 'Thuận', 'Trung', 'Vĩnh', 'Xuân', 'Đại', 'Quang', 'Minh', 'Hương', 'Cẩm', 'Kim', 'Ngọc', 'Hồng', 'Thanh', 'Đức', 'Gia', 'Yên', 'Lạc', 'Bắc', 'Hải', 'Nghĩa', 'Tiên', 'Quỳnh', 'Định', 'Tam', 'Lương', 'Diễn', 'Hoằng', 'Quảng']
const NAME_B = ['An', 'Bình', 'Đông', 'Hòa', 'Hưng', 'Lợi', 'Lộc', 'Mỹ', 'Phú', 'Phước', 'Thành', 'Thịnh', 'Thuận', 'Tiến', 'Trung', 'Sơn', 'Hải', 'Hà', 'Lâm', 'Khánh', 'Điền', 'Nghĩa', 'Thái', 'Tây', 'Hiệp', 'Phong', 'Xuyên', 'Châu', 'Dương', 'Tân', 'Long', 'Quý', 'Giang', 'Linh', 'Hậu', 'Cường']

/** "Tỉnh Nghệ An" → "tỉnh Nghệ An", "Thành phố Huế" → "thành phố Huế". */
export function lowerKind(provinceName: string): string {
  return provinceName.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ')
}

/** Split `total` into integers proportional to `weights` (largest remainder; ties by index). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  const exact = weights.map((w) => (total * w) / sum)
  const out = exact.map(Math.floor)
  let left = total - out.reduce((s, x) => s + x, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length].i]++
  return out
}

/** `n` distinct place names "phường X Y" / "xã X Y", the real ones of the big cities first. */
function placeNames(n: number, rng: Rng, kinds: readonly [string, string], urbanShare: number, real: readonly string[] = []): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  const take = (s: string) => {
    const base = s.replace(/^(phường|xã|đặc khu|quận|huyện|thị xã|thành phố) /, '')
    if (seen.has(base) || out.length >= n) return
    seen.add(base)
    out.push(s)
  }
  for (const s of real) take(s)
  for (let guard = 0; out.length < n && guard < 100_000; guard++) {
    const a = rng.pick(NAME_A)
    const b = rng.pick(NAME_B)
    if (a === b) continue
    take(`${rng.chance(urbanShare) ? kinds[0] : kinds[1]} ${a} ${b}`)
  }
  return out
}

/**
 * The simulated national agency registry: ≈ 10,000 rows, every one valid against the events
 * contract, codes unique and at most 35 characters. Deterministic for a seed.
 */
export function simulateRegistry(opts: { seed?: number } = {}): AgencyRow[] {
  const ref = simReference()
  const rng = new Rng(hashStr(`registry:${opts.seed ?? 1}`))
  const rows: AgencyRow[] = []
  const add = (r: AgencyRow) => rows.push({ ...r, name: r.name.normalize('NFC') })
  const where = (p: SimProvince2025) => lowerKind(p.name)

  // Ministries: the ministry, its units (level 2), their branches (level 3) and local offices (level 4).
  for (const m of ref.ministries) {
    add({ agency_code: m.code, name: m.name, level: 'central', ministry: m.code })
    const c1 = m.code.split('.').pop()!
    const sector = m.name.replace(/^Bộ /, '')
    const own = MINISTRY_UNITS[c1] ?? []
    const common = COMMON_UNITS.filter(() => rng.chance(0.8)).map((u) => u.replace('{s}', sector))
    const unitCode = new Map<string, string>()
    ;[...own, ...common].slice(0, 60).forEach((name, i) => {
      const code = `000.00.${pad(i + 1, 2)}.${c1}`
      unitCode.set(name, code)
      add({ agency_code: code, name, level: 'central', ministry: m.code, parent_code: m.code })
    })
    const branches = MINISTRY_BRANCHES[c1]?.({ provinces: ref.provinces2025, where, rng }) ?? []
    // Branches directly under the ministry take level-2 codes after its units (61–99);
    // those under a unit take level-3 codes below it.
    const nextL3 = new Map<string, number>()
    let nextL2 = 61
    for (const b of branches) {
      let code: string
      let parent: string
      const under = b.under ? unitCode.get(b.under) : undefined
      if (under) {
        const n = (nextL3.get(under) ?? 0) + 1
        nextL3.set(under, n)
        code = `000.${pad(n, 2)}.${under.split('.')[2]}.${c1}`
        parent = under
      } else {
        code = `000.00.${pad(nextL2++, 2)}.${c1}`
        parent = m.code
      }
      add({ agency_code: code, name: b.name, level: 'central', ministry: m.code, parent_code: parent })
      ;(b.below ?? []).forEach((name, i) => {
        const [, c3, c2] = code.split('.')
        add({ agency_code: `${pad(i + 1, 3)}.${c3}.${c2}.${c1}`, name, level: 'central', ministry: m.code, parent_code: code })
      })
    }
  }

  // Provinces: the committee, departments (level 2), units below them (level 3), communes.
  const pops = ref.provinces2025.map((p) => POPULATION_2025[p.code] ?? 2)
  const communes = apportion(NATIONAL_COMMUNES, pops.map((x) => Math.pow(x, 0.6)))
  ref.provinces2025.forEach((p, pi) => {
    const ubnd = ref.agencyCodeOf2004.get(p.code) ?? `000.00.00.P${p.code}`
    const c1 = ubnd.split('.').pop()!
    const pop = pops[pi]
    const w = where(p)
    add({ agency_code: ubnd, name: `Ủy ban nhân dân ${w}`, level: 'province', province_code: p.code })
    const optional = OPTIONAL_DEPARTMENTS.filter(() => rng.chance(0.45)).slice(0, 5)
    ;[...DEPARTMENTS, ...optional].forEach((dept, di) => {
      const c2 = pad(di + 1, 2)
      const deptCode = `000.00.${c2}.${c1}`
      add({ agency_code: deptCode, name: `${dept} ${w}`, level: 'province', province_code: p.code, parent_code: ubnd })
      const units = [...(DEPARTMENT_UNITS.find(([re]) => re.test(dept))?.[1] ?? [])]
      if (/Giáo dục/.test(dept)) units.push(...placeNames(Math.round(6 + pop * 18), rng, ['Trường Trung học phổ thông', 'Trường Trung học phổ thông'], 0).map((s) => s.replace(/^(Trường Trung học phổ thông) /, '$1 ')))
      if (/Y tế/.test(dept)) units.push(...placeNames(Math.round(4 + pop * 6), rng, ['Trung tâm Y tế khu vực', 'Trung tâm Y tế khu vực'], 0))
      if (/Phục vụ hành chính công/.test(dept)) units.push(...Array.from({ length: Math.round(2 + pop) }, (_, i) => `Chi nhánh số ${i + 1}`))
      units.slice(0, 99).forEach((u, ui) => {
        const local = /^(Trường|Trung tâm Y tế khu vực|Chi nhánh)/.test(u)
        add({
          agency_code: `000.${pad(ui + 1, 2)}.${c2}.${c1}`,
          name: local ? (u.startsWith('Chi nhánh') ? `${u} Trung tâm Phục vụ hành chính công ${w}` : `${u}, ${w}`) : `${u} ${w}`,
          level: 'province',
          province_code: p.code,
          parent_code: deptCode,
        })
      })
    })
    // Communes: level 3 below blocks 70, 71… of the level-2 field (99 a block).
    placeNames(communes[pi], rng, ['phường', 'xã'], p.name.startsWith('Thành phố') ? 0.55 : 0.15, CITY_COMMUNES[p.code]).forEach((name, i) => {
      add({
        agency_code: `000.${pad((i % 99) + 1, 2)}.${70 + Math.floor(i / 99)}.${c1}`,
        name: `Ủy ban nhân dân ${name}`,
        level: 'commune',
        province_code: p.code,
        parent_code: ubnd,
      })
    })
  })

  // Before 2025-07-01: the committees of the provinces merged away, and every former province's districts.
  for (const p of ref.provinces2004) {
    const ubnd = ref.agencyCodeOf2004.get(p.code)
    if (!ubnd) continue
    const c1 = ubnd.split('.').pop()!
    const w = lowerKind(p.name)
    if (!ref.codes2025.has(p.code)) add({ agency_code: ubnd, name: `Ủy ban nhân dân ${w}`, level: 'province', province_code: p.code })
    const city = p.name.startsWith('Thành phố')
    placeNames(DISTRICTS_PER_2004_PROVINCE, rng, city ? ['quận', 'huyện'] : ['thị xã', 'huyện'], city ? 0.45 : 0.12).forEach((name, k) => {
      add({
        agency_code: `000.00.${pad(31 + k, 2)}.${c1}`,
        name: `Ủy ban nhân dân ${k === 0 && !city ? name.replace(/^(thị xã|huyện)/, 'thành phố') : name}`,
        level: 'district',
        province_code: p.code,
        parent_code: ubnd,
      })
    })
  }
  return rows
}
