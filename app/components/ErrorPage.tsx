import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useLang } from '~/i18n/use'

const DEFAULTS_EN: Record<number | 'other', string> = {
  404: 'Page not found.',
  403: 'You may not see this.',
  503: 'The data store cannot be reached for the moment. Please try again in a few minutes.',
  other: 'The figures could not be loaded. Please try again later.',
}

const DEFAULTS: Record<number | 'other', string> = {
  404: 'Không tìm thấy trang.',
  403: 'Bạn không có quyền xem nội dung này.',
  503: 'Kho dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.',
  other: 'Đã có lỗi khi tải số liệu. Vui lòng thử lại sau.',
}

/** The error boundary's page: the status and a Vietnamese sentence for it (a route may word its own). */
export function ErrorPage({ messages = {} }: { messages?: Partial<Record<404 | 403 | 'other', string>> }) {
  const error = useRouteError()
  const en = useLang() === 'en'
  const status = isRouteErrorResponse(error) ? error.status : 500
  // a route's own sentences are Vietnamese: in English the defaults are used
  const own = en ? {} : messages
  const defaults = en ? DEFAULTS_EN : DEFAULTS
  const text =
    status === 503
      ? defaults[503]
      : ((status === 404 || status === 403 ? (own[status] ?? defaults[status]) : undefined) ?? own.other ?? defaults.other)
  return (
    <main className="page error-page">
      <h1>{status}</h1>
      <p>{text}</p>
      <p>
        <a href="/">{en ? 'Back to the overview' : 'Về trang tổng quan'}</a>
      </p>
    </main>
  )
}
