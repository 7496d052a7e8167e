import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FetchItemStatus, ServiceType } from '@mozaic/contracts';
import { DataSource, In } from 'typeorm';
import { NotFoundError } from '../../../common/errors';
import { AccountConnectionEntity } from '../../accounts/entities/account-connection.entity';
import { ProjectsService } from '../../projects/projects.service';
import { CollectQueue } from '../collect/collect-queue';
import { FetchRunResponse } from './dto/fetch-run.response';
import { FetchRunItemEntity } from './entities/fetch-run-item.entity';
import { FetchRunEntity } from './entities/fetch-run.entity';

interface ItemRow {
  account_id: string;
  name: string;
  service_type: ServiceType;
  status: FetchItemStatus;
  signal_count: number | null;
  error: string | null;
  finished_at: Date | null;
}

/** "Fetch now": one collect job per active (or failing) account of a project, and its progress. */
@Injectable()
export class FetchRunsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsService,
    private readonly queue: CollectQueue,
  ) {}

  async start(userId: string, projectId: string): Promise<FetchRunResponse> {
    await this.projects.findOwned(userId, projectId);
    const { run, accounts } = await this.db.transaction(async (m) => {
      const accounts = await m.find(AccountConnectionEntity, {
        where: { projectId, status: In(['active', 'error']) },
        order: { createdAt: 'ASC' },
      });
      const run = await m.save(m.create(FetchRunEntity, { projectId }));
      if (accounts.length)
        await m.insert(
          FetchRunItemEntity,
          accounts.map((a) => ({ runId: run.id, accountId: a.id, status: 'pending' as const })),
        );
      return { run, accounts };
    });
    for (const a of accounts)
      await this.queue
        .enqueue({ accountId: a.id, runId: run.id }, `fetch:${run.id}:${a.id}`)
        .catch(async (e: unknown) => {
          await this.db.getRepository(FetchRunItemEntity).update(
            { runId: run.id, accountId: a.id },
            {
              status: 'failed',
              error: `could not be queued: ${e instanceof Error ? e.message : String(e)}`,
              finishedAt: new Date(),
            },
          );
        });
    return this.get(userId, run.id);
  }

  async get(userId: string, runId: string): Promise<FetchRunResponse> {
    const runs: Array<{ id: string; project_id: string; created_at: Date }> = await this.db.query(
      `SELECT r.id, r.project_id, r.created_at FROM fetch_runs r JOIN projects p ON p.id = r.project_id
        WHERE r.id = $1 AND p.user_id = $2`,
      [runId, userId],
    );
    const run = runs[0];
    if (!run) throw new NotFoundError('Fetch run');
    const items: ItemRow[] = await this.db.query(
      `SELECT i.account_id, a.name, a.service_type, i.status, i.signal_count, i.error, i.finished_at
         FROM fetch_run_items i JOIN account_connections a ON a.id = i.account_id
        WHERE i.run_id = $1 ORDER BY a.created_at, a.id`,
      [runId],
    );
    return {
      id: run.id,
      project_id: run.project_id,
      created_at: new Date(run.created_at).toISOString(),
      finished: items.every((i) => i.status === 'done' || i.status === 'failed'),
      accounts: items.map((i) => ({
        account_id: i.account_id,
        account_name: i.name,
        service_type: i.service_type,
        status: i.status,
        signal_count: i.signal_count,
        error: i.error,
        finished_at: i.finished_at ? new Date(i.finished_at).toISOString() : null,
      })),
    };
  }
}
