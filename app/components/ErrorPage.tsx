import { isRouteErrorResponse, useRouteError } from '@remix-run/react'

const DEFAULTS: Record<number | 'other', string> = {
  404: 'Không tìm thấy trang.',
  403: 'Bạn không có quyền xem nội dung này.',
  503: 'Kho dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.',
  other: 'Đã có lỗi khi tải số liệu. Vui lòng thử lại sau.',
}

/** The error boundary's page: the status and a Vietnamese sentence for it (a route may word its own). */
export function ErrorPage({ messages = {} }: { messages?: Partial<Record<404 | 403 | 'other', string>> }) {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const text = status === 503 ? DEFAULTS[503] : ((status === 404 || status === 403 ? (messages[status] ?? DEFAULTS[status]) : undefined) ?? messages.other ?? DEFAULTS.other)
  return (
    <main className="page error-page">
      <h1>{status}</h1>
      <p>{text}</p>
      <p>
        <a href="/">Về trang tổng quan</a>
      </p>
    </main>
  )
}
