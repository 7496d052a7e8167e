import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountConnectionEntity } from '../accounts/entities/account-connection.entity';
import { AccountTester } from './account-tester.service';
import { CloudWatchProvider } from './providers/cloudwatch/cloudwatch.provider';
import { DockerProvider } from './providers/docker/docker.provider';
import { GrafanaProvider } from './providers/grafana/grafana.provider';
import { KubernetesProvider } from './providers/kubernetes/kubernetes.provider';
import { SentryProvider } from './providers/sentry/sentry.provider';
import { SOURCE_PROVIDERS, SourceProvider } from './source-provider.interface';
import { SourceRunner } from './source-runner.service';

const PROVIDERS = [KubernetesProvider, DockerProvider, CloudWatchProvider, GrafanaProvider, SentryProvider];

/** The source clients (one injectable provider per source), their runner and the connection tester. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountConnectionEntity])],
  providers: [
    ...PROVIDERS,
    { provide: SOURCE_PROVIDERS, useFactory: (...all: SourceProvider[]) => all, inject: PROVIDERS },
    SourceRunner,
    AccountTester,
  ],
  exports: [SourceRunner, AccountTester],
})
export class SourcesModule {}
