import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';

/** The longest a login waits because its email is under attack from elsewhere. */
const MAX_BACKOFF_MS = 5_000;

/**
 * Failed login attempts, counted in the shared counters (every api process sees the same). Every
 * attempt takes its place in the counters before the password is checked (so a burst of parallel
 * guesses is counted), and a successful one gives it back: a team behind one address signs in as
 * often as it likes.
 * Limits:
 * - per client IP, and per email from that IP: past either limit, 429 with Retry-After;
 * - per email across all IPs: past the limit, each attempt waits (exponential back-off, at most
 *   5 s) instead of being refused, so nobody can lock a user out by failing from other addresses,
 *   while guessing one account from many addresses stays slow.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  /** Counts one attempt; throws RateLimitedError past a limit, waits when the email is hammered. */
  async hit(ip: string, email: string): Promise<void> {
    const { perIp, perEmail, windowSeconds } = this.config.loginRateLimit;
    const [byIp, byIpEmail, byEmail] = keys(ip, email);
    await this.limiter.consume(byIp, perIp, windowSeconds);
    await this.limiter.consume(byIpEmail, perEmail, windowSeconds);
    const all = await this.limiter.hit(byEmail, windowSeconds);
    if (all.count > perEmail) await sleep(backoffMs(all.count - perEmail));
  }

  /** The attempt succeeded: it no longer counts against the address or the email. */
  async succeeded(ip: string, email: string): Promise<void> {
    for (const key of keys(ip, email)) await this.limiter.refund(key);
  }
}

/** 100 ms, doubling with each attempt past the limit, at most MAX_BACKOFF_MS. */
export function backoffMs(over: number): number {
  return Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(16, Math.max(0, over - 1)));
}

const keys = (ip: string, email: string) =>
  [`login:ip:${ip}`, `login:ip-email:${ip}:${email}`, `login:email:${email}`] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
