import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** Rows removed by one run, by what they were. */
export interface RetentionRun {
  deliveries: number;
  signals: number;
  incidents: number;
  alerts: number;
}

/** Rows per DELETE: short statements, short locks, dead tuples autovacuum keeps up with. */
const BATCH = 1_000;
/** A run stops after this long and goes on at the next (old data only grows older). */
const RUN_BUDGET_MS = 60_000;

/** The project's days for a setting, or the operator's default: `p` is the projects row. */
const days = (setting: string) => `coalesce((p.settings->>'${setting}')::int, $1)`;

/**
 * Deletes what each project keeps no longer, in small batches: raw deliveries processed or failed
 * (never pending ones: not yet turned into incidents), signals (the raw payloads behind alerts),
 * resolved incidents with their memberships and notifications, and then alerts no incident holds.
 * An incident keeps its title, severity and explanation until it is deleted itself.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<RetentionRun> {
    const started = Date.now();
    const r = this.config.retention;
    const run = { deliveries: 0, signals: 0, incidents: 0, alerts: 0 };
    run.deliveries = await this.batches(
      `DELETE FROM inbound_events WHERE id IN (
         SELECT e.id FROM inbound_events e JOIN projects p ON p.id = e.project_id
          WHERE e.status <> 'pending' AND e.received_at < now() - make_interval(days => ${days('retention_deliveries_days')})
          LIMIT ${BATCH})`,
      r.deliveriesDays,
      started,
    );
    run.signals = await this.batches(
      `DELETE FROM signals WHERE id IN (
         SELECT s.id FROM signals s JOIN projects p ON p.id = s.project_id
          WHERE s.occurred_at < now() - make_interval(days => ${days('retention_signals_days')})
          LIMIT ${BATCH})`,
      r.signalsDays,
      started,
    );
    run.incidents = await this.batches(
      `DELETE FROM incidents WHERE id IN (
         SELECT i.id FROM incidents i JOIN projects p ON p.id = i.project_id
          WHERE i.status = 'resolved' AND i.resolved_at < now() - make_interval(days => ${days('retention_incidents_days')})
          LIMIT ${BATCH})`,
      r.incidentsDays,
      started,
    );
    run.alerts = await this.batches(
      `DELETE FROM alerts WHERE id IN (
         SELECT a.id FROM alerts a JOIN projects p ON p.id = a.project_id
          WHERE a.last_seen < now() - make_interval(days => ${days('retention_incidents_days')})
            AND NOT EXISTS (SELECT 1 FROM incident_alerts m WHERE m.alert_id = a.id)
          LIMIT ${BATCH})`,
      r.incidentsDays,
      started,
    );
    return run;
  }

  /** Repeats one batched DELETE until it removes less than a batch or the run's time is up. */
  private async batches(sql: string, defaultDays: number, started: number): Promise<number> {
    let total = 0;
    for (;;) {
      // A CTE would hide the count: a bare DELETE comes back from the driver as [rows, count].
      const [, count] = (await this.db.query(sql, [defaultDays])) as [unknown, number];
      total += count;
      if (count < BATCH || Date.now() - started > RUN_BUDGET_MS) return total;
    }
  }
}
