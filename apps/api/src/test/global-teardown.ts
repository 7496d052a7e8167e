import { dropDatabase, TestServer } from './test-database';

interface TestGlobals {
  __MOZAIC_TEST_SERVER__?: TestServer;
  __MOZAIC_TEST_DB__?: string;
}

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as TestGlobals;
  const server = g.__MOZAIC_TEST_SERVER__;
  if (!server) return;
  if (g.__MOZAIC_TEST_DB__) await dropDatabase(server.adminUrl, g.__MOZAIC_TEST_DB__);
  await server.stop();
}
