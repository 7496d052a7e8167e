import { SchedulerRegistry } from '@nestjs/schedule';
import { CollectScheduler } from '../modules/orchestrator/collect/collect.scheduler';
import { fixture } from './support/fixtures';
import { FakeApi } from './support/fake-api';
import { connect, firstCollection } from './support/sources';
import { withDb } from './seed';
import { createTestApp, registerAndLogin, TestApp } from './test-app';
import { until } from './support/until';

const TOKEN = 'glsa_scheduler-token-0123456789';

interface Row {
  status: string;
  failures: number;
  cursor: Record<string, unknown> | null;
  last_collected_at: Date | null;
  due_in_s: number;
}

const row = (id: string) =>
  withDb(
    async (c) =>
      (
        await c.query(
          `SELECT status, failures, cursor, last_collected_at, extract(epoch FROM next_collect_at - now())::float AS due_in_s
       FROM account_connections WHERE id = $1`,
          [id],
        )
      ).rows[0] as Row,
  );
const makeDue = (id: string) =>
  withDb((c) =>
    c.query(`UPDATE account_connections SET next_collect_at = now() - interval '1 second' WHERE id = $1`, [id]),
  );

describe('collection schedule (e2e: two app instances on one database and Redis)', () => {
  let a: TestApp;
  let b: TestApp;
  let api: FakeApi;
  let auth: Record<string, string>;
  let healthy = true;

  beforeAll(async () => {
    api = await FakeApi.start((req) => {
      if (!healthy) return { status: 500, body: {} };
      if (req.url.pathname.endsWith('/rules'))
        return { body: fixture('grafana/grafana-prometheus-compat-rules.grafana-tests.json') };
      return { body: fixture('grafana/grafana-alertmanager-api-v2-alerts.CONSTRUCTED.json') };
    });
    a = await createTestApp();
    b = await createTestApp();
    auth = (await registerAndLogin(a, 'sched')).auth;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await api.close();
  });

  const collects = () => api.requests.filter((r) => r.url.pathname.endsWith('/v2/alerts')).length;

  it('runs an account once per interval however many schedulers tick, and keeps its cursor', async () => {
    const pid = (await a.http().post('/api/v1/projects').set(auth).send({ name: 'sched' }).expect(201)).body.id;
    const acct = await connect(a, auth, pid, 'grafana', { token: TOKEN }, { base_url: api.url });
    await firstCollection(a, auth, acct.id);
    const first = await row(acct.id);
    expect(first.cursor).toEqual({
      firing: { d8a21484c9c25a60: expect.objectContaining({ startsAt: '2022-06-17T00:41:00.782Z' }) },
    });
    expect(first.due_in_s).toBeGreaterThan(86_000);
    const before = collects();

    await makeDue(acct.id);
    const ticks = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).app.get(CollectScheduler).tick()),
    );
    // At most one claim in all (the apps' own 5-second ticks may take it first).
    expect(ticks.reduce((n, x) => n + x, 0)).toBeLessThanOrEqual(1);
    await until(
      'the collection',
      async () => (Number((await row(acct.id)).last_collected_at) > Number(first.last_collected_at) ? true : undefined),
      10_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(collects()).toBe(before + 1);
    expect((await row(acct.id)).due_in_s).toBeGreaterThan(86_000);
  });

  it('backs a failing account off, longer each time, and marks it error after three failures', async () => {
    const pid = (await a.http().post('/api/v1/projects').set(auth).send({ name: 'backoff' }).expect(201)).body.id;
    const acct = await connect(a, auth, pid, 'grafana', { token: TOKEN }, { base_url: api.url, interval_seconds: 10 });
    await firstCollection(a, auth, acct.id);
    // From here on only this test ticks: the apps' own 5-second ticks would race it for each claim.
    for (const app of [a, b]) app.app.get(SchedulerRegistry).deleteInterval('collect-schedule');
    healthy = false;
    try {
      const seen: Array<{ status: string; failures: number; due: number }> = [];
      for (let i = 1; i <= 3; i++) {
        await makeDue(acct.id);
        expect(await a.app.get(CollectScheduler).tick()).toBeGreaterThanOrEqual(1);
        const r = await until(
          'the failure',
          async () => {
            const x = await row(acct.id);
            return x.failures === i ? x : undefined;
          },
          10_000,
        );
        seen.push({ status: r.status, failures: r.failures, due: Math.round(r.due_in_s) });
      }
      expect(seen.map((s) => s.status)).toEqual(['active', 'active', 'error']);
      // 15 s, 30 s, 60 s (never sooner than the 10 s interval)
      expect(seen.map((s) => s.due)).toEqual([expect.closeTo(15, -1), expect.closeTo(30, -1), expect.closeTo(60, -1)]);
      const shown = (await a.http().get(`/api/v1/accounts/${acct.id}`).set(auth).expect(200)).body;
      expect(shown).toMatchObject({ status: 'error', last_error: 'Grafana failed (500)' });
    } finally {
      healthy = true;
    }
    // Healthy again: the next collection clears the error.
    await makeDue(acct.id);
    await a.app.get(CollectScheduler).tick();
    const back = await until(
      'recovery',
      async () => {
        const x = await row(acct.id);
        return x.failures === 0 ? x : undefined;
      },
      10_000,
    );
    expect(back.status).toBe('active');
  });
});
