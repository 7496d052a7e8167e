import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CollectJobData } from '@mozaic/contracts';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { AccountCollector } from './account-collector.service';
import { CollectQueue } from './collect-queue';

/** Without Redis: collect jobs run in this process, at most `COLLECT_CONCURRENCY` at once. */
@Injectable()
export class InProcessCollectQueue extends CollectQueue implements OnModuleDestroy {
  private readonly waiting: Array<{ job: CollectJobData; key: string }> = [];
  private readonly keys = new Set<string>();
  private running = 0;
  private stopped = false;

  constructor(
    private readonly collector: AccountCollector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async enqueue(job: CollectJobData, key: string): Promise<void> {
    if (this.stopped || this.keys.has(key)) return;
    this.keys.add(key);
    this.waiting.push({ job, key });
    this.pump();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.waiting.length = 0;
  }

  private pump(): void {
    while (this.running < this.config.sources.concurrency && this.waiting.length) {
      const { job, key } = this.waiting.shift() as { job: CollectJobData; key: string };
      this.running++;
      void this.collector
        .collect(job)
        .catch(() => undefined) // the collector records its own failures
        .finally(() => {
          this.running--;
          this.keys.delete(key);
          this.pump();
        });
    }
  }
}
