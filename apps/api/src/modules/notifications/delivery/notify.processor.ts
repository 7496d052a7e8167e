import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotificationSender } from './notification-sender.service';
import { NOTIFY_QUEUE, NotifyJob, NotifyQueue } from './notify-queue';

/** BullMQ consumer of the notify queue; each job's notifications are sent several at once (see handleMany). */
@Processor(NOTIFY_QUEUE, { concurrency: 4 })
export class NotifyConsumer extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotifyConsumer.name);

  constructor(
    private readonly sender: NotificationSender,
    private readonly queue: NotifyQueue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady().catch(() => undefined);
  }

  async process(job: Job<NotifyJob>): Promise<number> {
    const { sent, retries } = await this.sender.handleMany(job.data.ids);
    this.queue.enqueue(retries);
    return sent;
  }

  /** A wake-up that failed (the database away, say): the row stays pending and the sweeper tries again. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<NotifyJob> | undefined, error: Error): void {
    this.logger.warn({ notifications: job?.data.ids.length, err: error.message }, 'notification wake-up failed');
  }

  @OnWorkerEvent('error')
  onError(): void {
    // Reconnects by itself; pending rows are swept.
  }
}
