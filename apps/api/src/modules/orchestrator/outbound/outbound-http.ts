import { Injectable } from '@nestjs/common';
import { SourceError } from '../source-error';

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

/**
 * GETs JSON from a source's REST API with a timeout per attempt, a bounded retry of 429 and 5xx
 * answers (Retry-After honoured), and errors that say what went wrong without echoing secrets.
 */
@Injectable()
export class OutboundHttp {
  async getJson<T>(url: string | URL, req: HttpRequest): Promise<HttpAnswer<T>> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      const attemptCtl = linked(req.signal, req.timeoutMs);
      try {
        res = await fetch(url, {
          headers: { Accept: 'application/json', ...req.headers },
          signal: attemptCtl.signal,
          redirect: 'error',
        });
      } catch (e) {
        if (req.signal.aborted) throw new SourceError('timeout', `${req.what}: the collection's deadline passed`);
        if (attemptCtl.timedOut())
          throw new SourceError('timeout', `${req.what} did not answer within ${req.timeoutMs} ms`);
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        throw new SourceError('unreachable', `${req.what} is unreachable${cause ? ` (${cause})` : ''}`);
      } finally {
        attemptCtl.done();
      }
      if (res.ok) {
        try {
          return { status: res.status, headers: res.headers, body: (await res.json()) as T };
        } catch {
          throw new SourceError('server', `${req.what} answered with something that is not JSON`);
        }
      }
      await res.body?.cancel().catch(() => undefined);
      const error = httpError(req.what, res);
      if (!error.transient || attempt >= RETRIES) throw error;
      const wait = Math.min(error.retryAfterMs ?? 250 * 2 ** attempt, MAX_WAIT_MS);
      await sleep(wait, req.signal);
    }
  }
}

/** Maps an HTTP error status to a SourceError. */
export function httpError(what: string, res: { status: number; headers: Headers }): SourceError {
  const s = res.status;
  if (s === 401) return new SourceError('auth', `${what} refused the credentials (401)`);
  if (s === 403) return new SourceError('forbidden', `${what} denied access (403): the token lacks a permission`);
  if (s === 404) return new SourceError('not_found', `${what} answered 404: check the URL, organisation or project`);
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
