import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { SourceError } from '../source-error';
import {
  addressRefusal,
  METADATA_HOSTS,
  METADATA_REFUSAL,
  OutboundPolicy,
} from '../../../common/outbound/address-policy';

/**
 * Checks a URL a user gave, early, for a clear message: http(s) only, no credentials in it, no
 * metadata endpoint, and no refused address among those the name resolves to now. This is advice,
 * not the enforcement: the guarded agents judge the address actually connected to (guarded-agent.ts).
 */
export async function checkOutboundUrl(raw: string, policy: Pick<OutboundPolicy, 'blockPrivate'>): Promise<URL> {
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
  if (METADATA_HOSTS.includes(host)) throw new SourceError('invalid', METADATA_REFUSAL);
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
    const reason = addressRefusal(ip, policy);
    if (reason) throw new SourceError('invalid', reason === METADATA_REFUSAL ? reason : `${host} is ${reason}`);
  }
  return url;
}
