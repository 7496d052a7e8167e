/**
 * Distributes stored deliveries to workers. It carries ids only: the inbound_events row is the
 * truth, so a lost enqueue is caught by the sweeper and a repeated one is harmless.
 */
export abstract class IngestQueue {
  /**
   * Fire-and-forget: never blocks or fails the acknowledgement. `again`: the sweeper's re-enqueue
   * of a delivery still pending — it must not be swallowed by an older job of the same id (one a
   * killed worker left failed as stalled, say).
   */
  abstract enqueue(eventId: string, again?: boolean): void;
  /**
   * For a replay: forget any finished job of this id, so that enqueueing it again runs it. Throws
   * UnavailableError when the queue cannot be reached (the replay is answered 503, nothing changes).
   */
  abstract forget(eventId: string): Promise<void>;
}

export const INGEST_QUEUE = 'ingest';

/** What an ingest job carries: the id of a stored delivery. */
export interface IngestJob {
  eventId: string;
}
export const MAX_ATTEMPTS = 5;
