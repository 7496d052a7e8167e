import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Signal } from '@mozaic/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { IncidentEvents } from '../../incidents/processing/incident-events.service';
import { SignalProcessor } from '../../incidents/processing/signal-processor.service';
import { isSnsHostUrl } from '@mozaic/sources';
import { DeliveryWork, deliverySignals } from './delivery-signals';
import { MAX_ATTEMPTS } from './ingest-queue';
import { SnsSubscriptionConfirmer } from './sns-subscription.service';
import { MetricsRegistry } from '../../../metrics/metrics-registry.service';

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

/** Pending deliveries of the same project taken along with the one a job names. */
const BATCH = 250;
/** Ids this process processed in a batch lately: their own jobs end without a round trip. */
const RECENT_MAX = 200_000;

/**
 * Processes stored deliveries: mapping, correlation and marking them processed happen in one
 * transaction, on rows locked with SKIP LOCKED — so a delivery is processed exactly once however
 * often it is enqueued, and a worker killed midway leaves it pending for the sweeper. A job takes
 * along the other pending deliveries of its project (their own jobs then find them processed), so
 * a burst costs one correlation pass per batch, not per delivery; if a batch fails, the job's own
 * delivery is processed alone, so one bad delivery never fails another.
 */
@Injectable()
export class IngestWorker {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly processor: SignalProcessor,
    private readonly events: IncidentEvents,
    private readonly subscriptions: SnsSubscriptionConfirmer,
    private readonly metrics: MetricsRegistry,
  ) {}

  private recent = new Set<string>();

  async handle(eventId: string): Promise<'processed' | 'skipped'> {
    if (this.recent.delete(eventId)) return 'skipped';
    const done = this.metrics.jobDuration.startTimer({ queue: 'ingest' });
    try {
      return await this.handleOnce(eventId);
    } finally {
      done();
    }
  }

  private async handleOnce(eventId: string): Promise<'processed' | 'skipped'> {
    let result: { projectId: string; incidentIds: string[]; batchIds: string[] } | null;
    try {
      result = await this.db.transaction((m) => this.processIn(m, eventId, BATCH));
    } catch {
      result = await this.db.transaction((m) => this.processIn(m, eventId, 1));
    }
    if (!result) return 'skipped';
    if (this.recent.size > RECENT_MAX) this.recent = new Set();
    for (const id of result.batchIds) if (id !== eventId) this.recent.add(id);
    this.events.publish(result.projectId, result.incidentIds);
    return 'processed';
  }

  private async processIn(m: EntityManager, eventId: string, batch: number) {
    const rows: Row[] = await m.query(
      'SELECT id, project_id, source, kind, body, status FROM inbound_events WHERE id = $1 FOR UPDATE SKIP LOCKED',
      [eventId],
    );
    const row = rows[0];
    if (!row || row.status === 'processed') return null;
    const others: Row[] =
      batch > 1
        ? await m.query(
            // From this delivery on (ids are time-ordered): earlier pending ones have jobs of their own,
            // and the index entries that processed rows leave behind stay unread.
            `SELECT id, project_id, source, kind, body, status FROM inbound_events
             WHERE project_id = $1 AND status = 'pending' AND id > $2
             ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
            [row.project_id, eventId, batch - 1],
          )
        : [];
    const taken: Array<{ id: string; signals: Signal[] }> = [];
    for (const r of [row, ...others]) {
      const own = r === row;
      let work: DeliveryWork;
      try {
        work = deliverySignals({ projectId: r.project_id, source: r.source, kind: r.kind, body: r.body });
      } catch (e) {
        if (own) throw e;
        continue; // left pending for its own job, which records the error
      }
      if (work.subscribeUrl) {
        if (!own) continue; // handshakes only on their own job
        if (!isSnsHostUrl(work.subscribeUrl, false)) throw new Error('SubscribeURL is not an SNS URL');
        await this.subscriptions.confirm(work.subscribeUrl);
      }
      taken.push({ id: r.id, signals: work.signals });
    }
    const processed = await this.processor.processIn(
      m,
      row.project_id,
      taken.flatMap((t) => t.signals),
    );
    // A CTE, so the driver returns the rows: each delivery's time from receipt to now, for the lag metric.
    const lags: Array<{ s: number }> = await m.query(
      `WITH u AS (
         UPDATE inbound_events e SET status = 'processed', processed_at = clock_timestamp(), attempts = attempts + 1,
           signal_count = t.n, last_error = NULL
         FROM unnest($1::uuid[], $2::int[]) AS t(id, n) WHERE e.id = t.id
         RETURNING extract(epoch FROM e.processed_at - e.received_at)::float8 AS s)
       SELECT s FROM u`,
      [taken.map((t) => t.id), taken.map((t) => t.signals.length)],
    );
    for (const l of lags) this.metrics.processingLag.observe(Math.max(0, l.s));
    return { projectId: row.project_id, incidentIds: processed.incidentIds, batchIds: taken.map((t) => t.id) };
  }

  /**
   * Records a failed attempt. After the queue's last attempt, or once MAX_ATTEMPTS failures are on
   * record (a delivery skipped by one job and swept again counts its failures across jobs), the
   * delivery is kept as failed, for replay. Returns whether it now is.
   */
  async recordFailure(eventId: string, error: unknown, final: boolean): Promise<boolean> {
    const rows: Array<{ status: string }> = await this.db.query(
      // A CTE, so the driver returns the rows (a bare UPDATE comes back as [rows, count]).
      `WITH u AS (
         UPDATE inbound_events SET attempts = attempts + 1, last_error = $2,
           status = CASE WHEN $3 OR attempts + 1 >= $4 THEN 'failed' ELSE status END
         WHERE id = $1 AND status <> 'processed'
         RETURNING status)
       SELECT status FROM u`,
      [eventId, describeError(error), final, MAX_ATTEMPTS],
    );
    return rows[0]?.status === 'failed';
  }
}
