import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { IngestWorker } from './ingest-worker.service';
import { IngestQueue, MAX_ATTEMPTS } from './ingest-queue';

const CONCURRENCY = 2;

/**
 * The driver without Redis: the same stored deliveries, consumed in this process with the same
 * retries and backoff as the BullMQ driver. A delivery waiting for its retry gives its slot up, so a
 * failing delivery never holds up the others. Nothing is lost on a crash: rows stay pending and the
 * sweeper enqueues them again at start.
 */
@Injectable()
export class InProcessIngestQueue extends IngestQueue implements OnModuleDestroy {
  private readonly logger = new Logger(InProcessIngestQueue.name);
  private readonly waiting: string[] = [];
  /** Ids queued, running or waiting for a retry → the attempt they are on. */
  private readonly known = new Map<string, number>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;

  constructor(private readonly worker: IngestWorker) {
    super();
  }

  enqueue(eventId: string): void {
    if (this.stopped || this.known.has(eventId)) return;
    this.known.set(eventId, 1);
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
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.waiting.length > 0) {
      const id = this.waiting.shift() as string;
      this.running++;
      void this.run(id).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /** One attempt; a failure before the last schedules the next attempt after its backoff. */
  private async run(id: string): Promise<void> {
    const attempt = this.known.get(id) ?? 1;
    try {
      await this.worker.handle(id);
      this.known.delete(id);
    } catch (e) {
      const final = await this.worker
        .recordFailure(id, e, attempt >= MAX_ATTEMPTS)
        .catch(() => attempt >= MAX_ATTEMPTS);
      if (final || this.stopped) {
        this.known.delete(id);
        if (final) this.logger.warn({ eventId: id }, 'delivery failed after the last attempt');
        return;
      }
      this.known.set(id, attempt + 1);
      const timer = setTimeout(
        () => {
          this.retries.delete(timer);
          this.waiting.push(id);
          this.pump();
        },
        250 * 2 ** attempt,
      );
      this.retries.add(timer);
    }
  }
}
