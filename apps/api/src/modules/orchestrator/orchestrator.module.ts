import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { declareQueue } from '../../queue/declare-queue';
import { AccountConnectionEntity } from '../accounts/entities/account-connection.entity';
import { IncidentsModule } from '../incidents/incidents.module';
import { ProjectsModule } from '../projects/projects.module';
import { AccountCollector } from './collect/account-collector.service';
import { BullCollectQueue } from './collect/bull-collect.queue';
import { CollectConsumer } from './collect/collect.processor';
import { COLLECT_QUEUE, CollectQueue } from './collect/collect-queue';
import { CollectScheduler } from './collect/collect.scheduler';
import { InProcessCollectQueue } from './collect/in-process-collect.queue';
import { OrchestratorController } from './orchestrator.controller';
import { FetchRunItemEntity } from './runs/entities/fetch-run-item.entity';
import { FetchRunEntity } from './runs/entities/fetch-run.entity';
import { FetchRunsService } from './runs/fetch-runs.service';
import { SourcesModule } from './sources.module';

/**
 * Pulling sources: the schedule (claims in PostgreSQL), collect jobs (BullMQ "collect" with
 * REDIS_URL, in-process otherwise) and the manual fetch with its progress.
 */
@Module({})
export class OrchestratorModule {
  static forRoot(config: AppConfig): DynamicModule {
    const consume = config.runWorkers || !config.redisUrl;
    const queue = declareQueue(config, {
      name: COLLECT_QUEUE,
      token: CollectQueue,
      bull: BullCollectQueue,
      inProcess: InProcessCollectQueue,
      processor: CollectConsumer,
    });
    return {
      module: OrchestratorModule,
      imports: [
        TypeOrmModule.forFeature([AccountConnectionEntity, FetchRunEntity, FetchRunItemEntity]),
        SourcesModule,
        IncidentsModule,
        ProjectsModule,
        ...queue.imports,
      ],
      controllers: [OrchestratorController],
      providers: [AccountCollector, FetchRunsService, ...queue.providers, ...(consume ? [CollectScheduler] : [])],
      exports: [],
    };
  }
}
