// Export column headers per language, by JSON field name (interfaces.md: headers of exports
// follow the language; JSON field names never change). A field not listed keeps its name.
export const FIELD_LABELS: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    code: 'Mã', name: 'Tên', level: 'Cấp', unit: 'Đơn vị', from: 'Từ ngày', to: 'Đến ngày', structure: 'Địa giới',
    received: 'Tiếp nhận', resolved: 'Đã giải quyết', on_time: 'Đúng hạn', late: 'Trễ hạn', on_time_rate: 'Tỷ lệ đúng hạn',
    pending: 'Đang xử lý', overdue: 'Quá hạn', closed_unresolved: 'Kết thúc không có kết quả', online_rate: 'Tỷ lệ trực tuyến',
    paid_online_rate: 'Tỷ lệ thanh toán trực tuyến', digitized_rate: 'Tỷ lệ số hóa', avg_days: 'Thời gian giải quyết TB (ngày)',
    index: 'Chỉ số tạm tính', rank: 'Hạng', band: 'Xếp loại', rank_previous: 'Hạng kỳ trước', index_note: 'Ghi chú chỉ số',
    period: 'Kỳ', dossier_code: 'Mã hồ sơ', agency_code: 'Mã cơ quan', agency_name: 'Cơ quan', procedure_code: 'Mã thủ tục', procedure_name: 'Thủ tục',
    received_at: 'Tiếp nhận lúc', due_at: 'Hạn xử lý', days_overdue: 'Số ngày quá hạn',
    sent: 'Đã gửi', accepted_rate: 'Tỷ lệ tiếp nhận', refused_rate: 'Tỷ lệ từ chối', latency_p50_s: 'Độ trễ trung vị (giây)',
    latency_p95_s: 'Độ trễ P95 (giây)', unacknowledged: 'Chưa xác nhận', agencies: 'Số cơ quan', connected: 'Đã kết nối',
    connected_rate: 'Tỷ lệ kết nối', active: 'Hoạt động 30 ngày', month: 'Tháng', plan: 'Kế hoạch',
    kind: 'Loại', events: 'Số sự kiện', timed_by_arrival: 'Tính theo thời điểm nhận', last_occurred_at: 'Sự kiện gần nhất',
    field: 'Trường', reason: 'Lý do', records: 'Số bản ghi', last_at: 'Lần gần nhất', last_source: 'Nguồn gần nhất', last_line: 'Dòng gần nhất',
    source: 'Nguồn', duplicates: 'Bản trùng', max_delay_s: 'Trễ tối đa (giây)', last_ingested_at: 'Nạp gần nhất',
    previous: 'Kỳ so sánh',
  },
  en: {
    code: 'Code', name: 'Name', level: 'Level', unit: 'Unit', from: 'From', to: 'To', structure: 'Structure',
    received: 'Received', resolved: 'Resolved', on_time: 'On time', late: 'Late', on_time_rate: 'On-time rate',
    pending: 'Pending', overdue: 'Overdue', closed_unresolved: 'Closed without result', online_rate: 'Online rate',
    paid_online_rate: 'Paid online rate', digitized_rate: 'Digitised rate', avg_days: 'Average days to resolve',
    index: 'Partial index', rank: 'Rank', band: 'Band', rank_previous: 'Previous rank', index_note: 'Index note',
    period: 'Period', dossier_code: 'Dossier code', agency_code: 'Agency code', agency_name: 'Agency', procedure_code: 'Procedure code', procedure_name: 'Procedure',
    received_at: 'Received at', due_at: 'Due at', days_overdue: 'Days overdue',
    sent: 'Sent', accepted_rate: 'Accepted rate', refused_rate: 'Refused rate', latency_p50_s: 'Median latency (s)',
    latency_p95_s: 'P95 latency (s)', unacknowledged: 'Unacknowledged', agencies: 'Agencies', connected: 'Connected',
    connected_rate: 'Connected rate', active: 'Active (30 days)', month: 'Month', plan: 'Plan',
    kind: 'Kind', events: 'Events', timed_by_arrival: 'Timed by arrival', last_occurred_at: 'Last event',
    field: 'Field', reason: 'Reason', records: 'Records', last_at: 'Last at', last_source: 'Last source', last_line: 'Last line',
    source: 'Source', duplicates: 'Duplicates', max_delay_s: 'Max delay (s)', last_ingested_at: 'Last ingested',
    previous: 'Comparison period',
  },
}

/** The header of a (possibly flattened previous_…) field in a language. */
export function fieldLabel(field: string, lang: 'vi' | 'en'): string {
  const labels = FIELD_LABELS[lang]
  if (labels[field]) return labels[field]
  const m = /^previous_(.+)$/.exec(field)
  if (m) return `${labels[m[1]] ?? m[1]} (${lang === 'vi' ? 'kỳ so sánh' : 'comparison period'})`
  return field
}
