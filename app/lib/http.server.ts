// JSON and CSV answers, and the errors of interfaces.md: {"error": "…"} with 400/401/403/404,
// and 503 (with Retry-After) when the store is unavailable.
import { stringify } from 'csv-stringify/sync'
import { StoreUnavailableError } from '../../core/db'
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

/**
 * CSV for Excel: UTF-8 with a BOM (so Vietnamese opens intact), CRLF line ends, a header row.
 * Text cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: codes come
 * from sources) get a leading ' (OWASP "CSV injection"); numbers are never touched.
 */
export function csvText(rows: readonly object[], columns?: string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {})
  return stringify(
    rows.map((r) => cols.map((c) => (r as Record<string, unknown>)[c] ?? null)),
    {
      header: true,
      columns: cols,
      bom: true,
      record_delimiter: '\r\n',
      escape_formulas: true,
      quoted_match: /[\r\n]/, // a line break inside a cell, quoted whatever the record delimiter
      cast: { boolean: (b) => String(b), date: (d) => d.toISOString() },
    },
  )
}

export function csvResponse(rows: readonly object[], filename: string, columns?: string[]): Response {
  return new Response(csvText(rows, columns), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
}

/** The answer while the store is unreachable: nothing was done, try again later. */
export const storeUnavailable = () =>
  new HttpError(503, 'the data store is unavailable; nothing was done, try again shortly', { 'Retry-After': String(RETRY_AFTER_S) })
export const RETRY_AFTER_S = 5

/** Runs an API handler; a thrown HttpError becomes its JSON error, an unreachable store a 503 with Retry-After, anything else a logged 500. */
export async function api(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof Response) return e
    if (e instanceof StoreUnavailableError) return storeUnavailable()
    console.error('api error:', (e as Error).message)
    return jsonResponse({ error: 'internal error' }, 500)
  }
}
