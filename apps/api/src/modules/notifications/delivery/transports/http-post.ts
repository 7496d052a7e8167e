import { Agent, request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { OutboundPolicy } from '../../../../common/outbound/address-policy';
import { GuardedAgents } from '../../../../common/outbound/guarded-agent';
import { OutboundRefusedError } from '../../../../common/outbound/guarded-lookup';
import { HttpMessage } from '../messages/message';
import { cutAnswer, DeliveryResult, httpOutcome, retryAfterMs } from './delivery-result';

const MAX_READ = 64 * 1024;
/** Idle kept-alive sockets close after this long. */
const IDLE_MS = 30_000;

const refusedBy = (e: unknown): OutboundRefusedError | null =>
  e instanceof OutboundRefusedError
    ? e
    : (e as { code?: string }).code === 'EOUTBOUNDPOLICY'
      ? (e as OutboundRefusedError)
      : null;

/**
 * POSTs messages to receivers through agents of the outbound policy — the policy judges every
 * address actually connected to (each resolved address, and the socket's peer), and redirects are
 * never followed. Connections are kept alive per origin (a receiver gets many messages in a storm),
 * a kept socket staying on the address that was judged when it connected. Never throws: every
 * ending is a DeliveryResult.
 */
export class HttpPoster {
  private readonly agents: GuardedAgents;
  private readonly byOrigin = new Map<string, Agent>();

  constructor(policy: OutboundPolicy) {
    // Refusals reach each request as its error (see refusedBy); the watcher need not remember them.
    this.agents = new GuardedAgents(policy, {
      refused: () => undefined,
      stray: () => undefined,
      target: () => undefined,
    });
  }

  async post(msg: HttpMessage, timeoutMs: number): Promise<DeliveryResult> {
    const started = Date.now();
    const done = (r: Omit<DeliveryResult, 'durationMs'>): DeliveryResult => ({
      ...r,
      durationMs: Date.now() - started,
    });
    try {
      const url = new URL(msg.url);
      const https = url.protocol === 'https:';
      const res = await new Promise<{ status: number; body: string; retryAfter?: string }>((resolve, reject) => {
        const req = (https ? httpsRequest : httpRequest)(
          url,
          {
            method: 'POST',
            agent: this.agent(url),
            headers: { ...msg.headers, 'Content-Length': Buffer.byteLength(msg.body).toString() },
            timeout: timeoutMs,
          },
          (r: IncomingMessage) => {
            const parts: Buffer[] = [];
            let size = 0;
            r.on('data', (d: Buffer) => {
              if (size < MAX_READ) parts.push(d);
              size += d.length;
            });
            r.on('error', reject);
            r.on('end', () =>
              resolve({
                status: r.statusCode ?? 0,
                body: Buffer.concat(parts).toString('utf8').slice(0, MAX_READ),
                retryAfter: r.headers['retry-after'],
              }),
            );
          },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(msg.body);
      });
      const outcome = httpOutcome(res.status);
      const answer =
        res.status >= 300 && res.status < 400 ? `${res.status}: a redirect, which MOZAIC does not follow` : res.body;
      return done({
        outcome,
        status: res.status,
        answer: cutAnswer(answer || `HTTP ${res.status}`),
        retryAfterMs: retryAfterMs(res.retryAfter),
      });
    } catch (e) {
      const refused = refusedBy(e);
      if (refused)
        return done({
          outcome: 'failed',
          status: null,
          answer: cutAnswer(`refused by the outbound policy: ${refused.reason}`),
        });
      const err = e as NodeJS.ErrnoException;
      return done({ outcome: 'retry', status: null, answer: cutAnswer(`unreachable: ${err.code ?? err.message}`) });
    }
  }

  /** Closes every kept connection. */
  close(): void {
    this.agents.destroy();
    this.byOrigin.clear();
  }

  private agent(url: URL): Agent {
    let a = this.byOrigin.get(url.origin);
    if (!a) {
      const opts = { keepAlive: true, timeout: IDLE_MS, maxSockets: 32 };
      a = url.protocol === 'https:' ? this.agents.https(opts) : this.agents.http(opts);
      this.byOrigin.set(url.origin, a);
    }
    return a;
  }
}
