import { Client } from 'pg';
import { runMigrations } from '../database/run-migrations';
import { fixture } from './support/fixtures';
import { postWebhook } from './support/webhook-client';
import { createDatabase, dropDatabase } from './test-database';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON

/** One Alertmanager delivery carrying one alert of its own (distinct fingerprint and host). */
function delivery(n: number): string {
  const p = fixture<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
  const a = p['alerts'][0];
  p['alerts'] = [
    { ...a, fingerprint: `burst-${n}`, labels: { ...a['labels'], host: `node-${n % 7}`, alertname: `Burst ${n}` } },
  ];
  p['groupKey'] = `{}:{alertname="Burst ${n}"}`;
  return JSON.stringify(p);
}

async function q<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

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
});
