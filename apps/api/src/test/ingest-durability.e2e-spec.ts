import { runMigrations } from '../database/run-migrations';
import { burstDelivery as delivery, queryRows as q } from './support/burst';
import { postWebhook, waitForDeliveries } from './support/webhook-client';
import { createDatabase, dropDatabase } from './test-database';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

async function setup(t: TestApp, tag: string) {
  const u = await registerAndLogin(t, tag);
  const id = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: tag }).expect(201)).body.id as string;
  const token = (await t.http().post(`/api/v1/projects/${id}/webhooks/token`).set(u.auth).expect(201)).body
    .token as string;
  return { id, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } };
}

describe('ingest durability (e2e)', () => {
  it('answers 503 while the database is unavailable, so the sender retries, and recovers', async () => {
    const admin = process.env['TEST_DATABASE_ADMIN_URL'] as string;
    const name = `mozaic_down_${Date.now().toString(36)}`;
    const url = await createDatabase(admin, name);
    await runMigrations(url);
    const t = await createTestApp({ DATABASE_URL: url });
    try {
      const p = await setup(t, 'dbdown');
      await q(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await q(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      const down = await postWebhook(t, `/webhooks/alertmanager/${p.id}`, delivery(1), p.headers);
      expect(down.status).toBe(503);
      expect(down.body.message).toMatch(/retry/);
      await q(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await postWebhook(t, `/webhooks/alertmanager/${p.id}`, delivery(1), p.headers).expect(202);
    } finally {
      await t.close();
      await q(admin, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await dropDatabase(admin, name);
    }
  });

  it('stores a concurrent burst through group commit: redeliveries in one batch are one row, a failing row fails alone', async () => {
    const t = await createTestApp();
    try {
      const p = await setup(t, 'groupcommit');
      const gone = await setup(t, 'groupcommit-gone');
      // The deleted project's secrets are still cached: its row reaches the batch and fails there (FK).
      await postWebhook(t, `/webhooks/alertmanager/${gone.id}`, delivery(0), gone.headers).expect(202);
      await waitForDeliveries(gone.id, 1);
      await q(process.env['TEST_DATABASE_URL'] as string, 'DELETE FROM projects WHERE id = $1', [gone.id]);
      const post = (body: string) => postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, p.headers);
      const answers = await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => post(delivery(i))),
        ...Array.from({ length: 10 }, () => post(delivery(500))),
        postWebhook(t, `/webhooks/alertmanager/${gone.id}`, delivery(1), gone.headers),
      ]);
      const distinct = answers.slice(0, 40);
      const copies = answers.slice(40, 50);
      expect(distinct.map((r) => r.status)).toEqual(Array(40).fill(202));
      expect(new Set(distinct.map((r) => r.body.id)).size).toBe(40);
      expect(copies.filter((r) => r.status === 202)).toHaveLength(1);
      expect(copies.filter((r) => r.status === 200)).toHaveLength(9);
      expect(new Set(copies.map((r) => r.body.id)).size).toBe(1);
      expect(answers[50].status).toBe(404);
      const [{ rows }] = await q<{ rows: number }>(
        process.env['TEST_DATABASE_URL'] as string,
        'SELECT count(*)::int AS rows FROM inbound_events WHERE project_id = $1',
        [p.id],
      );
      expect(rows).toBe(41);
      await waitForDeliveries(p.id, 41);
    } finally {
      await t.close();
    }
  });
});
