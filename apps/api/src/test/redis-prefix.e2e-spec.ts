import Redis from 'ioredis';
import { fixtureText } from './support/fixtures';
import { TestRedis } from './support/redis-server';
import { postWebhook, waitForDeliveries } from './support/webhook-client';
import { createProject } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

/** Every queue key carries REDIS_PREFIX, so deployments (or a test run and a dev server) can share a Redis. */
TestRedis.describe()('REDIS_PREFIX (e2e)', () => {
  let redis: TestRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await TestRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url, REDIS_PREFIX: 'tenant-a' });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('keeps every key of the queues under the prefix', async () => {
    const u = await registerAndLogin(t, 'prefix');
    const projectId = await createProject(t, u.auth, 'prefix');
    const token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(u.auth).expect(201)).body
      .token;
    await postWebhook(
      t,
      `/webhooks/alertmanager/${projectId}`,
      fixtureText('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'),
      { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    ).expect(202);
    await waitForDeliveries(projectId, 1);
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('*');
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((k) => !k.startsWith('tenant-a:'))).toEqual([]);
      expect(keys.some((k) => k.startsWith('tenant-a:ingest:'))).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});
