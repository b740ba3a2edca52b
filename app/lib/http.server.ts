// JSON and CSV answers, and the errors of interfaces.md: {"error": "…"} with 400/401/403/404.
/**
 * An error answer, thrown: a Response (so Remix renders a page's error boundary with its status,
 * and API routes return it as is) whose body is the JSON {"error": "…"}.
 */
export class HttpError extends Response {
  readonly message: string
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(JSON.stringify({ error: message }), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    })
    this.message = message
  }
}

export const badRequest = (msg: string) => new HttpError(400, msg)
export const notFound = (msg: string) => new HttpError(404, msg)

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  })
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return ''
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** CSV for Excel: UTF-8 with a BOM (so Vietnamese opens intact), CRLF line ends, a header row. */
export function csvResponse(rows: readonly object[], filename: string, columns?: string[]): Response {
  const cols = columns ?? Object.keys(rows[0] ?? {})
  const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell((r as Record<string, unknown>)[c])).join(','))]
  return new Response('\uFEFF' + lines.join('\r\n') + '\r\n', {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}

/** Runs an API handler; a thrown HttpError becomes its JSON error, anything else a logged 500 (or 503 when the store is down). */
export async function api(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof Response) return e
    console.error('api error:', (e as Error).message)
    return jsonResponse({ error: 'internal error' }, 500)
  }
}
