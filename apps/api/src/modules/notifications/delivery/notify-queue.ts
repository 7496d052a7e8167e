/** A notification to deliver, and how long it waits first (a batched update, a retry). */
export interface QueuedNotification {
  id: string;
  delayMs: number;
}

/**
 * Wakes workers for stored notifications. It carries ids only: the notifications row is the truth
 * (status, due time, lease), so a lost enqueue is caught by the sweeper and a repeated one is harmless.
 */
export abstract class NotifyQueue {
  /** Fire-and-forget; `again`: the sweeper's re-enqueue, never swallowed by an older job of the same id. */
  abstract enqueue(items: QueuedNotification[], again?: boolean): void;
}

export const NOTIFY_QUEUE = 'notify';

/** A wake-up for notifications committed together (one job, however many: BullMQ's cost is per job). */
export interface NotifyJob {
  ids: string[];
}

/** The most notifications one job carries. */
export const MAX_PER_JOB = 500;
