import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { CollectJobData } from '@mozaic/contracts';
import { Job } from 'bullmq';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AccountCollector } from './account-collector.service';
import { COLLECT_QUEUE } from './collect-queue';

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
