import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * MOZAIC's Prometheus metrics, one registry per app (never the global one: tests run several apps in
 * a process). Counters are incremented where things happen; backlog and incident gauges are read
 * from PostgreSQL when scraped. Labels stay low-cardinality: route templates, never ids.
 */
@Injectable()
export class MetricsRegistry implements OnModuleInit {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'mozaic_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'mozaic_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly deliveries = new Counter({
    name: 'mozaic_webhook_deliveries_total',
    help: 'Webhook deliveries by source and outcome (accepted, duplicate, refused, failed)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'mozaic_notifications_total',
    help: 'Notification attempts by channel type and outcome (sent, retry, failed)',
    labelNames: ['channel_type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'mozaic_job_duration_seconds',
    help: 'Time a queue job took in this process, by queue (ingest, collect, notify)',
    labelNames: ['queue'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly processingLag = new Histogram({
    name: 'mozaic_processing_lag_seconds',
    help: 'Time from a delivery being received to its processing (its incident visible), per delivery',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  readonly collections = new Counter({
    name: 'mozaic_collections_total',
    help: 'Collections of pulled accounts by source and outcome (ok, failed)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly collectionDuration = new Histogram({
    name: 'mozaic_collection_duration_seconds',
    help: 'Time one collection of one account took, by source',
    labelNames: ['source'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A gauge read when scraped (Redis reachability, queue depths: registered by those who know them). */
  gauge(name: string, help: string, labelNames: string[], collect: (g: Gauge) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        await collect(this);
      },
    });
  }

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry, prefix: 'mozaic_' });
    const db = this.db;
    new Gauge({
      name: 'mozaic_database_up',
      help: 'Whether this process reaches PostgreSQL (1) or not (0)',
      registers: [this.registry],
      async collect() {
        this.set((await count(db, 'SELECT 1 AS n')) === 1 ? 1 : 0);
      },
    });
    new Gauge({
      name: 'mozaic_ingest_backlog',
      help: 'Stored webhook deliveries not processed yet',
      registers: [this.registry],
      async collect() {
        this.set(await count(db, `SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending'`));
      },
    });
    new Gauge({
      name: 'mozaic_ingest_oldest_pending_seconds',
      help: 'Age of the oldest delivery not processed yet (0 when none)',
      registers: [this.registry],
      async collect() {
        this.set(
          await count(
            db,
            `SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0)::float AS n FROM inbound_events WHERE status = 'pending'`,
          ),
        );
      },
    });
    new Gauge({
      name: 'mozaic_notifications_pending',
      help: 'Notifications committed and not delivered yet (including those waiting for a retry)',
      registers: [this.registry],
      async collect() {
        this.set(await count(db, `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`));
      },
    });
    new Gauge({
      name: 'mozaic_open_incidents',
      help: 'Incidents not resolved, by severity (all projects)',
      labelNames: ['severity'] as const,
      registers: [this.registry],
      async collect() {
        const rows: Array<{ severity: string; n: number }> = await db
          .query(`SELECT severity, count(*)::int AS n FROM incidents WHERE status <> 'resolved' GROUP BY severity`)
          .catch(() => []);
        this.reset();
        for (const r of rows) this.set({ severity: r.severity }, r.n);
      },
    });
  }
}

/** One number from the database; -1 when it cannot be read (the database is away). */
async function count(db: DataSource, sql: string): Promise<number> {
  try {
    const [row] = (await db.query(sql)) as Array<{ n: number }>;
    return Number(row?.n ?? 0);
  } catch {
    return -1;
  }
}
