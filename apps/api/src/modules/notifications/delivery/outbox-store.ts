import { NotificationBody } from '@mozaic/contracts';
import { DataSource } from 'typeorm';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';
import { DeliveryResult } from './transports/delivery-result';

/** What sending needs of a channel. */
export type SendingChannel = Pick<
  NotificationChannelEntity,
  'id' | 'projectId' | 'type' | 'enabled' | 'settings' | 'secretsEncrypted'
>;

/** The head of a chain, leased for sending. */
export interface Head {
  id: string;
  channel_id: string;
  incident_id: string;
  attempts: number;
  body: NotificationBody;
}

/** A chain: one channel's notifications of one incident. */
export interface ChainKey {
  channelId: string;
  incidentId: string;
}

/** An attempt's outcome as stored: the notification's new status, and when to try again. */
export interface Outcome {
  head: Head;
  result: DeliveryResult;
  status: 'sent' | 'pending' | 'failed';
  retryInMs: number;
}

/**
 * The sender's statements on the outbox, each one statement for a whole batch (a storm commits
 * hundreds of notifications at once): lease the heads of chains, read their channels, and record
 * attempts and outcomes.
 */
export class OutboxStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Leases the head of each chain — those of the given notifications, or the given chains — that is
   * due and not being sent. Two workers running this at once never lease the same row: the UPDATE
   * re-checks the lease on the row it locks.
   */
  async lease(of: { ids: string[] } | { chains: ChainKey[] }, leaseMs: number): Promise<Head[]> {
    const chains =
      'ids' in of
        ? 'SELECT DISTINCT channel_id, incident_id FROM notifications WHERE id = ANY($1::uuid[])'
        : 'SELECT * FROM unnest($1::uuid[], $3::uuid[]) AS c(channel_id, incident_id)';
    const params =
      'ids' in of
        ? [of.ids, leaseMs / 1000]
        : [of.chains.map((c) => c.channelId), leaseMs / 1000, of.chains.map((c) => c.incidentId)];
    const [rows]: [Head[], number] = await this.db.query(
      `WITH chain AS (${chains}),
       head AS (
         SELECT DISTINCT ON (n.channel_id, n.incident_id) n.id
         FROM notifications n JOIN chain c ON n.channel_id = c.channel_id AND n.incident_id = c.incident_id
         WHERE n.status = 'pending' ORDER BY n.channel_id, n.incident_id, n.seq
       )
       UPDATE notifications n SET lease_until = now() + make_interval(secs => $2), attempts = n.attempts + 1
       FROM head WHERE n.id = head.id AND n.due_at <= now() AND (n.lease_until IS NULL OR n.lease_until < now())
       RETURNING n.id, n.channel_id, n.incident_id, n.attempts, n.body`,
      params,
    );
    return rows;
  }

  async channels(ids: string[]): Promise<Map<string, SendingChannel>> {
    const rows = await this.db
      .getRepository(NotificationChannelEntity)
      .createQueryBuilder('c')
      .select(['c.id', 'c.projectId', 'c.type', 'c.enabled', 'c.settings', 'c.secretsEncrypted'])
      .where('c.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** Records every attempt, every outcome and each channel's latest result — one statement, so atomic. */
  async record(outcomes: Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const latest = new Map<string, DeliveryResult>();
    for (const o of outcomes) latest.set(o.head.channel_id, o.result);
    const at = new Date().toISOString();
    await this.db.query(
      `WITH o AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::varchar[], $4::varchar[], $5::int[], $6::varchar[], $7::float8[])
           AS o(id, status, outcome, answer, duration_ms, new_status, retry_s)
       ), attempts AS (
         INSERT INTO notification_attempts (notification_id, status, outcome, answer, duration_ms)
         SELECT id, status, outcome, answer, duration_ms FROM o
       ), outcomes AS (
         UPDATE notifications n SET status = o.new_status, lease_until = NULL,
           sent_at = CASE WHEN o.new_status = 'sent' THEN now() END,
           last_error = CASE WHEN o.new_status = 'sent' THEN NULL ELSE o.answer END,
           due_at = CASE WHEN o.new_status = 'pending' THEN now() + make_interval(secs => o.retry_s) ELSE n.due_at END
         FROM o WHERE n.id = o.id
       )
       UPDATE notification_channels c SET last_result = l.result
       FROM unnest($8::uuid[], $9::jsonb[]) AS l(id, result) WHERE c.id = l.id`,
      [
        outcomes.map((o) => o.head.id),
        outcomes.map((o) => o.result.status),
        outcomes.map((o) => (o.status === 'failed' ? 'failed' : o.result.outcome)),
        outcomes.map((o) => o.result.answer),
        outcomes.map((o) => o.result.durationMs),
        outcomes.map((o) => o.status),
        outcomes.map((o) => o.retryInMs / 1000),
        [...latest.keys()],
        [...latest.values()].map((r) =>
          JSON.stringify({ at, ok: r.outcome === 'sent', status: r.status, answer: r.answer }),
        ),
      ],
    );
  }
}
