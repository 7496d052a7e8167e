import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CollectJobData } from '@mozaic/contracts';
import { Job, Queue } from 'bullmq';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AccountCollector } from './account-collector.service';
import { COLLECT_QUEUE, CollectQueue } from './collect-queue';

/** BullMQ producer: the job id is the key, so a claim or a manual run is queued once. */
@Injectable()
export class BullCollectQueue extends CollectQueue {
  constructor(@InjectQueue(COLLECT_QUEUE) private readonly queue: Queue<CollectJobData>) {
    super();
    this.queue.on('error', () => undefined); // Redis away: the next claim collects again
  }

  async enqueue(job: CollectJobData, key: string): Promise<void> {
    const added = this.queue.add('collect', job, {
      jobId: key,
      removeOnComplete: 1000,
      removeOnFail: 1000,
      attempts: 1,
    });
    // While Redis is away ioredis would hold the command: give up and let the next claim retry.
    await Promise.race([
      added,
      new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not take the job')), 2_000).unref()),
    ]);
  }
}

/** BullMQ consumer (api with workers, and worker processes): many accounts at once, each isolated. */
@Processor(COLLECT_QUEUE)
export class CollectConsumer extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly collector: AccountCollector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** Ready before the app is: closing a worker still connecting makes BullMQ emit an unhandled error. */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.sources.concurrency;
    await this.worker.waitUntilReady().catch(() => undefined);
  }

  async process(job: Job<CollectJobData>): Promise<number | null> {
    return this.collector.collect(job.data);
  }

  @OnWorkerEvent('error')
  onError(): void {
    // reconnects by itself
  }
}
