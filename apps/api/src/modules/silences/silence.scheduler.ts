import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SilenceEffects } from './silence-effects.service';

/**
 * When a silence's start or end passes, its project's alerts are judged again (every 5 s; a
 * silence made or changed through an API is applied at once). A tick that finds the database away
 * tries the same span at the next.
 */
@Injectable()
export class SilenceScheduler {
  private since = new Date();
  private running = false;

  constructor(private readonly effects: SilenceEffects) {}

  @Interval('silence-boundaries', 5_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const now = new Date();
    try {
      await this.effects.applyAll(await this.effects.crossed(this.since, now));
      this.since = now;
    } catch {
      // The database is away: the same span next time.
    } finally {
      this.running = false;
    }
  }
}
