import { BullModule } from '@nestjs/bullmq';
import { Abstract, DynamicModule, Provider, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/** A queue as its owning module declares it: its name, the token producers inject, and both drivers. */
export interface QueueDeclaration<T> {
  name: string;
  /** What producers inject (an abstract class such as IngestQueue). */
  token: Abstract<T>;
  /** The BullMQ producer, used with REDIS_URL. */
  bull: Type<T>;
  /** The in-process driver (producer and consumer in one), used without Redis. */
  inProcess: Type<T>;
  /** The BullMQ consumer (a WorkerHost processor), in processes that consume (RUN_WORKERS). */
  processor: Type<unknown>;
}

/**
 * The one place where "BullMQ or in-process" is decided for a queue: with REDIS_URL its BullMQ queue
 * is registered, producers get the BullMQ driver and consuming processes its processor; without, the
 * in-process driver does both. The owning module spreads the result into its imports and providers.
 */
export function declareQueue<T>(
  config: AppConfig,
  q: QueueDeclaration<T>,
): { imports: DynamicModule[]; providers: Provider[] } {
  if (!config.redisUrl) return { imports: [], providers: [{ provide: q.token, useClass: q.inProcess }] };
  return {
    imports: [BullModule.registerQueue({ name: q.name })],
    providers: [{ provide: q.token, useClass: q.bull }, ...(consumes(config, q.name) ? [q.processor] : [])],
  };
}

/** Whether this process consumes a queue: it runs workers, and WORKER_QUEUES (if set) names the queue. */
export function consumes(config: AppConfig, queue: string): boolean {
  return config.runWorkers && (config.workerQueues === null || config.workerQueues.includes(queue));
}
