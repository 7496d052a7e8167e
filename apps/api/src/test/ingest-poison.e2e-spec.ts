import { fixtureText } from './support/fixtures';
import { postWebhook, waitForDeliveries } from './support/webhook-client';
import { createProject } from './support/sources';
import { withDb } from './seed';
import { createTestApp, registerAndLogin, TestApp } from './test-app';
import { until } from './support/until';

/** Deliveries that fail in the worker retry without holding up anyone else's (in-process queue). */
describe('failing deliveries do not delay others (e2e, in-process queue)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: '' });
  });
  afterAll(() => t.close());

  it('processes a good delivery while two poison ones wait for their retries, which end as failed', async () => {
    const u = await registerAndLogin(t, 'poison');
    const bad = await createProject(t, u.auth, 'poison');
    const good = await createProject(t, u.auth, 'good');
    const token = (await t.http().post(`/api/v1/projects/${good}/webhooks/token`).set(u.auth).expect(201)).body.token;
    // Stored but unprocessable (as a delivery from before a limit existed would be): the sweeper queues them.
    const poison = await withDb(async (c) =>
      (
        await c.query(
          `INSERT INTO inbound_events (project_id, source, kind, dedup_key, body, status, received_at)
           VALUES ($1, 'alertmanager', 'firing', 'poison-1', 'not json', 'pending', now() - interval '1 minute'),
                  ($1, 'alertmanager', 'firing', 'poison-2', 'not json', 'pending', now() - interval '1 minute')
           RETURNING id`,
          [bad],
        )
      ).rows.map((r: { id: string }) => r.id),
    );
    const states = () =>
      withDb(
        async (c) => (await c.query(`SELECT status, attempts FROM inbound_events WHERE id = ANY($1)`, [poison])).rows,
      );
    await until('both poison deliveries to fail once', async () =>
      (await states()).every((r: { attempts: number }) => r.attempts >= 1) ? true : undefined,
    );

    await postWebhook(
      t,
      `/webhooks/alertmanager/${good}`,
      Buffer.from(fixtureText('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json')),
      {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
    ).expect(202);
    const [done] = await waitForDeliveries(good, 1);
    expect(done).toMatchObject({ status: 'processed' });
    // The good one did not wait for the poison to run out of retries.
    expect((await states()).map((r: { status: string }) => r.status)).toEqual(['pending', 'pending']);

    const final = await until(
      'the poison deliveries to end as failed',
      async () => {
        const rows = await states();
        return rows.every((r: { status: string }) => r.status === 'failed') ? rows : undefined;
      },
      30_000,
    );
    expect(final).toEqual([
      { status: 'failed', attempts: 5 },
      { status: 'failed', attempts: 5 },
    ]);
  }, 60_000);
});
