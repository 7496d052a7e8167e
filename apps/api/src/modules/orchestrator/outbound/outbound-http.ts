import { Agent, IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SourceError } from '../source-error';
import { GuardedAgents } from '../../../common/outbound/guarded-agent';

export interface HttpRequest {
  headers?: Record<string, string>;
  /** Aborts the request (the collect's deadline). */
  signal: AbortSignal;
  timeoutMs: number;
  /** What the source is called in errors, e.g. "Grafana". */
  what: string;
}

export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** Retries of a 429 or 5xx answer, waiting as the source asks (Retry-After) within this cap. */
const RETRIES = 2;
const MAX_WAIT_MS = 5_000;
/** The largest JSON answer read from a source. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * GETs JSON from a source's REST API through the call's guarded agents (the outbound policy is
 * applied to the address connected to; redirects are never followed), with a timeout per attempt,
 * a bounded retry of 429 and 5xx answers (Retry-After honoured), and errors that say what went
 * wrong without echoing secrets.
 */
export class OutboundHttp {
  private readonly byProtocol = new Map<string, Agent>();

  constructor(private readonly agents: GuardedAgents) {}

  async getJson<T>(url: string | URL, req: HttpRequest): Promise<HttpAnswer<T>> {
    const target = typeof url === 'string' ? new URL(url) : url;
    for (let attempt = 0; ; attempt++) {
      const attemptCtl = linked(req.signal, req.timeoutMs);
      let res: RawAnswer;
      try {
        res = await this.send(target, req.headers ?? {}, attemptCtl.signal);
      } catch (e) {
        if (req.signal.aborted) throw new SourceError('timeout', `${req.what}: the collection's deadline passed`);
        if (attemptCtl.timedOut())
          throw new SourceError('timeout', `${req.what} did not answer within ${req.timeoutMs} ms`);
        if (e instanceof SourceError) throw e;
        const code = (e as { code?: string }).code;
        throw new SourceError('unreachable', `${req.what} is unreachable${code ? ` (${code})` : ''}`);
      } finally {
        attemptCtl.done();
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          return { status: res.status, headers: res.headers, body: JSON.parse(res.body.toString('utf8')) as T };
        } catch {
          throw new SourceError('server', `${req.what} answered with something that is not JSON`);
        }
      }
      const error = httpError(req.what, res);
      if (!error.transient || attempt >= RETRIES) throw error;
      const wait = Math.min(error.retryAfterMs ?? 250 * 2 ** attempt, MAX_WAIT_MS);
      await sleep(wait, req.signal);
    }
  }

  private agent(protocol: string): Agent {
    let a = this.byProtocol.get(protocol);
    if (!a) this.byProtocol.set(protocol, (a = protocol === 'https:' ? this.agents.https() : this.agents.http()));
    return a;
  }

  private send(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<RawAnswer> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return Promise.reject(new SourceError('invalid', `only http and https URLs are allowed, not ${url.protocol}`));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<RawAnswer>((resolve, reject) => {
      const req = request(
        url,
        { agent: this.agent(url.protocol), headers: { Accept: 'application/json', ...headers }, signal },
        (res) => {
          const parts: Buffer[] = [];
          let size = 0;
          res.on('data', (d: Buffer) => {
            size += d.length;
            if (size > MAX_BODY_BYTES) res.destroy(new SourceError('server', 'the answer is larger than 32 MB'));
            else parts.push(d);
          });
          res.on('error', reject);
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), body: Buffer.concat(parts) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

interface RawAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) for (const x of v) h.append(k, x);
    else if (v !== undefined) h.set(k, v);
  }
  return h;
}

/** Maps an HTTP error status to a SourceError. */
export function httpError(what: string, res: { status: number; headers: Headers }): SourceError {
  const s = res.status;
  if (s === 401) return new SourceError('auth', `${what} refused the credentials (401)`);
  if (s === 403) return new SourceError('forbidden', `${what} denied access (403): the token lacks a permission`);
  if (s === 404) return new SourceError('not_found', `${what} answered 404: check the URL, organisation or project`);
  if (s >= 300 && s < 400)
    return new SourceError(
      'invalid',
      `${what} answered ${s}, a redirect, which MOZAIC does not follow: give the final URL`,
    );
  if (s === 429) return new SourceError('rate_limited', `${what} is rate limiting (429)`, retryAfter(res.headers));
  if (s >= 500) return new SourceError('server', `${what} failed (${s})`, retryAfter(res.headers));
  return new SourceError('invalid', `${what} answered ${s}`);
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfter(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * An abort signal for one attempt: fires on the caller's signal or after `ms`, and says which
 * (AbortSignal.any/timeout are avoided: their signals are not accepted across realms, e.g. in jest).
 */
export function linked(parent: AbortSignal, ms: number) {
  const ctl = new AbortController();
  let timedOut = false;
  const onAbort = () => ctl.abort();
  parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, ms);
  timer.unref();
  return {
    signal: ctl.signal,
    timedOut: () => timedOut,
    done: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new SourceError('timeout', 'the collection deadline passed while waiting to retry'));
      },
      { once: true },
    );
  });
}
