import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IncidentEvents } from '../../incidents/processing/incident-events';
import { SignalProcessor } from '../../incidents/processing/signal-processor.service';
import { isSnsHostUrl } from '../verifiers/sns-message';
import { deliverySignals } from './delivery-signals';
import { SnsSubscriptionConfirmer } from './sns-subscription';

interface Row {
  id: string;
  project_id: string;
  source: string;
  kind: string | null;
  body: string;
  status: string;
}

/** A short, safe error text for the row (no stack, no payload). */
export function describeError(e: unknown): string {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return msg.replace(/\s+/g, ' ').slice(0, 500);
}

/**
 * Processes one stored delivery: mapping, correlation and marking it processed happen in one
 * transaction, on a row locked with SKIP LOCKED — so a delivery is processed exactly once however
 * often it is enqueued, and a worker killed midway leaves it pending for the sweeper.
 */
@Injectable()
export class IngestWorker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly processor: SignalProcessor,
    private readonly events: IncidentEvents,
    private readonly subscriptions: SnsSubscriptionConfirmer,
  ) {}

  async handle(eventId: string): Promise<'processed' | 'skipped'> {
    const result = await this.db.transaction(async (m) => {
      const rows: Row[] = await m.query(
        'SELECT id, project_id, source, kind, body, status FROM inbound_events WHERE id = $1 FOR UPDATE SKIP LOCKED',
        [eventId],
      );
      const row = rows[0];
      if (!row || row.status === 'processed') return null;
      const work = deliverySignals({ projectId: row.project_id, source: row.source, kind: row.kind, body: row.body });
      if (work.subscribeUrl) {
        if (!isSnsHostUrl(work.subscribeUrl, false)) throw new Error('SubscribeURL is not an SNS URL');
        await this.subscriptions.confirm(work.subscribeUrl);
      }
      const processed = await this.processor.processIn(m, row.project_id, work.signals);
      await m.query(
        `UPDATE inbound_events SET status = 'processed', processed_at = now(), attempts = attempts + 1,
           signal_count = $2, last_error = NULL WHERE id = $1`,
        [eventId, work.signals.length],
      );
      return { projectId: row.project_id, incidentIds: processed.incidentIds };
    });
    if (!result) return 'skipped';
    this.events.publish(result.projectId, result.incidentIds);
    return 'processed';
  }

  /** Records a failed attempt; after the last one the delivery is kept as failed, for replay. */
  async recordFailure(eventId: string, error: unknown, final: boolean): Promise<void> {
    await this.db.query(
      `UPDATE inbound_events SET attempts = attempts + 1, last_error = $2,
         status = CASE WHEN $3 THEN 'failed' ELSE status END
       WHERE id = $1 AND status <> 'processed'`,
      [eventId, describeError(error), final],
    );
  }
}
