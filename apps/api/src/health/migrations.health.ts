import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../database/typeorm-options';

/** Up when every migration this build knows has run on the database (a process of a newer build waits). */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const h = this.indicator.check(key);
    try {
      const rows: Array<{ name: string }> = await this.db.query('SELECT name FROM migrations');
      const ran = new Set(rows.map((r) => r.name));
      const missing = MIGRATIONS.map((m) => m.name).filter((n) => !ran.has(n));
      return missing.length === 0 ? h.up({ applied: ran.size }) : h.down({ missing: missing.length });
    } catch {
      return h.down({ error: 'the migrations table cannot be read' });
    }
  }
}
