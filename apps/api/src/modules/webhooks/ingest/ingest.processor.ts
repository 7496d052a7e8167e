import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { INGEST_QUEUE, IngestJob } from './ingest-queue';
import { IngestWorker } from './ingest-worker.service';

/** BullMQ consumer, in the api process by default and in worker processes. */
@Processor(INGEST_QUEUE, { concurrency: 4 })
export class IngestConsumer extends WorkerHost implements OnApplicationBootstrap {
  constructor(private readonly ingest: IngestWorker) {
    super();
  }

  /** Ready before the app is: closing a worker still connecting makes BullMQ emit an unhandled error. */
  async onApplicationBootstrap(): Promise<void> {
    await this.worker.waitUntilReady().catch(() => undefined);
  }

  async process(job: Job<IngestJob>): Promise<string> {
    return this.ingest.handle(job.data.eventId);
  }

  @OnWorkerEvent('error')
  onError(): void {
    // The worker reconnects by itself; the producer side logs the outage.
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<IngestJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    await this.ingest
      .recordFailure(job.data.eventId, error, job.attemptsMade >= (job.opts.attempts ?? 1))
      .catch(() => undefined);
  }
}
