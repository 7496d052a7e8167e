import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MetricsRegistry } from '../metrics/metrics-registry.service';
import { redisOptions } from './redis-connection';

/** Every BullMQ queue MOZAIC declares (their owners declare them with declareQueue). */
const QUEUES = ['ingest', 'collect', 'notify'];
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Redis reachability and the depth of each queue, read when /metrics is scraped, over one connection
 * of its own that never queues commands while Redis is away (a scrape then says 0, not waits).
 */
@Injectable()
export class QueueMetrics implements OnModuleInit, OnModuleDestroy {
  private redis?: IORedis;
  private queues: Queue[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    if (!this.config.redisUrl) return;
    const redis = new IORedis({
      ...redisOptions(this.config.redisUrl),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
    });
    redis.on('error', () => undefined); // reported as mozaic_redis_up 0
    this.redis = redis;
    this.queues = QUEUES.map((name) => new Queue(name, { connection: redis, prefix: this.config.redisPrefix }));
    this.metrics.gauge('mozaic_redis_up', 'Whether this process reaches Redis (1) or not (0)', [], async (g) => {
      g.set(await this.ping());
    });
    this.metrics.gauge('mozaic_queue_jobs', 'Jobs in each BullMQ queue, by state', ['queue', 'state'], async (g) => {
      g.reset();
      if ((await this.ping()) === 0) return;
      for (const q of this.queues) {
        const counts = await q.getJobCounts(...STATES).catch(() => null);
        for (const state of STATES) if (counts) g.set({ queue: q.name, state }, counts[state] ?? 0);
      }
    });
  }

  private async ping(): Promise<number> {
    const redis = this.redis;
    if (!redis) return 0;
    try {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
      return (await redis.ping()) === 'PONG' ? 1 : 0;
    } catch {
      return 0;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    this.redis?.disconnect();
  }
}
