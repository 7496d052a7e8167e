import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, parseConfig } from './config/app-config';
import { runMigrations } from './database/run-migrations';
import { MetricsRegistry } from './metrics/metrics-registry.service';
import { startMetricsServer } from './metrics/metrics-server';

/**
 * A worker process for scale-out: the same modules without HTTP, consuming the BullMQ queues
 * (all, or those WORKER_QUEUES names) and running the sweepers. Needs DATABASE_URL, REDIS_URL, SECRET_KEY and ENCRYPTION_KEY.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig({ ...process.env, RUN_WORKERS: 'true' });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(JSON.stringify({ level: 'error', msg: e.message }) + '\n');
      process.exit(1);
    }
    throw e;
  }
  if (!config.redisUrl) {
    process.stderr.write(
      JSON.stringify({ level: 'error', msg: 'REDIS_URL is required for a separate worker process' }) + '\n',
    );
    process.exit(1);
  }
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // A close that waits on an absent Redis must not keep the process up.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => setTimeout(() => process.exit(1), 5_000).unref());
  if (config.metrics.port !== null) {
    const server = await startMetricsServer(app.get(MetricsRegistry), config.metrics.port, config.metrics.token);
    process.once('SIGTERM', () => server.close());
  }
  const queues = config.workerQueues?.join(', ') ?? 'ingest, collect, notify';
  process.stderr.write(JSON.stringify({ level: 'info', msg: `MOZAIC worker consuming: ${queues}` }) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(
    JSON.stringify({ level: 'error', msg: `worker failed: ${e instanceof Error ? e.message : String(e)}` }) + '\n',
  );
  process.exit(1);
});
