import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { RetentionService } from './retention.service';

/** Any constant: one retention run at a time across every process sharing the database. */
const LOCK = 7_240_415;

/** Every RETENTION_INTERVAL_S (in processes that run workers): one retention run, by whichever process gets the lock. */
@Injectable()
export class RetentionScheduler implements OnModuleInit {
  private readonly logger = new Logger(RetentionScheduler.name);
  private running = false;

  constructor(
    private readonly retention: RetentionService,
    private readonly schedule: SchedulerRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.runWorkers) return;
    const timer = setInterval(() => void this.tick(), this.config.retention.intervalS * 1000);
    this.schedule.addInterval('retention', timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return;
      try {
        const run = await this.retention.run();
        if (run.deliveries + run.signals + run.incidents + run.alerts > 0) this.logger.log(run, 'retention removed');
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      }
    } catch (e) {
      this.logger.error({ err: e }, 'retention run failed');
    } finally {
      this.running = false;
      await runner.release();
    }
  }
}
