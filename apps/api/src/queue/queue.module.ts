import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QueueMetrics } from './queue-metrics.service';
import { redisOptions } from './redis-connection';

/**
 * The one Redis connection setting and key prefix of every BullMQ queue, when REDIS_URL is set (queues
 * themselves are declared by the modules that own them, with declareQueue). Without Redis it adds
 * nothing: every queue then runs on its in-process driver. BullMQ closes its connections on shutdown.
 */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.redisUrl) return { module: QueueModule };
    return {
      module: QueueModule,
      providers: [QueueMetrics],
      imports: [
        // Queue names and keys under REDIS_PREFIX: deployments sharing one Redis never take each other's jobs.
        // Not enableOfflineQueue: false — consumers share this connection and BullMQ's worker loop spins
        // without pause on that error. Producers check the connection instead.
        BullModule.forRoot({
          connection: { ...redisOptions(config.redisUrl), maxRetriesPerRequest: null },
          prefix: config.redisPrefix,
        }),
      ],
    };
  }
}
