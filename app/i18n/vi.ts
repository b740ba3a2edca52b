// Tiếng Việt: every word the pages, charts, exports and the brief show, and the number and date
// conventions (1.234,5; dd/mm/yyyy). en.ts has the same keys.
const int = new Intl.NumberFormat('vi-VN')
const dec2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const dec1 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const pct = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const na = (n: number | null | undefined) => n === null || n === undefined

export const vi = {
  lang: 'vi' as 'vi' | 'en',
  locale: 'vi-VN',
  int: (n: number | null | undefined) => (na(n) ? '—' : int.format(n!)),
  dec: (n: number | null | undefined) => (na(n) ? '—' : dec2.format(n!)),
  dec1: (n: number | null | undefined) => (na(n) ? '—' : dec1.format(n!)),
  pct: (n: number | null | undefined) => (na(n) ? '—' : pct.format(n!)),
  /** percentage points: "2,5 điểm %" */
  pp: (n: number) => `${dec1.format(n * 100)} điểm %`,
  /** 2025-10-01 → 01/10/2025 */
  day: (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`,
  days: (n: number) => `${dec2.format(n)} ngày`,
  dayFormat: 'dd/mm/yyyy',

  // shell
  skip: 'Bỏ qua thanh điều hướng',
  brandSub: 'Theo dõi, điều hành Chính phủ điện tử',
  nav: { home: 'Tổng quan', documents: 'Văn bản điện tử', connections: 'Kết nối', quality: 'Chất lượng dữ liệu', admin: 'Quản trị', brief: 'Báo cáo họp' },
  pagesLabel: 'Trang',
  changePassword: 'Đổi mật khẩu',
  logout: 'Đăng xuất',
  langSwitch: 'English',
  langSwitchLabel: 'Switch to English',
  freshness: (when: string, age: string) => `Dữ liệu mới nhất: ${when} (${age})`,
  noData: 'Chưa có dữ liệu',
  silent: (n: number) => `${n} nguồn dữ liệu đã ngừng gửi quá 24 giờ`,
  ago: (mins: number) => (mins < 1 ? 'vừa xong' : mins < 60 ? `${mins} phút trước` : mins < 1440 ? `${Math.floor(mins / 60)} giờ trước` : `${Math.floor(mins / 1440)} ngày trước`),

  // period filter
  period: 'Kỳ báo cáo',
  periodLabel: 'Chọn kỳ báo cáo',
  preset: 'Kỳ',
  presets: {
    this_month: 'Tháng này',
    last_month: 'Tháng trước',
    this_quarter: 'Quý này',
    last_quarter: 'Quý trước',
    this_year: 'Năm nay',
    last_year: 'Năm trước',
    last_30: '30 ngày qua',
    custom: 'Tùy chọn',
  },
  from: 'Từ ngày',
  to: 'Đến ngày',
  structure: 'Địa giới',
  structureCurrent: '34 tỉnh, thành phố (từ 01/7/2025)',
  structureHistorical: '63 tỉnh, thành phố (trước 01/7/2025)',
  compare: 'So sánh với',
  compareNone: 'Không so sánh',
  comparePrevious: 'Kỳ liền trước',
  compareYear: 'Cùng kỳ năm trước',
  show: 'Xem',
  loading: 'Đang tải…',
  badParam: (p: string) => `Tham số không hợp lệ (${p}); đang hiển thị kỳ mặc định.`,
  dayHint: 'dd/mm/yyyy',
  comparedWith: (from: string, to: string) => `so với ${from} – ${to}`,

  // figures
  fig: {
    received: 'Hồ sơ tiếp nhận',
    resolved: 'Đã giải quyết',
    on_time_rate: 'Tỷ lệ đúng hạn',
    pending: 'Đang xử lý',
    overdue: 'Quá hạn',
    online_rate: 'Nộp trực tuyến',
    paid_online_rate: 'Thanh toán trực tuyến',
    digitized_rate: 'Có thành phần số hóa',
    avg_days: 'Thời gian giải quyết TB',
    index: 'Chỉ số phục vụ (tạm tính)*',
    late: 'trễ hạn',
    closed_unresolved: 'Kết thúc không có kết quả',
  },
  change: { up: 'tăng', down: 'giảm', same: 'không đổi', good: 'tốt lên', bad: 'xấu đi', neutral: '' },
  indexNote:
    'Chỉ số tạm tính (partial index) từ dữ liệu sự kiện: 4 nhóm (đúng hạn, trực tuyến, thanh toán trực tuyến, số hóa), quy về 100 điểm; không phải điểm chính thức theo Quyết định 766/QĐ-TTg.',

  // tables
  col: {
    rank: 'Hạng', received: 'Tiếp nhận', resolved: 'Đã giải quyết', on_time_rate: 'Đúng hạn', pending: 'Đang xử lý', overdue: 'Quá hạn',
    online_rate: 'Trực tuyến', paid_online_rate: 'TT trực tuyến', digitized_rate: 'Số hóa', index: 'Chỉ số*', band: 'Xếp loại',
    movement: 'So với kỳ trước', agency: 'Cơ quan', procedure: 'Thủ tục', code: 'Mã',
  },
  levelName: { province: 'Tỉnh, thành phố', ministry: 'Bộ, ngành' },
  provinces: 'Các tỉnh, thành phố',
  ministries: 'Các bộ, cơ quan ngang bộ',
  download: 'Tải',
  emptyUnits: 'Chưa có đơn vị nào trong danh mục. Hãy nạp danh mục cơ quan.',
  emptyPeriod: 'Không có hồ sơ nào trong kỳ báo cáo này.',
  rankFootnote: 'Hạng chỉ xét các đơn vị có từ 30 hồ sơ đã giải quyết trong kỳ. Chọn tên đơn vị để xem chi tiết.',
  rankUp: (n: number) => `lên ${n} bậc`,
  rankDown: (n: number) => `xuống ${n} bậc`,
  rankNew: 'mới xếp hạng',
  rankSame: 'giữ hạng',
  bands: { 'Tốt': 'Tốt', 'Khá': 'Khá', 'Trung bình': 'Trung bình', 'Yếu': 'Yếu' } as Record<string, string>,

  // home
  homeTitle: 'Tình hình giải quyết thủ tục hành chính',
  nationalFigures: 'Số liệu toàn quốc',
  trendCaption: 'Hồ sơ toàn quốc: tiếp nhận, đã giải quyết và tỷ lệ giải quyết đúng hạn',
  noTrend: 'Không có hồ sơ nào trong kỳ báo cáo để vẽ biểu đồ.',
  grainNote: 'Mỗi điểm là một ngày (kỳ đến 31 ngày), một tuần từ thứ Hai (kỳ đến 120 ngày) hoặc một tháng.',
  mapTitle: 'Bản đồ tỉnh, thành phố',
  mapFigure: 'Chỉ tiêu',
  mapTable: 'Số liệu bản đồ dạng bảng',
  noValue: 'không có số liệu',

  // unit page
  unitAgencies: 'Các cơ quan của đơn vị',
  unitProcedures: 'Thủ tục hành chính',
  mostOverdue: 'Nhiều hồ sơ quá hạn nhất',
  lowestOnTime: 'Tỷ lệ đúng hạn thấp nhất',
  overdueCases: 'Hồ sơ quá hạn',
  casesHidden: 'Danh sách hồ sơ chỉ hiển thị cho chính đơn vị này và người dùng cấp quốc gia.',
  agenciesShown: (n: string, of: string) => `${n} trong ${of} cơ quan có nhiều hồ sơ quá hạn nhất.`,
  agenciesAll: (of: string) => `Xem tất cả ${of} cơ quan`,
  noOverdue: 'Không có hồ sơ quá hạn tại thời điểm cuối kỳ.',
  daysOverdue: 'Quá hạn',
  dueAt: 'Hạn xử lý',
  receivedAt: 'Tiếp nhận',
  dossierCode: 'Mã hồ sơ',
  nDays: (n: number) => `${int.format(n)} ngày`,
  procedureNoName: 'chưa có danh mục thủ tục',

  // brief
  brief: 'Báo cáo họp',
  briefTitle: 'Báo cáo tình hình giải quyết thủ tục hành chính',
  briefMade: (when: string) => `Lập lúc ${when}`,
  top5: 'Năm đơn vị dẫn đầu',
  bottom5: 'Năm đơn vị cuối bảng',
  print: 'In báo cáo',
  pdf: 'Tải PDF',
  page: 'Trang',
}

export type Dict = typeof vi
