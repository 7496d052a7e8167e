import { OutgoingHttpHeaders } from 'node:http';
import { NextFunction, Request, Response } from 'express';

/**
 * The security headers every answer carries — the API's, the portal's and the webhook fast path's —
 * written down once (they are helmet 8's defaults, so the portal's CSP is unchanged).
 */
export const SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = Object.freeze({
  'Content-Security-Policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';" +
    "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
    "style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
});

/** Sets SECURITY_HEADERS on every Express answer. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeaders(new Map(Object.entries(SECURITY_HEADERS) as Array<[string, string]>));
  next();
}
