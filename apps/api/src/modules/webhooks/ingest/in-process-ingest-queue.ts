import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { IngestWorker } from './ingest-worker';
import { IngestQueue, MAX_ATTEMPTS } from './ingest-queue';

const CONCURRENCY = 2;

/**
 * The driver without Redis: the same stored deliveries, consumed in this process with the same
 * retries and backoff as the BullMQ driver. Nothing is lost on a crash: rows stay pending and the
 * sweeper enqueues them again at start.
 */
@Injectable()
export class InProcessIngestQueue extends IngestQueue implements OnModuleDestroy {
  private readonly logger = new Logger(InProcessIngestQueue.name);
  private readonly waiting: string[] = [];
  private readonly known = new Set<string>();
  private running = 0;
  private stopped = false;

  constructor(private readonly worker: IngestWorker) {
    super();
  }

  enqueue(eventId: string): void {
    if (this.stopped || this.known.has(eventId)) return;
    this.known.add(eventId);
    this.waiting.push(eventId);
    this.pump();
  }

  /** Nothing is kept of finished work in this process. */
  async forget(): Promise<void> {
    return;
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      this.running++;
      void this.run(id).finally(() => {
        this.running--;
        this.known.delete(id);
        this.pump();
      });
    }
  }

  private async run(id: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.stopped; attempt++) {
      try {
        await this.worker.handle(id);
        return;
      } catch (e) {
        const final = attempt === MAX_ATTEMPTS;
        await this.worker.recordFailure(id, e, final).catch(() => undefined);
        if (final) this.logger.warn({ eventId: id }, 'delivery failed after the last attempt');
        else await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }
}
