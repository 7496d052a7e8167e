import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WebhookAck } from '@mozaic/contracts';
import { DataSource, QueryFailedError } from 'typeorm';
import { DomainError, InvalidInputError, NotFoundError, UnavailableError } from '../../common/errors';
import { cleanText } from '../../common/json/clean';
import { IngestQueue } from './ingest/ingest-queue';
import { Delivery, WebhookVerifier } from './webhook-verifier';
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: WebhookSettingsService,
    private readonly verifier: WebhookVerifier,
    private readonly queue: IngestQueue,
  ) {}

  async receive(source: WebhookSource, projectId: string, delivery: Delivery): Promise<WebhookAck> {
    const secrets = await this.guard(() => this.settings.secretsFor(projectId));
    if (!secrets) throw new NotFoundError('Project');
    const verified = await this.verifier.verify(source, delivery, secrets);
    const headers: Record<string, string> = {};
    for (const h of AUDIT_HEADERS) {
      const v = delivery.headers[h];
      if (typeof v === 'string') headers[h] = cleanText(v.slice(0, 500));
    }
    const inserted: Array<{ id: string }> = await this.guard(() =>
      this.db.query(
        `INSERT INTO inbound_events (project_id, source, kind, dedup_key, headers, body)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (project_id, source, dedup_key) DO NOTHING
         RETURNING id`,
        [
          projectId,
          source,
          verified.kind === null ? null : cleanText(verified.kind),
          verified.dedupKey,
          headers,
          delivery.raw.toString('utf8'),
        ],
      ),
    );
    if (inserted.length) {
      this.queue.enqueue(inserted[0].id);
      return { id: inserted[0].id, status: 'accepted' };
    }
    const existing: Array<{ id: string }> = await this.guard(() =>
      this.db.query('SELECT id FROM inbound_events WHERE project_id = $1 AND source = $2 AND dedup_key = $3', [
        projectId,
        source,
        verified.dedupKey,
      ]),
    );
    return { id: existing[0]?.id ?? '', status: 'duplicate' };
  }

  /** Anything but a domain error from the database means it is unavailable: 503, so the sender retries. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof DomainError) throw e;
      if (e instanceof QueryFailedError) {
        const code = (e.driverError as { code?: string }).code ?? '';
        if (/invalid input syntax for type uuid/.test(e.message)) throw new NotFoundError('Project');
        // Class 22: the data itself (e.g. a NUL byte) cannot be stored; resending will not help.
        if (code.startsWith('22')) throw new InvalidInputError('The body contains characters that cannot be stored');
      }
      this.logger.warn({ err: e }, 'webhook storage failed');
      throw new UnavailableError('Storage is unavailable; retry later');
    }
  }
}
