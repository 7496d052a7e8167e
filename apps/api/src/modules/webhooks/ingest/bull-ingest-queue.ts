import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { IngestWorker } from './ingest-worker';
import { INGEST_QUEUE, IngestQueue, MAX_ATTEMPTS } from './ingest-queue';

interface IngestJob {
  eventId: string;
}

/** BullMQ producer: jobId = delivery id, exponential backoff; a Redis outage only delays. */
@Injectable()
export class BullIngestQueue extends IngestQueue {
  constructor(@InjectQueue(INGEST_QUEUE) private readonly queue: Queue<IngestJob>) {
    super();
  }

  enqueue(eventId: string): void {
    this.queue
      .add(
        'delivery',
        { eventId },
        {
          jobId: eventId,
          attempts: MAX_ATTEMPTS,
          backoff: { type: 'exponential', delay: 500 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      )
      .catch(() => undefined); // the sweeper enqueues it again
  }

  async requeue(eventId: string): Promise<void> {
    await this.queue.remove(eventId).catch(() => undefined);
    this.enqueue(eventId);
  }
}

/** BullMQ consumer, in the api process by default and in worker processes. */
@Processor(INGEST_QUEUE, { concurrency: 4 })
export class IngestConsumer extends WorkerHost {
  constructor(private readonly ingest: IngestWorker) {
    super();
  }

  async process(job: Job<IngestJob>): Promise<string> {
    return this.ingest.handle(job.data.eventId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<IngestJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    await this.ingest
      .recordFailure(job.data.eventId, error, job.attemptsMade >= (job.opts.attempts ?? 1))
      .catch(() => undefined);
  }
}
