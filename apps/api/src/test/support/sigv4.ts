import { createHash, createHmac } from 'node:crypto';
import { SeenRequest } from './fake-api';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/**
 * Checks an AWS Signature Version 4 on a request the fake AWS endpoint received, computed here from
 * the specification with the secret the test knows: proves the real SDK signed this very request
 * with these credentials, region and service. Returns why not, or null when it verifies.
 */
export function sigV4Problem(req: SeenRequest, secret: string, region: string, service: string): string | null {
  const auth = String(req.headers['authorization'] ?? '');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return `no SigV4 Authorization header: ${auth.slice(0, 40)}`;
  const [, , date, r, s, signedHeaders, signature] = m;
  if (r !== region || s !== service) return `signed for ${r}/${s}, expected ${region}/${service}`;
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return 'X-Amz-Date does not match the credential scope';
  const names = signedHeaders.split(';');
  if (!names.includes('host')) return 'host is not signed';
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const query = [...req.url.searchParams.entries()]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? sha256(req.body));
  if (payloadHash !== sha256(req.body)) return 'the body does not match its signed hash';
  const canonical = [req.method, req.url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(toSign).digest('hex');
  return expected === signature ? null : 'signature mismatch';
}
