// Whether a page is asked for by a phone (or tablet), so that its charts are drawn at phone size
// as well as wide (ADR 020). Chromium-based browsers say so in Sec-CH-UA-Mobile, a client hint
// they send with every request; the others in their User-Agent.
const PHONE_AGENT = /Mobi|Android|iPhone|iPad|iPod|Windows Phone|Opera Mini/i

export function asksForPhoneCharts(request: Request): boolean {
  const hint = request.headers.get('sec-ch-ua-mobile')
  if (hint === '?1') return true
  if (hint === '?0') return false
  return PHONE_AGENT.test(request.headers.get('user-agent') ?? '')
}
