import { storeAnswers } from '~/data.server'
import { jsonResponse } from '~/lib/http.server'

export async function loader() {
  try {
    if (await storeAnswers()) return jsonResponse({ status: 'ok' })
  } catch {
    // the store could not be opened: answered below
  }
  return jsonResponse({ status: 'unavailable' }, 503, { 'Retry-After': '5' })
}
