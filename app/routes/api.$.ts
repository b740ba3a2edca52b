// Any other /api path: a JSON 404, never the HTML error page.
import { jsonResponse } from '~/lib/http.server'

export const loader = () => jsonResponse({ error: 'no such endpoint' }, 404)
export const action = loader
