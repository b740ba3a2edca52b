// Security headers on every response (pages, API, assets).
import type { NextFunction, Request, Response } from 'express'
import { randomUUID } from 'node:crypto'

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
  next()
}

/** A page's charts are drawn for the device that asks (app/lib/device.server.ts): a cache must keep the two apart. */
export function varyByDevice(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/api/') && !req.path.startsWith('/assets/')) res.append('Vary', 'Sec-CH-UA-Mobile, User-Agent')
  next()
}

/**
 * Who the client is, for the login backoff and the audit log: the socket's address, or the
 * first X-Forwarded-For hop when TRUST_PROXY=1 says a proxy in front sets it.
 */
export function clientAddress(req: Request, _res: Response, next: NextFunction): void {
  const forwarded = process.env.TRUST_PROXY === '1' ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : ''
  req.headers['x-egp-client-ip'] = forwarded || req.socket.remoteAddress || 'unknown'
  next()
}

/**
 * An id for each request (overwritten, so a client cannot choose it): Remix hands each loader of a
 * request its own copy of the Request, and what a request asks once (who is signed in) is kept under this id.
 */
export function requestId(req: Request, _res: Response, next: NextFunction): void {
  req.headers['x-egp-request'] = randomUUID()
  next()
}

/** A form posted from another site gets a plain 403 before the app sees it. */
export function refuseCrossSiteForms(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin
  if (req.method === 'POST' && !req.path.startsWith('/api/') && origin && origin !== 'null') {
    let host = ''
    try {
      host = new URL(origin).host
    } catch {
      // an unparsable Origin is treated as foreign
    }
    if (host !== req.headers.host) {
      res.status(403).type('application/json').send(JSON.stringify({ error: 'cross-site form submission refused' }))
      return
    }
  }
  next()
}
