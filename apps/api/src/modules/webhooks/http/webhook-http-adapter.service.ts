import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { WebhookAck } from '@mozaic/contracts';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { ErrorBody, toErrorBody } from '../../../common/filters/error-body';
import { requestIdOf } from '../../../common/http/request-id';
import { SECURITY_HEADERS } from '../../../common/http/security-headers';
import { MetricsRegistry } from '../../../metrics/metrics-registry.service';
import { WebhookIntake } from '../webhook-intake.service';
import { parseByteLimit, WEBHOOK_ROUTE_TEMPLATE, WebhookRoute } from './webhook-route';

/** body-parser's answer for an oversized body, which the rest of the API gives. */
const TOO_LARGE: ErrorBody = { statusCode: 413, error: 'PAYLOAD_TOO_LARGE', message: 'request entity too large' };

/**
 * The webhook hot path (see webhook-fast-path.ts): read the body (within the limit), hand it to the
 * intake (verify, store, enqueue) and answer — without Express routing, body parsers, guards and
 * per-request loggers, which cost more than the delivery's own work at thousands per second.
 * Answers, error bodies, request ids and access log lines are those of the rest of the API.
 */
@Injectable()
export class WebhookHttpAdapter {
  private readonly limit: number;

  constructor(
    private readonly intake: WebhookIntake,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly logger: PinoLogger,
    private readonly metrics: MetricsRegistry,
  ) {
    this.limit = parseByteLimit(config.bodyLimit);
    this.logger.setContext('Webhooks');
  }

  handle(req: IncomingMessage, res: ServerResponse, route: WebhookRoute): void {
    const started = performance.now();
    const id = requestIdOf(req);
    const answer = (status: number, body: object) => this.answer(req, res, id, started, status, body);

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > this.limit) {
      answer(413, TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > this.limit) {
        tooLarge = true;
        chunks.length = 0;
        answer(413, TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      this.intake
        .receive(route.source, route.projectId, {
          raw,
          headers: req.headers,
          query: route.query ? parseQuery(route.query) : {},
          contentType: req.headers['content-type'] ?? '',
        })
        .then(
          (ack: WebhookAck) => answer(ack.status === 'duplicate' ? 200 : 202, ack),
          (e: unknown) => {
            const body = this.failure(e, id);
            answer(body.statusCode, body);
          },
        );
    });
    // A client that goes away mid-body: nothing was stored, nobody to answer.
    req.on('error', () => undefined);
  }

  /** The error's answer, as the exception filter gives it for the rest of the API. */
  private failure(e: unknown, requestId: string): ErrorBody {
    const body = toErrorBody(e);
    if (body.statusCode >= 500) {
      body.request_id = requestId;
      this.logger.error({ err: e, request_id: requestId }, 'Unhandled error');
    }
    return body;
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    started: number,
    status: number,
    body: object,
  ): void {
    if (res.headersSent || res.destroyed) return;
    const payload = JSON.stringify(body);
    const ms = performance.now() - started;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      'X-Request-Id': id,
      'Server-Timing': `app;dur=${ms.toFixed(2)}`,
      // An answer given before the whole body was read (413) must not leave the rest on the connection.
      ...(req.complete ? {} : { Connection: 'close' }),
    });
    res.end(payload);
    const labels = { method: req.method ?? 'POST', route: WEBHOOK_ROUTE_TEMPLATE };
    this.metrics.httpRequests.inc({ ...labels, status: String(status) });
    this.metrics.httpDuration.observe(labels, ms / 1000);
    this.log(req, id, status, ms);
  }

  /** The access log line pino-http writes for the rest of the API; the query (?token=) is left out. */
  private log(req: IncomingMessage, id: string, status: number, ms: number): void {
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (!this.logger.logger.isLevelEnabled(level)) return;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    this.logger[level](
      {
        req: {
          id,
          method: req.method,
          url: q < 0 ? url : url.slice(0, q),
          remoteAddress: req.socket.remoteAddress,
          headers: { 'user-agent': req.headers['user-agent'] },
        },
        res: { statusCode: status },
        responseTime: Math.round(ms),
      },
      'request completed',
    );
  }
}
