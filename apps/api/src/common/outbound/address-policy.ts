import { BlockList, isIP } from 'node:net';

/** What MOZAIC may connect to on a user's behalf. One policy, applied to every address connected to. */
export interface OutboundPolicy {
  /** Forbid private, loopback, link-local and other non-public addresses (OUTBOUND_BLOCK_PRIVATE). */
  blockPrivate: boolean;
  /** Unix socket paths a user account may name (DOCKER_SOCKET_ALLOWLIST); none by default. */
  socketAllowlist: readonly string[];
}

/** Cloud metadata endpoints: never reachable for a user, whatever the policy. */
const METADATA = new BlockList();
METADATA.addAddress('169.254.169.254');
METADATA.addAddress('169.254.170.2'); // ECS task metadata
METADATA.addAddress('100.100.100.200'); // Alibaba
METADATA.addAddress('fd00:ec2::254', 'ipv6');
export const METADATA_HOSTS = ['metadata.google.internal', 'metadata', 'instance-data'];

/** Everything that is not a public unicast address: refused when the policy blocks private ones. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const)
  PRIVATE.addSubnet(net, bits);
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): the embedded address is not fixed
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (with a dotted IPv4 tail or not); null if not IPv6. */
export function ipv6Groups(ip: string): number[] | null {
  if (isIP(ip) !== 6) return null;
  let text = ip.replace(/%.*$/, '').toLowerCase();
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    text = text.slice(0, tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const zeros = rest === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill('0'), ...right].map((g) => parseInt(g, 16));
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 form carries, judged as that IPv4: IPv4-mapped (::ffff:a.b.c.d),
 * IPv4-compatible (::a.b.c.d), well-known NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:AABB:CCDD::).
 */
export function embeddedIPv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (!g) return null;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (zero(0, 6) && (g[6] !== 0 || g[7] > 1)) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return null;
}

export const METADATA_REFUSAL = 'cloud metadata endpoints are not allowed';
export const PRIVATE_REFUSAL = 'a private or link-local address, which this server does not allow';

/** Why this address may not be connected to, or null when it may. */
export function addressRefusal(ip: string, policy: Pick<OutboundPolicy, 'blockPrivate'>): string | null {
  const kind = isIP(ip);
  if (!kind) return 'not an IP address';
  const carried = kind === 6 ? embeddedIPv4(ip) : null;
  const address = carried ?? ip.replace(/%.*$/, '');
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (METADATA.check(address, family)) return METADATA_REFUSAL;
  if (policy.blockPrivate && PRIVATE.check(address, family)) return PRIVATE_REFUSAL;
  return null;
}

/** Whether an address is outside the public internet (used to keep error messages uninformative). */
export function isPrivateAddress(ip: string): boolean {
  return addressRefusal(ip, { blockPrivate: true }) !== null;
}
