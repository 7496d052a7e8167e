import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { SourceError } from '../source-error';

/** Cloud metadata endpoints: never reachable through a user-given URL, whatever the policy. */
const METADATA = new BlockList();
METADATA.addAddress('169.254.169.254');
METADATA.addAddress('169.254.170.2'); // ECS task metadata
METADATA.addAddress('100.100.100.200'); // Alibaba
METADATA.addAddress('fd00:ec2::254', 'ipv6');
const METADATA_HOSTS = ['metadata.google.internal', 'metadata', 'instance-data'];

/** Private, loopback and link-local ranges: forbidden when the policy says so. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['100.64.0.0', 10],
  ['0.0.0.0', 8],
] as const)
  PRIVATE.addSubnet(net, bits);
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');

export interface UrlPolicy {
  /** Forbid private, loopback and link-local addresses (OUTBOUND_BLOCK_PRIVATE). */
  blockPrivate: boolean;
}

const family = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');

/**
 * Checks a URL a user gave before anything connects to it: http(s) only, no credentials in it, no
 * metadata endpoint, and no private address when the policy forbids them — for every address the
 * name resolves to.
 */
export async function checkOutboundUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SourceError('invalid', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SourceError('invalid', `only http and https URLs are allowed, not ${url.protocol}`);
  if (url.username || url.password) throw new SourceError('invalid', 'the URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (METADATA_HOSTS.includes(host)) throw new SourceError('invalid', 'cloud metadata endpoints are not allowed');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      throw new SourceError('unreachable', `${host} does not resolve`);
    }
  }
  for (const ip of addresses) {
    const mapped = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
    if (METADATA.check(mapped, family(mapped)))
      throw new SourceError('invalid', 'cloud metadata endpoints are not allowed');
    if (policy.blockPrivate && PRIVATE.check(mapped, family(mapped)))
      throw new SourceError('invalid', `${host} is a private or link-local address, which this server does not allow`);
  }
  return url;
}
