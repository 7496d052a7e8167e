import { lookup as dnsLookup, LookupAddress, LookupAllOptions, LookupOptions } from 'node:dns';
import { LookupFunction } from 'node:net';
import { addressRefusal, OutboundPolicy } from './address-policy';

/** A connection the outbound policy refused; `code` lets any SDK's error wrapper keep it recognisable. */
export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDPOLICY';
  constructor(
    readonly target: string,
    readonly reason: string,
  ) {
    super(`${target}: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  cb: (e: Error | null, a: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net/tls.connect that resolves a name once and judges every address it resolves to
 * before the socket connects (`onResolved` hears each), so a name that answers differently on a second look (DNS rebinding)
 * cannot slip past a check made earlier. `onRefused` hears every refusal.
 */
export function guardedLookup(
  policy: Pick<OutboundPolicy, 'blockPrivate'>,
  onRefused: (e: OutboundRefusedError) => void,
  onResolved: (address: string) => void = () => undefined,
  resolve: Resolver = dnsLookup as unknown as Resolver,
): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (...args: never[]) => void) => {
    const cb = callback as unknown as (e: Error | null, a?: string | LookupAddress[], f?: number) => void;
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err);
      for (const a of addresses) {
        onResolved(a.address);
        const reason = addressRefusal(a.address, policy);
        if (reason) {
          const refused = new OutboundRefusedError(hostname, reason);
          onRefused(refused);
          return cb(refused);
        }
      }
      if (options.all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }));
      cb(null, first.address, first.family);
    });
  };
}
