import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { ConfigError, parseConfig } from './config/app-config';
import { fillDevSecrets } from './config/dev-secrets';
import { createApp } from './create-app';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/run-migrations';

/** Plain JSON lines before the app's own logger exists. */
function say(level: 'info' | 'warn' | 'error', msg: string): void {
  process.stderr.write(JSON.stringify({ level, time: Date.now(), msg }) + '\n');
}

/**
 * Starts MOZAIC. With no settings at all it runs single-node: a real PostgreSQL from
 * embedded-postgres (data under .mozaic/), generated development secrets, and the built web app.
 */
async function main(): Promise<void> {
  const env: Record<string, string | undefined> = { ...process.env };
  const dataDir = resolve(env['MOZAIC_DATA_DIR'] ?? '.mozaic');
  let embedded: EmbeddedDatabase | null = null;

  if (!env['DATABASE_URL']) {
    const port = Number(env['EMBEDDED_PG_PORT'] ?? 5488);
    embedded = await startEmbeddedPostgres(dataDir, port);
    say(
      'warn',
      `DATABASE_URL is not set: started the embedded PostgreSQL on 127.0.0.1:${port} (data in ${embedded.dir})`,
    );
    env['DATABASE_URL'] = embedded.url;
    const filled = fillDevSecrets(env, dataDir);
    if (filled.length) {
      say(
        'warn',
        `${filled.join(' and ')} not set: using development secrets kept in ${dataDir}/secrets.json. Set them for production.`,
      );
    }
  }
  env['WEB_DIST'] ??= join(__dirname, '..', 'web', 'browser');

  let config;
  try {
    config = parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      say('error', e.message);
      await embedded?.stop();
      process.exit(1);
    }
    throw e;
  }

  const applied = await runMigrations(config.databaseUrl);
  if (applied.length) say('info', `applied migrations: ${applied.join(', ')}`);

  const app = await createApp(config);
  const stop = async () => {
    // Closing waits for Redis and PostgreSQL; when one of them is away it must not keep the process up.
    setTimeout(() => {
      say('warn', `shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms (Redis or PostgreSQL away?): exiting`);
      void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen(config.port, config.host);
  say(
    'info',
    `MOZAIC is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (API docs at /api/docs)`,
  );
}

/** How long a SIGTERM waits for a clean close. */
const SHUTDOWN_DEADLINE_MS = 5_000;

main().catch((e: unknown) => {
  say('error', `MOZAIC failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
