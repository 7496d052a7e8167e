import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { loggerOptions } from './common/http/logger-options';
import { SERVING_TIMEOUTS, typeormOptions } from './database/typeorm-options';
import { HealthModule } from './health/health.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuthModule } from './modules/auth/auth.module';
import { IncidentsModule } from './modules/incidents/incidents.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { SilencesModule } from './modules/silences/silences.module';
import { RetentionModule } from './modules/retention/retention.module';
import { OrchestratorModule } from './modules/orchestrator/orchestrator.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { OutboundOverrides, WebhooksModule } from './modules/webhooks/webhooks.module';
import { QueueModule } from './queue/queue.module';
import { MetricsModule } from './metrics/metrics.module';

export interface AppOptions {
  /** Where log lines go (stdout by default); tests pass a stream to read them. */
  logStream?: DestinationStream;
  /** Stand-ins for AWS endpoints, for tests only. */
  outbound?: OutboundOverrides;
}

/** Composition only: which modules make MOZAIC, configured from the validated config. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    const web =
      config.webDist && existsSync(config.webDist)
        ? [
            ServeStaticModule.forRoot({
              rootPath: config.webDist,
              exclude: ['/api/{*path}', '/webhooks/{*path}', '/alertmanager/{*path}', '/metrics'],
            }),
          ]
        : [];
    const webhooks = WebhooksModule.forRoot(config, options.outbound);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.logLevel, options.logStream)),
        TypeOrmModule.forRoot({
          ...typeormOptions(config.databaseUrl),
          extra: { ...typeormOptions(config.databaseUrl).extra, ...SERVING_TIMEOUTS },
          retryAttempts: 2,
          retryDelay: 500,
        }),
        ScheduleModule.forRoot(),
        CryptoModule,
        RateLimitModule,
        HealthModule,
        MetricsModule,
        AuthModule,
        ProjectsModule,
        AccountsModule,
        IncidentsModule,
        QueueModule.forRoot(config),
        webhooks,
        OrchestratorModule.forRoot(config),
        NotificationsModule.forRoot(config),
        SilencesModule.forRoot(config, webhooks),
        RetentionModule,
        ...web,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
