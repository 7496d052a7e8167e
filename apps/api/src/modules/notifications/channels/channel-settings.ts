import { randomBytes } from 'node:crypto';
import { ChannelType } from '@mozaic/contracts';
import { InvalidInputError } from '../../../common/errors';

/** A channel's settings split for storage: plain ones, secrets (encrypted) and the secrets' masks. */
export interface ParsedSettings {
  settings: Record<string, string | string[]>;
  secrets: Record<string, string>;
  hints: Record<string, string>;
}

/** What a channel needs at send time: its plain settings and its decrypted secrets. */
export type ChannelSecrets = Record<string, string>;

const EMAIL = /^[^\s@<>,;"]{1,64}@[^\s@<>,;"]{1,255}$/;
const KEY = /^[A-Za-z0-9_-]{8,128}$/;
const MAX_RECIPIENTS = 20;

export const DEFAULT_PAGERDUTY_URL = 'https://events.pagerduty.com/v2/enqueue';
export const DEFAULT_OPSGENIE_URL = 'https://api.opsgenie.com';

type Raw = Record<string, unknown>;

function url(raw: Raw, name: string, required: boolean): string | undefined {
  const v = raw[name];
  if (v === undefined || v === '') {
    if (required) throw new InvalidInputError(`settings.${name} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || v.length > 2000) throw new InvalidInputError(`settings.${name} must be a URL`);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new InvalidInputError(`settings.${name} must be a URL such as https://hooks.example.com/…`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new InvalidInputError(`settings.${name} must be an http(s) URL`);
  if (u.username || u.password) throw new InvalidInputError(`settings.${name} must not carry a user or password`);
  return u.toString();
}

function key(raw: Raw, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !KEY.test(v.trim()))
    throw new InvalidInputError(`settings.${name} must be 8 to 128 letters, digits, '-' or '_'`);
  return v.trim();
}

function recipients(raw: Raw): string[] {
  const v = raw['to'];
  const list = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : null;
  if (!list || list.length === 0) throw new InvalidInputError('settings.to must list at least one email address');
  if (list.length > MAX_RECIPIENTS)
    throw new InvalidInputError(`settings.to may list at most ${MAX_RECIPIENTS} addresses`);
  return list.map((x) => {
    const a = typeof x === 'string' ? x.trim() : '';
    if (!EMAIL.test(a))
      throw new InvalidInputError(`settings.to: "${String(x).slice(0, 100)}" is not an email address`);
    return a;
  });
}

/** A secret URL shown as its origin and last four characters. */
export function maskUrl(u: string): string {
  const parsed = new URL(u);
  return `${parsed.origin}/…${u.slice(-4)}`;
}

export const maskKey = (k: string) => (k.length >= 12 ? `••••${k.slice(-4)}` : '••••');

/**
 * Validates a channel's settings for its type and splits them. On an update, `previous` holds the
 * stored secrets: a secret left out is kept. A generic webhook gets a signing secret made here.
 */
export function parseSettings(type: ChannelType, raw: Raw, previous: ChannelSecrets = {}): ParsedSettings {
  const secrets: Record<string, string> = {};
  const settings: Record<string, string | string[]> = {};
  const hints: Record<string, string> = {};
  const secretUrl = (name: string) => {
    const v = url(raw, name, previous[name] === undefined) ?? previous[name];
    secrets[name] = v;
    hints[name] = maskUrl(v);
  };
  const secretKey = (name: string) => {
    const v = key(raw, name) ?? previous[name];
    if (!v) throw new InvalidInputError(`settings.${name} is required`);
    secrets[name] = v;
    hints[name] = maskKey(v);
  };
  switch (type) {
    case 'slack':
    case 'teams':
      secretUrl('url');
      break;
    case 'webhook':
      secretUrl('url');
      secrets['signing_secret'] = previous['signing_secret'] ?? `whsec_${randomBytes(24).toString('base64url')}`;
      hints['signing_secret'] = maskKey(secrets['signing_secret']);
      break;
    case 'email':
      settings['to'] = recipients(raw);
      break;
    case 'pagerduty':
      secretKey('routing_key');
      settings['url'] = url(raw, 'url', false) ?? DEFAULT_PAGERDUTY_URL;
      break;
    case 'opsgenie':
      secretKey('api_key');
      settings['url'] = (url(raw, 'url', false) ?? DEFAULT_OPSGENIE_URL).replace(/\/+$/, '');
      break;
  }
  const known = new Set([...Object.keys(settings), ...Object.keys(secrets)]);
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length) throw new InvalidInputError(`settings.${unknown[0]} is not a setting of a ${type} channel`);
  return { settings, secrets, hints };
}
