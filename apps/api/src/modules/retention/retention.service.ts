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

/** What expires: a table (alias `t`, joined to its project `p`), when, and by which project setting. */
interface Expiry {
  what: keyof RetentionRun;
  table: string;
  /** The row's time compared with the project's days. */
  time: string;
  /** Further conditions: what never expires. */
  only?: string;
  setting: 'retention_deliveries_days' | 'retention_signals_days' | 'retention_incidents_days';
  defaultDays: (r: AppConfig['retention']) => number;
}

/** In order: incidents before alerts, so that the alerts they held are free to go. */
const EXPIRIES: Expiry[] = [
  {
    what: 'deliveries',
    table: 'inbound_events',
    time: 't.received_at',
    only: "t.status <> 'pending'",
    setting: 'retention_deliveries_days',
    defaultDays: (r) => r.deliveriesDays,
  },
  {
    what: 'signals',
    table: 'signals',
    time: 't.occurred_at',
    setting: 'retention_signals_days',
    defaultDays: (r) => r.signalsDays,
  },
  {
    what: 'incidents',
    table: 'incidents',
    time: 't.resolved_at',
    only: "t.status = 'resolved'",
    setting: 'retention_incidents_days',
    defaultDays: (r) => r.incidentsDays,
  },
  {
    what: 'alerts',
    table: 'alerts',
    time: 't.last_seen',
    only: 'NOT EXISTS (SELECT 1 FROM incident_alerts m WHERE m.alert_id = t.id)',
    setting: 'retention_incidents_days',
    defaultDays: (r) => r.incidentsDays,
  },
];

/** One batch of an expiry: $1 is the operator's default days, used where the project sets none. */
const batchSql = (e: Expiry) =>
  `DELETE FROM ${e.table} WHERE id IN (
     SELECT t.id FROM ${e.table} t JOIN projects p ON p.id = t.project_id
      WHERE ${e.only ? `${e.only} AND ` : ''}${e.time} < now() - make_interval(days => coalesce((p.settings->>'${e.setting}')::int, $1))
      LIMIT ${BATCH})`;

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
    const run: RetentionRun = { deliveries: 0, signals: 0, incidents: 0, alerts: 0 };
    for (const e of EXPIRIES)
      run[e.what] = await this.batches(batchSql(e), e.defaultDays(this.config.retention), started);
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
