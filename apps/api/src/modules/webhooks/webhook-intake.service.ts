import { Injectable, Logger } from '@nestjs/common';
import { WebhookAck } from '@mozaic/contracts';
import {
  AuthenticationError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../../common/errors';
import { isUuid } from '../../common/ids/uuid';
import { sha256Hex } from '../../common/crypto/digest';
import { sqlState } from '../../database/sql-state';
import { cleanText } from '../../common/json/clean';
import { HeartbeatLedger } from './heartbeats/heartbeat-ledger.service';
import { MetricsRegistry } from '../../metrics/metrics-registry.service';
import { IngestQueue } from './ingest/ingest-queue';
import { DeliveryWriter } from './ingest/delivery-writer.service';
import { Delivery, Verified, WebhookVerifier } from './webhook-verifier.service';
import { WebhookSettingsService, WebhookSource } from './webhook-settings.service';

/** Headers kept with a delivery for audit; never authorization or signatures. */
const AUDIT_HEADERS = [
  'content-type',
  'user-agent',
  'request-id',
  'sentry-hook-resource',
  'sentry-hook-timestamp',
  'x-amz-sns-message-type',
  'x-amz-sns-message-id',
  'x-amz-sns-topic-arn',
  'x-grafana-alerting-timestamp',
];

/**
 * Receives a delivery: checks the project and the sender's proof, stores the raw delivery in
 * PostgreSQL, and only then answers; the queue is told afterwards (the sweeper catches up if not).
 */
@Injectable()
export class WebhookIntake {
  private readonly logger = new Logger(WebhookIntake.name);

  constructor(
    private readonly writer: DeliveryWriter,
    private readonly settings: WebhookSettingsService,
    private readonly verifier: WebhookVerifier,
    private readonly queue: IngestQueue,
    private readonly heartbeats: HeartbeatLedger,
    private readonly metrics: MetricsRegistry,
  ) {}

  async receive(source: WebhookSource, projectId: string, delivery: Delivery): Promise<WebhookAck> {
    try {
      const ack = await this.store(source, projectId, delivery);
      this.metrics.deliveries.inc({ source, outcome: ack.status });
      return ack;
    } catch (e) {
      const status = e instanceof DomainError ? e.status : 500;
      this.metrics.deliveries.inc({ source, outcome: status >= 500 ? 'failed' : 'refused' });
      throw e;
    }
  }

  private async store(source: WebhookSource, projectId: string, delivery: Delivery): Promise<WebhookAck> {
    if (!isUuid(projectId)) throw new NotFoundError('Project');
    const verified = await this.verify(source, projectId, delivery);
    const headers: Record<string, string> = {};
    for (const h of AUDIT_HEADERS) {
      const v = delivery.headers[h];
      if (typeof v === 'string') headers[h] = cleanText(v.slice(0, 500));
    }
    const body = delivery.raw.toString('utf8');
    const stored = await this.guard(() =>
      this.writer.write({
        projectId,
        source,
        kind: verified.kind === null ? null : cleanText(verified.kind),
        dedupKey: verified.dedupKey,
        headers,
        body,
      }),
    );
    // A heartbeat proves its sender alive even in a repeat (duplicate) delivery.
    await this.guard(() => this.heartbeats.heard(projectId, source, body));
    if (!stored.created) return { id: stored.id, status: 'duplicate' };
    this.queue.enqueue(stored.id);
    return { id: stored.id, status: 'accepted' };
  }

  /**
   * Stores a delivery whose sender another route has already authenticated (the Alertmanager API's
   * POST /api/v2/alerts, with its own token) exactly as a webhook's: stored, then enqueued.
   */
  async receiveTrusted(projectId: string, source: WebhookSource, kind: string, body: string): Promise<WebhookAck> {
    const stored = await this.guard(() =>
      this.writer.write({ projectId, source, kind, dedupKey: `sha:${sha256Hex(body)}`, headers: {}, body }),
    );
    if (!stored.created) return { id: stored.id, status: 'duplicate' };
    this.queue.enqueue(stored.id);
    return { id: stored.id, status: 'accepted' };
  }

  /**
   * Checks the sender's proof against the project's (briefly cached) secrets; a refusal is checked
   * once more against fresh ones, so a secret set a moment ago, on any replica, is honoured at once.
   */
  private async verify(source: WebhookSource, projectId: string, delivery: Delivery): Promise<Verified> {
    for (const fresh of [false, true]) {
      const secrets = await this.guard(() => this.settings.secretsFor(projectId, fresh));
      if (!secrets) {
        if (fresh) throw new NotFoundError('Project');
        continue;
      }
      try {
        return await this.verifier.verify(source, delivery, secrets);
      } catch (e) {
        if (fresh || !(e instanceof AuthenticationError)) throw e;
      }
    }
    throw new NotFoundError('Project');
  }

  /** Anything but a domain error from the database means it is unavailable: 503, so the sender retries. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      const code = sqlState(e);
      if (code) {
        // 23503: the project was deleted a moment ago.
        if (code === '23503') throw new NotFoundError('Project');
        // Class 22: the data itself (e.g. a NUL byte) cannot be stored; resending will not help.
        if (code.startsWith('22')) throw new InvalidInputError('The body contains characters that cannot be stored');
      }
      this.logger.warn({ err: e }, 'webhook storage failed');
      throw new UnavailableError('Storage is unavailable; retry later');
    }
  }
}
