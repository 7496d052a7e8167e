import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { createDatabase, startTestServer, TestServer } from './test-database';

interface TestGlobals {
  __MOZAIC_TEST_SERVER__?: TestServer;
  __MOZAIC_TEST_DB__?: string;
}

const root = join(__dirname, '../../../..');

/** Once per test run: a fresh database on a real PostgreSQL, migrated. Workers read TEST_DATABASE_URL. */
export default async function globalSetup(): Promise<void> {
  // Jest's module mapping does not reach global setup: resolve the workspace aliases here.
  const base = (await import(join(root, 'tsconfig.base.json'))) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  register({ baseUrl: root, paths: base.compilerOptions.paths });
  const { runMigrations } = await import('../database/run-migrations');

  const server = await startTestServer();
  const name = `mozaic_test_${Date.now().toString(36)}_${process.pid}`;
  const url = await createDatabase(server.adminUrl, name);
  await runMigrations(url);
  process.env['TEST_DATABASE_URL'] = url;
  process.env['TEST_DATABASE_ADMIN_URL'] = server.adminUrl;
  const g = globalThis as TestGlobals;
  g.__MOZAIC_TEST_SERVER__ = server;
  g.__MOZAIC_TEST_DB__ = name;
}
