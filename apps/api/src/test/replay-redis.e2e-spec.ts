import { fixtureText } from './support/fixtures';
import { TestRedis } from './support/redis-server';
import { waitForDeliveries } from './support/webhook-client';
import { createProject } from './support/sources';
import { withDb } from './seed';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

/** A replay while Redis is away answers 503 at once and changes nothing; once Redis is back it works. */
TestRedis.describe()('replaying a failed delivery while Redis is down (e2e)', () => {
  let redis: TestRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await TestRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('answers 503 with the delivery left as it was, then replays after Redis returns', async () => {
    const u = await registerAndLogin(t, 'replay-redis');
    const projectId = await createProject(t, u.auth, 'replay-redis');
    const [{ id }] = await withDb(
      async (c) =>
        (
          await c.query(
            `INSERT INTO inbound_events (project_id, source, kind, dedup_key, body, status, attempts, last_error)
             VALUES ($1, 'alertmanager', 'firing', 'manual-redis-1', $2, 'failed', 5, 'Error: boom') RETURNING id`,
            [projectId, fixtureText('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json')],
          )
        ).rows,
    );
    await redis.kill();
    // Before the fix this request got no answer at all (the test's time-out then fails it).
    const refused = await t.http().post(`/api/v1/projects/${projectId}/events/${id}/replay`).set(u.auth);
    expect(refused.status).toBe(503);
    const [row] = await withDb(
      async (c) => (await c.query(`SELECT status FROM inbound_events WHERE id = $1`, [id])).rows,
    );
    expect(row.status).toBe('failed');

    await redis.up();
    let accepted = 0;
    for (let i = 0; i < 50 && accepted !== 202; i++) {
      accepted = (await t.http().post(`/api/v1/projects/${projectId}/events/${id}/replay`).set(u.auth)).status;
      if (accepted !== 202) await new Promise((r) => setTimeout(r, 200));
    }
    expect(accepted).toBe(202);
    const rows = await waitForDeliveries(projectId, 1);
    expect(rows[0]).toMatchObject({ status: 'processed', last_error: null });
  }, 60_000);
});
