import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 as hex: how tokens are kept (refresh tokens, webhook tokens) and payloads keyed. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether a presented secret matches a stored SHA-256 hex digest, in constant time. */
export function matchesDigest(presented: string | undefined, storedHex: string | null): boolean {
  if (!presented || !storedHex) return false;
  return timingSafeEqual(Buffer.from(sha256Hex(presented)), Buffer.from(storedHex));
}

/** Whether the presented secret matches any of the stored digests (checked against each, in constant time). */
export function matchesAnyDigest(presented: string | undefined, storedHex: Array<string | null>): boolean {
  let ok = false;
  for (const h of storedHex) if (matchesDigest(presented, h)) ok = true;
  return ok;
}
