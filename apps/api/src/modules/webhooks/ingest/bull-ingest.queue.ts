import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { UnavailableError } from '../../../common/errors';
import { INGEST_QUEUE, IngestJob, IngestQueue, MAX_ATTEMPTS } from './ingest-queue';

/** How long stored deliveries wait to be added to the queue together, and how many at most. */
const ENQUEUE_WINDOW_MS = 5;
const ENQUEUE_MAX = 500;

/** BullMQ producer: jobId = delivery id, exponential backoff; a Redis outage only delays. */
@Injectable()
export class BullIngestQueue extends IngestQueue implements OnModuleDestroy {
  private readonly logger = new Logger(BullIngestQueue.name);
  private lastComplaint = 0;

  constructor(@InjectQueue(INGEST_QUEUE) private readonly queue: Queue<IngestJob>) {
    super();
    // Without a listener an 'error' event would throw; Redis being away is expected and survivable.
    this.queue.on('error', (e) => this.complain(e));
  }

  private complain(e: Error): void {
    if (Date.now() - this.lastComplaint < 10_000) return;
    this.lastComplaint = Date.now();
    this.logger.warn({ err: e.message }, 'ingest queue: Redis unavailable; deliveries stay stored and are swept later');
  }

  /** Ids to add, gathered for a few milliseconds so a burst costs one Redis round trip (addBulk). */
  private batch: Array<{ eventId: string; jobId: string }> = [];
  private timer: NodeJS.Timeout | undefined;

  enqueue(eventId: string, again = false): void {
    // A re-enqueue gets an id of its own per 30 s: at most two extra jobs a minute for a delivery
    // that stays pending, and never blocked by a stale job (the worker skips processed rows).
    const jobId = again ? `${eventId}-r${Math.floor(Date.now() / 30_000)}` : eventId; // BullMQ ids may not contain ":"
    this.batch.push({ eventId, jobId });
    if (this.batch.length >= ENQUEUE_MAX) void this.drain();
    else this.timer ??= setTimeout(() => void this.drain(), ENQUEUE_WINDOW_MS);
  }

  /** Ids still waiting for their window go out before the queue closes (else the sweeper adds them). */
  async onModuleDestroy(): Promise<void> {
    await this.drain().catch(() => undefined);
  }

  /** Whether the Redis connection is ready now (waiting at most 200 ms for it to be made). */
  private async readyClient(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const client = await Promise.race([
      this.queue.client,
      new Promise<null>((r) => (timer = setTimeout(() => r(null), 200))),
    ]).finally(() => clearTimeout(timer));
    if (client?.status === 'ready') return true;
    this.complain(new Error(`Redis connection is ${client?.status ?? 'not ready'}`));
    return false;
  }

  private async drain(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.batch;
    this.batch = [];
    if (!ids.length) return;
    // While Redis is away, commands would wait in ioredis' offline queue (unbounded): drop the ids
    // instead, they are stored and the sweeper enqueues them again once Redis is back.
    if (!(await this.readyClient())) return;
    await this.queue
      .addBulk(
        ids.map(({ eventId, jobId }) => ({
          name: 'delivery',
          data: { eventId },
          opts: {
            jobId,
            attempts: MAX_ATTEMPTS,
            backoff: { type: 'exponential', delay: 500 },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      )
      .catch(() => undefined); // the sweeper enqueues them again
  }

  async forget(eventId: string): Promise<void> {
    if (!(await this.readyClient()))
      throw new UnavailableError('The queue (Redis) is unavailable; retry the replay later');
    await this.queue.remove(eventId);
  }
}
