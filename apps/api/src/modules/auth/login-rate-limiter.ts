import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimitedError } from '../../common/errors';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters of login attempts per client IP and per email. Both must be under their
 * limit; the answer past it is 429 with Retry-After. Counters live in this process.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Counts one attempt; throws RateLimitedError when either key is over its limit. */
  hit(ip: string, email: string, now = Date.now()): void {
    const { perIp, perEmail, windowSeconds } = this.config.loginRateLimit;
    this.sweep(now);
    const a = this.count(`ip:${ip}`, now, windowSeconds);
    const b = this.count(`email:${email}`, now, windowSeconds);
    const over = [a.count > perIp ? a : null, b.count > perEmail ? b : null].filter((w): w is Window => w !== null);
    if (over.length) {
      const resetAt = Math.max(...over.map((w) => w.resetAt));
      throw new RateLimitedError(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    }
  }

  private count(key: string, now: number, windowSeconds: number): Window {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    return w;
  }

  /** Drops expired windows now and then, so memory stays bounded. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
}
