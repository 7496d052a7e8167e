/** Why a source call failed, in words an operator can act on. */
export type SourceErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'unreachable'
  | 'timeout'
  | 'invalid';

/** Kinds worth retrying soon; the others need someone to change a setting. */
const TRANSIENT: SourceErrorKind[] = ['rate_limited', 'server', 'unreachable', 'timeout'];

/** A failure of a source, with a message safe to store and show (no secrets, no stack). */
export class SourceError extends Error {
  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }

  get transient(): boolean {
    return TRANSIENT.includes(this.kind);
  }
}

const SECRETISH = /((?:token|secret|password|key|authorization|signature|credential)[^=:\s]*[=:]\s*)\S+/gi;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const AWS_KEY = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;

/** Any error → one short line for `last_error`: the kind and message, with anything secret-like masked. */
export function describeSourceError(e: unknown, secrets: string[] = []): string {
  let msg: string;
  if (e instanceof SourceError) msg = e.message;
  else if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) msg = 'timed out';
  else if (e instanceof Error) msg = `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  else msg = String(e);
  for (const s of secrets) if (s && s.length >= 4) msg = msg.split(s).join('••••');
  return msg
    .replace(BEARER, '$1 ••••')
    .replace(SECRETISH, '$1••••')
    .replace(AWS_KEY, '$1••••')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}
