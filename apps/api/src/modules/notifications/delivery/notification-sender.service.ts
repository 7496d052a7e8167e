import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationBody } from '@mozaic/contracts';
import { DataSource } from 'typeorm';
import { CredentialCipher } from '../../../common/crypto/credential-cipher.service';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { ChannelSecrets } from '../channels/channel-settings';
import { RENDERERS } from './messages/renderers';
import { Head, Outcome, OutboxStore, SendingChannel } from './outbox-store';
import { QueuedNotification } from './notify-queue';
import { DeliveryResult } from './transports/delivery-result';
import { HttpPoster } from './transports/http-post';
import { SmtpMailer } from './transports/smtp-mailer.service';
import { MetricsRegistry } from '../../../metrics/metrics-registry.service';

const MAX_BACKOFF_MS = 600_000;
const MAX_RETRY_AFTER_MS = 3_600_000;
/** Messages of one round sent at once (each waits mostly on its receiver). */
const PARALLEL = 32;
/** Rounds of one wake-up: a chain longer than this is finished by the next wake-up. */
const MAX_ROUNDS = 100;

/**
 * Delivers notifications. A wake-up for some notifications walks their chains (one channel's
 * notifications of one incident) in commit order, in rounds: it leases the head of every chain at
 * once, sends them (PARALLEL at a time), records all outcomes in one statement, and goes on with the
 * chains whose head is done until none is left or each head must wait (a retry later). Two workers
 * never send the same notification at once (the lease), and one killed mid-send leaves the lease to
 * expire: the notification is then sent again, once.
 */
@Injectable()
export class NotificationSender implements OnModuleDestroy {
  private readonly poster: HttpPoster;
  private readonly store: OutboxStore;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly mailer: SmtpMailer,
    private readonly metrics: MetricsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.poster = new HttpPoster({ blockPrivate: config.sources.blockPrivateAddresses, socketAllowlist: [] });
    this.store = new OutboxStore(db);
    this.timeoutMs = config.notifications.timeoutMs;
    this.leaseMs = this.timeoutMs * 2 + 5_000;
    this.maxAttempts = config.notifications.maxAttempts;
  }

  /** Walks the chains of these notifications; returns how many were sent and the retries to schedule. */
  async handleMany(ids: string[]): Promise<{ sent: number; retries: QueuedNotification[] }> {
    const done = this.metrics.jobDuration.startTimer({ queue: 'notify' });
    try {
      return await this.leaseAndSend(ids);
    } finally {
      done();
    }
  }

  private async leaseAndSend(ids: string[]): Promise<{ sent: number; retries: QueuedNotification[] }> {
    const retries: QueuedNotification[] = [];
    let sent = 0;
    let heads = await this.store.lease({ ids }, this.leaseMs);
    for (let round = 0; heads.length > 0 && round < MAX_ROUNDS; round++) {
      const channels = await this.store.channels(heads.map((h) => h.channel_id));
      const outcomes = await this.sendAll(heads, channels);
      await this.store.record(outcomes);
      for (const o of outcomes)
        this.metrics.notifications.inc({
          channel_type: channels.get(o.head.channel_id)?.type ?? 'deleted',
          outcome: o.status === 'pending' ? 'retry' : o.status,
        });
      for (const o of outcomes) {
        if (o.status === 'sent') sent++;
        if (o.status === 'pending') retries.push({ id: o.head.id, delayMs: o.retryInMs });
      }
      const onward = outcomes
        .filter((o) => o.status !== 'pending')
        .map((o) => ({ channelId: o.head.channel_id, incidentId: o.head.incident_id }));
      heads = onward.length ? await this.store.lease({ chains: onward }, this.leaseMs) : [];
    }
    return { sent, retries };
  }

  private async sendAll(heads: Head[], channels: Map<string, SendingChannel>): Promise<Outcome[]> {
    const out: Outcome[] = [];
    let next = 0;
    const lane = async () => {
      while (next < heads.length) {
        const head = heads[next++];
        const channel = channels.get(head.channel_id);
        const result = channel
          ? await this.deliver(channel, head.body)
          : { outcome: 'failed' as const, status: null, answer: 'the channel was deleted', durationMs: 0 };
        out.push(this.outcome(head, result));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, heads.length) }, lane));
    return out;
  }

  /** What an attempt means for its notification: sent, failed for good, or pending until its retry. */
  private outcome(head: Head, result: DeliveryResult): Outcome {
    if (result.outcome === 'sent') return { head, result, status: 'sent', retryInMs: 0 };
    if (result.outcome === 'failed' || head.attempts >= this.maxAttempts)
      return { head, result, status: 'failed', retryInMs: 0 };
    const backoff = Math.min(1000 * 2 ** (head.attempts - 1), MAX_BACKOFF_MS);
    return { head, result, status: 'pending', retryInMs: Math.min(result.retryAfterMs ?? backoff, MAX_RETRY_AFTER_MS) };
  }

  /** Renders and sends one body to a channel; never throws. */
  async deliver(channel: SendingChannel, body: NotificationBody): Promise<DeliveryResult> {
    if (!channel.enabled) return { outcome: 'failed', status: null, answer: 'the channel is disabled', durationMs: 0 };
    const secrets = this.cipher.decrypt<ChannelSecrets>(channel.secretsEncrypted);
    const msg = RENDERERS[channel.type](body, channel.settings, secrets, Math.floor(Date.now() / 1000));
    if (msg.kind === 'mail') return this.mailer.send(msg);
    // Every HTTP receiver (and any proxy before it) can tell a re-sent notification by this id.
    msg.headers['X-Mozaic-Delivery'] = body.id;
    return this.poster.post(msg, this.timeoutMs);
  }

  onModuleDestroy(): void {
    this.poster.close();
  }
}
