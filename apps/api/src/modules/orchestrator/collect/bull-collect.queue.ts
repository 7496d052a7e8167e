import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { CollectJobData } from '@mozaic/contracts';
import { Queue } from 'bullmq';
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
