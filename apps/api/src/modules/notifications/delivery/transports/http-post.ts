import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { OutboundPolicy } from '../../../../common/outbound/address-policy';
import { GuardedAgents } from '../../../../common/outbound/guarded-agent';
import { OutboundRefusedError } from '../../../../common/outbound/guarded-lookup';
import { HttpMessage } from '../messages/message';
import { cutAnswer, DeliveryResult, httpOutcome, retryAfterMs } from './delivery-result';

const MAX_READ = 64 * 1024;

/**
 * POSTs one message through agents of the outbound policy, made for this request alone (so a
 * refusal is this request's, and no socket outlives it): the policy judges every address actually
 * connected to, redirects are never followed. Never throws: every ending is a DeliveryResult.
 */
export async function postMessage(
  msg: HttpMessage,
  policy: OutboundPolicy,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const started = Date.now();
  let refusal: OutboundRefusedError | null = null;
  const agents = new GuardedAgents(policy, {
    refused: (e) => (refusal ??= e),
    stray: () => undefined,
    target: () => undefined,
  });
  const done = (r: Omit<DeliveryResult, 'durationMs'>): DeliveryResult => ({ ...r, durationMs: Date.now() - started });
  try {
    const url = new URL(msg.url);
    const https = url.protocol === 'https:';
    const res = await new Promise<{ status: number; body: string; retryAfter?: string }>((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: https ? agents.https() : agents.http(),
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
    const refused = refusal as OutboundRefusedError | null;
    if (refused)
      return done({
        outcome: 'failed',
        status: null,
        answer: cutAnswer(`refused by the outbound policy: ${refused.reason}`),
      });
    const err = e as NodeJS.ErrnoException;
    return done({ outcome: 'retry', status: null, answer: cutAnswer(`unreachable: ${err.code ?? err.message}`) });
  } finally {
    agents.destroy();
  }
}
