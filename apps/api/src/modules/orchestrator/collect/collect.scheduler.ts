import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CollectQueue } from './collect-queue';

const DEFAULT_INTERVAL_S = 60;
const MIN_INTERVAL_S = 10;

/**
 * Periodic collection. Each tick claims the accounts that are due in one UPDATE … FOR UPDATE SKIP
 * LOCKED that also moves their next time one interval on — so however many processes tick, an
 * account runs once per interval — and queues a job per claim.
 */
@Injectable()
export class CollectScheduler {
  private readonly logger = new Logger(CollectScheduler.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: CollectQueue,
  ) {}

  @Interval('collect-schedule', 5_000)
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const claimed: Array<{ id: string; slot: Date }> = await this.db.query(
        // A CTE, so the driver returns the claimed rows (a bare UPDATE comes back as [rows, count]).
        `WITH claimed AS (
           UPDATE account_connections a
              SET next_collect_at = now() + make_interval(secs => greatest($1, coalesce((a.config->>'interval_seconds')::int, $2)))
             FROM (SELECT id FROM account_connections
                    WHERE status IN ('active', 'error') AND (next_collect_at IS NULL OR next_collect_at <= now())
                    ORDER BY next_collect_at NULLS FIRST LIMIT 500
                    FOR UPDATE SKIP LOCKED) due
            WHERE a.id = due.id
            RETURNING a.id, a.next_collect_at AS slot)
         SELECT id, slot FROM claimed`,
        [MIN_INTERVAL_S, DEFAULT_INTERVAL_S],
      );
      for (const c of claimed)
        await this.queue
          .enqueue({ accountId: c.id, runId: null }, `collect:${c.id}:${new Date(c.slot).getTime()}`)
          .catch(() => undefined); // Redis away: collected at the next claim
      return claimed.length;
    } catch (e) {
      this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'collect scheduling failed');
      return 0;
    } finally {
      this.running = false;
    }
  }
}
