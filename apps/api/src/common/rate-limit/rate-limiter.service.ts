import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimitedError } from '../errors';

/** One counter after a hit: how many in its window, and when the window ends. */
export interface RateCount {
  count: number;
  resetInSeconds: number;
}

/**
 * Fixed-window counters in PostgreSQL (an UNLOGGED table), so every api process of a deployment
 * counts against the same limit. One round trip per hit: an upsert that starts a new window once
 * the old one has ended. Expired rows are deleted now and then.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private lastSweep = 0;
  private sweeping: Promise<unknown> | null = null;

  constructor(private readonly db: DataSource) {}

  /** Counts one hit of `key` in a window of `windowSeconds`. */
  async hit(key: string, windowSeconds: number): Promise<RateCount> {
    this.sweep();
    const rows: Array<{ count: number; reset_in: number }> = await this.db.query(
      `INSERT INTO rate_limit_counters AS c (key, count, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.count + 1 END,
         reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
       RETURNING count, ceil(extract(epoch FROM reset_at - now()))::int AS reset_in`,
      [key.slice(0, 300), windowSeconds],
    );
    return { count: rows[0].count, resetInSeconds: Math.max(1, rows[0].reset_in) };
  }

  /** Counts one hit; past `limit` in the window, a RateLimitedError (429 with Retry-After). */
  async consume(key: string, limit: number, windowSeconds: number): Promise<RateCount> {
    const c = await this.hit(key, windowSeconds);
    if (c.count > limit) throw new RateLimitedError(c.resetInSeconds);
    return c;
  }

  /** Takes back one hit of `key` in its current window (an attempt that turned out not to count). */
  async refund(key: string): Promise<void> {
    await this.db.query(
      `UPDATE rate_limit_counters SET count = count - 1 WHERE key = $1 AND count > 0 AND reset_at > now()`,
      [key.slice(0, 300)],
    );
  }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000 || this.sweeping) return;
    this.lastSweep = now;
    this.sweeping = this.db
      .query(`DELETE FROM rate_limit_counters WHERE reset_at < now() - interval '1 minute'`)
      .catch(() => undefined)
      .finally(() => (this.sweeping = null));
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeping;
  }
}
