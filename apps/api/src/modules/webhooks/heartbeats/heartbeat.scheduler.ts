import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { heartbeatSignal, missingAfter } from '@mozaic/correlation';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { IncidentEvents } from '../../incidents/processing/incident-events.service';
import { SignalProcessor } from '../../incidents/processing/signal-processor.service';

interface Row {
  project_id: string;
  ref: string;
  name: string;
  last_received_at: Date;
  interval_ms: number | null;
  missing_since: Date | null;
}

/**
 * Once a minute: a heartbeat sender silent for three of its beats (at least
 * HEARTBEAT_MISSING_MINUTES) opens an incident, "Alertmanager stopped sending"; when it is
 * heard again, that incident's alert resolves. Each change is claimed with a conditional UPDATE
 * in the same transaction as its signal, so several workers never file it twice.
 */
@Injectable()
export class HeartbeatScheduler {
  private readonly logger = new Logger(HeartbeatScheduler.name);
  private running = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly processor: SignalProcessor,
    private readonly events: IncidentEvents,
  ) {}

  @Interval('heartbeat-check', 60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.check();
    } catch (e) {
      this.logger.error({ err: e }, 'heartbeat check failed');
    } finally {
      this.running = false;
    }
  }

  /** Files what changed as of `now`; answers how many senders went missing and came back. */
  async check(now = new Date()): Promise<{ missing: number; back: number }> {
    const rows: Row[] = await this.db.query('SELECT * FROM heartbeats');
    let missing = 0;
    let back = 0;
    for (const r of rows) {
      const after = missingAfter(r.interval_ms, this.config.heartbeatMissingAfterMs);
      const last = r.last_received_at.getTime();
      if (!r.missing_since && now.getTime() - last > after) {
        if (
          await this.file(
            r,
            'firing',
            `missing_since IS NULL AND date_trunc('milliseconds', last_received_at) = $3`,
            now,
            last + after,
          )
        )
          missing++;
      } else if (r.missing_since && last > r.missing_since.getTime()) {
        if (
          await this.file(
            r,
            'resolved',
            `missing_since IS NOT NULL AND date_trunc('milliseconds', last_received_at) = $3`,
            null,
            last,
          )
        )
          back++;
      }
    }
    return { missing, back };
  }

  private async file(
    r: Row,
    status: 'firing' | 'resolved',
    claim: string,
    missingSince: Date | null,
    at: number,
  ): Promise<boolean> {
    const result = await this.db.transaction(async (m) => {
      // An UPDATE answers [rows, affected] through TypeORM's query().
      const [, affected]: [unknown[], number] = await m.query(
        `UPDATE heartbeats SET missing_since = $4 WHERE project_id = $1 AND ref = $2 AND ${claim}`,
        [r.project_id, r.ref, r.last_received_at, missingSince],
      );
      if (affected === 0) return null;
      const sender = { ref: r.ref, name: r.name, lastReceivedAt: r.last_received_at.getTime() };
      return this.processor.processIn(m, r.project_id, [heartbeatSignal(r.project_id, sender, status, at)]);
    });
    if (result) this.events.publish(r.project_id, result.incidentIds);
    return result !== null;
  }
}
