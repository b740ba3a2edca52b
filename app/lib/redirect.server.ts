// Where to go after logging in: only a path of this site. Like remix-utils' safeRedirect and
// the Epic Stack, but resolved the way a browser resolves a Location header: against a dummy
// origin with the WHATWG URL parser, so every off-site spelling (//x, /\x, \\x, tabs or
// newlines inside, percent-encoded slashes, schemes, absolute URLs) is caught by one rule.
const ORIGIN = 'http://egov-pulse.invalid'
const FALLBACK = '/'

function offSite(path: string): boolean {
  // a browser drops tabs and newlines from URLs and reads \ as / (so "/\t/x" and "/\x" mean "//x")
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return true
  if (!path.startsWith('/') || path.startsWith('//')) return true
  let url: URL
  try {
    url = new URL(path, ORIGIN)
  } catch {
    return true
  }
  return url.origin !== ORIGIN
}

/** `next` when it is a same-site path starting with a single `/`, else `/`. */
export function safeRedirect(next: unknown, fallback = FALLBACK): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2048) return fallback
  // A path that decodes (once or more) to an off-site spelling is refused too: some proxies and
  // frameworks decode before redirecting again.
  let s = next
  for (let i = 0; i < 3; i++) {
    if (offSite(s)) return fallback
    let decoded: string
    try {
      decoded = decodeURIComponent(s)
    } catch {
      return fallback
    }
    if (decoded === s) break
    s = decoded
  }
  const url = new URL(next, ORIGIN)
  return url.pathname + url.search + url.hash
}
