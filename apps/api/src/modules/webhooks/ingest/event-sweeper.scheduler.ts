import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IngestQueue } from './ingest-queue';

/**
 * Re-enqueues deliveries left pending — the queue was down, a worker died — at start and every few
 * seconds. Enqueueing twice is harmless: the worker takes the row with SKIP LOCKED and checks it.
 */
@Injectable()
export class EventSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventSweeper.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: IngestQueue,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep(0);
  }

  @Interval('ingest-sweep', 5_000)
  async tick(): Promise<void> {
    await this.sweep(5);
  }

  /** Enqueues pending deliveries older than `olderThanS` seconds; returns how many. */
  async sweep(olderThanS: number): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rows: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM inbound_events WHERE status = 'pending' AND received_at < now() - make_interval(secs => $1)
         ORDER BY received_at LIMIT 1000`,
        [olderThanS],
      );
      for (const r of rows) this.queue.enqueue(r.id, true);
      if (rows.length) this.logger.log({ requeued: rows.length }, 're-enqueued pending deliveries');
      return rows.length;
    } catch {
      return 0; // the database is away: next tick
    } finally {
      this.running = false;
    }
  }
}
