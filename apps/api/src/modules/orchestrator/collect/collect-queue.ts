import { CollectJobData } from '@mozaic/contracts';

/**
 * Distributes collect jobs to workers. The schedule lives in PostgreSQL (an account is claimed once
 * per interval), so the queue only spreads work; a lost job is simply collected at the next claim.
 */
export abstract class CollectQueue {
  /** `key` makes a job unique (a claim slot or a manual run): enqueueing it twice runs it once. */
  abstract enqueue(job: CollectJobData, key: string): Promise<void>;
}

export const COLLECT_QUEUE = 'collect';
