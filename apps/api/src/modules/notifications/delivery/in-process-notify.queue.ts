import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { NotificationSender } from './notification-sender.service';
import { NotifyQueue, QueuedNotification } from './notify-queue';

const CONCURRENCY = 16;

/** The driver without Redis: the same wake-ups, run in this process (the sweeper covers a crash). */
@Injectable()
export class InProcessNotifyQueue extends NotifyQueue implements OnModuleDestroy {
  private readonly logger = new Logger(InProcessNotifyQueue.name);
  private readonly waiting: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;

  constructor(private readonly sender: NotificationSender) {
    super();
  }

  enqueue(items: QueuedNotification[]): void {
    for (const { id, delayMs } of items) {
      if (this.stopped) return;
      if (delayMs <= 0) {
        this.waiting.push(id);
        continue;
      }
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.enqueue([{ id, delayMs: 0 }]);
      }, delayMs);
      this.timers.add(t);
    }
    this.pump();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.waiting.length = 0;
    for (const t of this.timers) clearTimeout(t);
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.waiting.length > 0 && !this.stopped) {
      const id = this.waiting.shift() as string;
      this.running++;
      void this.sender
        .handleMany([id])
        .then(({ retries }) => this.enqueue(retries))
        // The row stays pending: the sweeper tries again.
        .catch((e: Error) => this.logger.warn({ notificationId: id, err: e.message }, 'notification wake-up failed'))
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}
