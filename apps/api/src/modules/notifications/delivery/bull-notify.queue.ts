import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { NOTIFY_QUEUE, NotifyJob, NotifyQueue, QueuedNotification } from './notify-queue';

/**
 * BullMQ producer. Retries are the sender's (it knows Retry-After and which answers are permanent),
 * so a job is one wake-up: id = notification id (plus its due time for a delayed one, or a 30 s
 * bucket for the sweeper's), never retried by BullMQ. A Redis outage only delays: rows stay pending.
 */
@Injectable()
export class BullNotifyQueue extends NotifyQueue {
  private readonly logger = new Logger(BullNotifyQueue.name);
  private lastComplaint = 0;

  constructor(@InjectQueue(NOTIFY_QUEUE) private readonly queue: Queue<NotifyJob>) {
    super();
    this.queue.on('error', (e) => this.complain(e));
  }

  enqueue(items: QueuedNotification[], again = false): void {
    if (items.length === 0) return;
    void this.add(items, again);
  }

  private async add(items: QueuedNotification[], again: boolean): Promise<void> {
    const client = await this.queue.client.catch(() => null);
    if (client?.status !== 'ready') return this.complain(new Error(`Redis connection is ${client?.status ?? 'down'}`));
    const bucket = Math.floor(Date.now() / 30_000);
    await this.queue
      .addBulk(
        items.map(({ id, delayMs }) => ({
          name: 'notification',
          data: { notificationId: id },
          opts: {
            // BullMQ ids may not contain ':'.
            jobId: again ? `${id}-r${bucket}` : delayMs > 0 ? `${id}-d${Date.now() + delayMs}` : id,
            delay: delayMs,
            attempts: 1,
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      )
      .catch((e: Error) => this.complain(e));
  }

  private complain(e: Error): void {
    if (Date.now() - this.lastComplaint < 10_000) return;
    this.lastComplaint = Date.now();
    this.logger.warn(
      { err: e.message },
      'notify queue: Redis unavailable; notifications stay stored and are swept later',
    );
  }
}
