import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotifyQueue } from './notify-queue';

/**
 * Wakes workers for notifications that are due and not being sent — the queue was down, a worker
 * died mid-send (its lease ran out), a job was lost — at start and every few seconds. Only the
 * head of each chain (channel × incident) is taken: the sender walks the rest in order.
 */
@Injectable()
export class NotifySweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotifySweeper.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: NotifyQueue,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep(0);
  }

  @Interval('notify-sweep', 5_000)
  async tick(): Promise<void> {
    await this.sweep(3);
  }

  /** Enqueues heads due for more than `lateS` seconds with no live lease; returns how many. */
  async sweep(lateS: number): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const rows: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM (
           SELECT DISTINCT ON (channel_id, incident_id) id, due_at, lease_until FROM notifications
           WHERE status = 'pending' ORDER BY channel_id, incident_id, seq
         ) head
         WHERE due_at < now() - make_interval(secs => $1) AND (lease_until IS NULL OR lease_until < now())
         LIMIT 1000`,
        [lateS],
      );
      this.queue.enqueue(
        rows.map((r) => ({ id: r.id, delayMs: 0 })),
        true,
      );
      if (rows.length) this.logger.log({ requeued: rows.length }, 're-enqueued due notifications');
      return rows.length;
    } catch {
      return 0; // the database is away: next tick
    } finally {
      this.running = false;
    }
  }
}
