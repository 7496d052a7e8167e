import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { IncidentLifecycle } from './incident-lifecycle.service';

/** Once a minute: resolve incidents whose alerts all ended (each project under its own lock). */
@Injectable()
export class IncidentSweeper {
  private readonly logger = new Logger(IncidentSweeper.name);
  private running = false;

  constructor(private readonly lifecycle: IncidentLifecycle) {}

  @Interval('incident-sweep', 60_000)
  async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const resolved = await this.lifecycle.sweep();
      if (resolved.length) this.logger.log({ resolved: resolved.length }, 'auto-resolved incidents');
    } catch (e) {
      this.logger.error({ err: e }, 'incident sweep failed');
    } finally {
      this.running = false;
    }
  }
}
