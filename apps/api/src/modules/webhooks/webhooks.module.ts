import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config';
import { declareQueue } from '../../queue/declare-queue';
import { AccountConnectionEntity } from '../accounts/entities/account-connection.entity';
import { IncidentsModule } from '../incidents/incidents.module';
import { ProjectsModule } from '../projects/projects.module';
import { InboundEventEntity } from './entities/inbound-event.entity';
import { ProjectWebhookEntity } from './entities/project-webhook.entity';
import { InboundEventsController } from './inbound-events.controller';
import { InboundEventsService } from './inbound-events.service';
import { BullIngestQueue } from './ingest/bull-ingest.queue';
import { IngestConsumer } from './ingest/ingest.processor';
import { DeliveryWriter } from './ingest/delivery-writer.service';
import { EventSweeper } from './ingest/event-sweeper.scheduler';
import { InProcessIngestQueue } from './ingest/in-process-ingest.queue';
import { INGEST_QUEUE, IngestQueue } from './ingest/ingest-queue';
import { IngestWorker } from './ingest/ingest-worker.service';
import { HttpsSnsSubscriptionConfirmer, SnsSubscriptionConfirmer } from './ingest/sns-subscription.service';
import {
  HttpsSnsCertFetcher,
  SNS_VERIFY_OPTIONS,
  SnsCertFetcher,
  SnsVerifier,
  SnsVerifyOptions,
} from './verifiers/sns-verifier.service';
import { WebhookIntake } from './webhook-intake.service';
import { WebhookSettingsController } from './webhook-settings.controller';
import { WebhookSettingsService } from './webhook-settings.service';
import { WebhookVerifier } from './webhook-verifier.service';
import { WebhooksController } from './webhooks.controller';
import { WebhookHttpAdapter } from './http/webhook-http-adapter.service';

/** What reaches out of the process (AWS): replaceable for tests that speak to local peers. */
export interface OutboundOverrides {
  snsCertFetcher?: SnsCertFetcher;
  snsConfirmer?: SnsSubscriptionConfirmer;
  snsVerify?: SnsVerifyOptions;
}

import { HeartbeatEntity } from './entities/heartbeat.entity';
import { HeartbeatLedger } from './heartbeats/heartbeat-ledger.service';
import { HeartbeatScheduler } from './heartbeats/heartbeat.scheduler';
/**
 * Webhooks in, deliveries stored, work distributed: through BullMQ when REDIS_URL is set (workers
 * here unless RUN_WORKERS=false, and in worker.ts), else through the in-process driver.
 */
@Module({})
export class WebhooksModule {
  static forRoot(config: AppConfig, outbound: OutboundOverrides = {}): DynamicModule {
    const queue = declareQueue(config, {
      name: INGEST_QUEUE,
      token: IngestQueue,
      bull: BullIngestQueue,
      inProcess: InProcessIngestQueue,
      processor: IngestConsumer,
    });
    return {
      module: WebhooksModule,
      imports: [
        TypeOrmModule.forFeature([InboundEventEntity, ProjectWebhookEntity, AccountConnectionEntity, HeartbeatEntity]),
        ProjectsModule,
        IncidentsModule,
        ...queue.imports,
      ],
      controllers: [WebhooksController, WebhookSettingsController, InboundEventsController],
      exports: [WebhookIntake],
      providers: [
        WebhookIntake,
        WebhookHttpAdapter,
        DeliveryWriter,
        WebhookVerifier,
        WebhookSettingsService,
        InboundEventsService,
        IngestWorker,
        SnsVerifier,
        ...queue.providers,
        HeartbeatLedger,
        ...(config.runWorkers || !config.redisUrl ? [EventSweeper, HeartbeatScheduler] : []),
        { provide: SnsCertFetcher, useValue: outbound.snsCertFetcher ?? new HttpsSnsCertFetcher() },
        { provide: SnsSubscriptionConfirmer, useValue: outbound.snsConfirmer ?? new HttpsSnsSubscriptionConfirmer() },
        { provide: SNS_VERIFY_OPTIONS, useValue: outbound.snsVerify ?? {} },
      ],
    };
  }
}
