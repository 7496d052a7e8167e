import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationBody } from '@mozaic/contracts';
import { DataSource } from 'typeorm';
import { CredentialCipher } from '../../../common/crypto/credential-cipher.service';
import { OutboundPolicy } from '../../../common/outbound/address-policy';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { ChannelSecrets } from '../channels/channel-settings';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';
import { RENDERERS } from './messages/renderers';
import { QueuedNotification } from './notify-queue';
import { DeliveryResult } from './transports/delivery-result';
import { postMessage } from './transports/http-post';
import { SmtpMailer } from './transports/smtp-mailer.service';

interface Head {
  id: string;
  channel_id: string;
  attempts: number;
  body: NotificationBody;
}

/** What handling a wake-up did: messages delivered, and the retry to schedule, if one is due later. */
export interface HandleResult {
  sent: number;
  retry?: QueuedNotification;
}

const MAX_CHAIN = 100;
const MAX_BACKOFF_MS = 600_000;
const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * Delivers notifications. A wake-up for one notification walks its chain (the same channel and
 * incident) in commit order: it takes the head under a lease, sends it, records the attempt and
 * the outcome, and goes on until the chain is empty or its head must wait (a retry later). Two
 * workers never send the same notification at once (the lease), and one killed mid-send leaves the
 * lease to expire: the notification is then sent again, once.
 */
@Injectable()
export class NotificationSender {
  private readonly policy: OutboundPolicy;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly mailer: SmtpMailer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { blockPrivate: config.sources.blockPrivateAddresses, socketAllowlist: [] };
    this.timeoutMs = config.notifications.timeoutMs;
    this.maxAttempts = config.notifications.maxAttempts;
  }

  async handle(notificationId: string): Promise<HandleResult> {
    const [row]: Array<{ channel_id: string; incident_id: string }> = await this.db.query(
      'SELECT channel_id, incident_id FROM notifications WHERE id = $1',
      [notificationId],
    );
    if (!row) return { sent: 0 };
    let sent = 0;
    for (let i = 0; i < MAX_CHAIN; i++) {
      const head = await this.claim(row.channel_id, row.incident_id);
      if (!head) break;
      const channel = await this.db
        .getRepository(NotificationChannelEntity)
        .findOne({ where: { id: head.channel_id } });
      const result = channel
        ? await this.deliver(channel, head.body)
        : { outcome: 'failed' as const, status: null, answer: 'the channel was deleted', durationMs: 0 };
      const retry = await this.record(head, result);
      if (retry) return { sent, retry };
      if (result.outcome === 'sent') sent++;
    }
    return { sent };
  }

  /** Renders and sends one body to a channel; never throws. */
  async deliver(channel: NotificationChannelEntity, body: NotificationBody): Promise<DeliveryResult> {
    if (!channel.enabled) return { outcome: 'failed', status: null, answer: 'the channel is disabled', durationMs: 0 };
    const secrets = this.cipher.decrypt<ChannelSecrets>(channel.secretsEncrypted);
    const msg = RENDERERS[channel.type](body, channel.settings, secrets, Math.floor(Date.now() / 1000));
    return msg.kind === 'mail' ? this.mailer.send(msg) : postMessage(msg, this.policy, this.timeoutMs);
  }

  /** The chain's head, if it is due and nobody is sending it; leased to this worker. */
  private async claim(channelId: string, incidentId: string): Promise<Head | null> {
    const leaseMs = this.timeoutMs * 2 + 5_000;
    const [rows]: [Head[], number] = await this.db.query(
      `WITH head AS (
         SELECT id FROM notifications
         WHERE channel_id = $1 AND incident_id = $2 AND status = 'pending' ORDER BY seq LIMIT 1
       )
       UPDATE notifications n SET lease_until = now() + make_interval(secs => $3), attempts = n.attempts + 1
       FROM head WHERE n.id = head.id AND n.due_at <= now() AND (n.lease_until IS NULL OR n.lease_until < now())
       RETURNING n.id, n.channel_id, n.attempts, n.body`,
      [channelId, incidentId, leaseMs / 1000],
    );
    return rows[0] ?? null;
  }

  /** Records an attempt and its outcome; returns the retry to schedule, if any. */
  private async record(head: Head, r: DeliveryResult): Promise<QueuedNotification | undefined> {
    const giveUp = r.outcome === 'failed' || (r.outcome === 'retry' && head.attempts >= this.maxAttempts);
    const delayMs =
      r.outcome === 'retry' && !giveUp
        ? Math.min(r.retryAfterMs ?? Math.min(1000 * 2 ** (head.attempts - 1), MAX_BACKOFF_MS), MAX_RETRY_AFTER_MS)
        : 0;
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO notification_attempts (notification_id, status, outcome, answer, duration_ms)
         VALUES ($1, $2, $3, $4, $5)`,
        [head.id, r.status, giveUp ? 'failed' : r.outcome, r.answer, r.durationMs],
      );
      if (r.outcome === 'sent')
        await m.query(
          `UPDATE notifications SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1`,
          [head.id],
        );
      else
        await m.query(
          `UPDATE notifications SET status = $2, lease_until = NULL, last_error = $3,
             due_at = now() + make_interval(secs => $4) WHERE id = $1`,
          [head.id, giveUp ? 'failed' : 'pending', r.answer, delayMs / 1000],
        );
      await m.query(`UPDATE notification_channels SET last_result = $2 WHERE id = $1`, [
        head.channel_id,
        JSON.stringify({ at: new Date().toISOString(), ok: r.outcome === 'sent', status: r.status, answer: r.answer }),
      ]);
    });
    return r.outcome === 'retry' && !giveUp ? { id: head.id, delayMs } : undefined;
  }
}
