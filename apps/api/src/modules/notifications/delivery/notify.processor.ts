import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotificationSender } from './notification-sender.service';
import { NOTIFY_QUEUE, NotifyJob, NotifyQueue } from './notify-queue';

/** BullMQ consumer of the notify queue: mostly waiting on receivers, so more at once than ingest. */
@Processor(NOTIFY_QUEUE, { concurrency: 16 })
export class NotifyConsumer extends WorkerHost implements OnApplicationBootstrap {
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
    const { sent, retry } = await this.sender.handle(job.data.notificationId);
    if (retry) this.queue.enqueue([retry]);
    return sent;
  }

  @OnWorkerEvent('error')
  onError(): void {
    // Reconnects by itself; pending rows are swept.
  }
}
