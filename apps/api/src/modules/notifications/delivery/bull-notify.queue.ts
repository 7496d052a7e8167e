import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { MAX_PER_JOB, NOTIFY_QUEUE, NotifyJob, NotifyQueue, QueuedNotification } from './notify-queue';

/**
 * BullMQ producer. Retries are the sender's (it knows Retry-After and which answers are permanent),
 * so a job is one wake-up for the notifications committed together that are due at the same time:
 * id = the first one's id (plus the due time for a delayed one, or a 30 s bucket for the sweeper's),
 * never retried by BullMQ. A Redis outage only delays: rows stay pending.
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
    const jobs: Array<{ name: string; data: NotifyJob; opts: JobsOptions }> = [];
    for (const [delayMs, ids] of byDelay(items))
      for (let i = 0; i < ids.length; i += MAX_PER_JOB) {
        const chunk = ids.slice(i, i + MAX_PER_JOB);
        jobs.push({
          name: 'notifications',
          data: { ids: chunk },
          opts: {
            // BullMQ ids may not contain ':'.
            jobId: again ? `${chunk[0]}-r${bucket}` : delayMs > 0 ? `${chunk[0]}-d${Date.now() + delayMs}` : chunk[0],
            delay: delayMs,
            attempts: 1,
            removeOnComplete: true,
            removeOnFail: true,
          },
        });
      }
    await this.queue.addBulk(jobs).catch((e: Error) => this.complain(e));
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

/** Items grouped by their delay (a commit's batched updates share theirs). */
function byDelay(items: QueuedNotification[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const { id, delayMs } of items) out.set(delayMs, [...(out.get(delayMs) ?? []), id]);
  return out;
}
