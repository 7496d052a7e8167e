import { Request } from 'express';

/** A Host header that is only a host name or address and a port: anything else is not echoed. */
const SANE_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The base URL senders should use: PUBLIC_URL when the operator set it (behind a proxy, the only
 * trustworthy answer), else this request's scheme and a Host header that is a plain host and port.
 */
export function publicBaseUrl(publicUrl: string | null, req: Request): string {
  if (publicUrl) return publicUrl;
  const host = req.get('host') ?? '';
  return `${req.protocol === 'https' ? 'https' : 'http'}://${SANE_HOST.test(host) ? host : 'localhost'}`;
}
