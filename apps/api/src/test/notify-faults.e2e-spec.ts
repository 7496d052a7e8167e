import { BuiltProcess, postJson, projectWithToken } from './support/built-app';
import { queryRows as q } from './support/burst';
import { alertmanagerNotification } from './corpus/payloads';
import { Receivers } from './support/receivers';
import { TestRedis } from './support/redis-server';
import { until } from './support/until';

interface Row {
  status: string;
  attempts: number;
}

/** Alerts posted to a running api; 202 expected. */
async function fire(base: string, p: { id: string; token: string }, service: string): Promise<void> {
  const body = alertmanagerNotification(
    'mozaic',
    ['service'],
    [
      {
        labels: { alertname: 'KubeDeploymentReplicasMismatch', severity: 'warning', service, namespace: 'prod' },
        startsAt: Date.now(),
      },
    ],
  );
  const res = await fetch(`${base}/webhooks/alertmanager/${p.id}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${p.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
}

async function hookChannel(base: string, p: { id: string; access: string }, url: string): Promise<void> {
  const c = await postJson(
    base,
    `/api/v1/projects/${p.id}/channels`,
    { name: 'hook', type: 'webhook', settings: { url } },
    p.access,
  );
  await postJson(
    base,
    `/api/v1/projects/${p.id}/routes`,
    { name: 'all', channel_ids: [c.id], is_default: true },
    p.access,
  );
}

const rows = (projectId: string) =>
  q<Row>(
    process.env['TEST_DATABASE_URL'] as string,
    'SELECT status, attempts FROM notifications WHERE project_id = $1',
    [projectId],
  );

/**
 * Notification delivery through the faults of a real deployment, on the built processes with a
 * private redis-server: a worker killed in the middle of a send, and Redis away when a change commits.
 */
TestRedis.describe()('notification delivery with workers and Redis failing (e2e)', () => {
  let rx: Receivers;

  beforeAll(async () => {
    rx = new Receivers();
    await rx.start();
  });

  afterAll(async () => {
    await rx.stop();
  });

  it('re-sends at most once when the worker is killed mid-send, with the same delivery id', async () => {
    const redis = await TestRedis.start();
    const env = { REDIS_URL: redis.url, NOTIFY_TIMEOUT_MS: '1000' };
    const { process: api, base } = await BuiltProcess.api({ ...env, RUN_WORKERS: 'false' });
    let worker = BuiltProcess.spawn('worker.js', env);
    try {
      const p = await projectWithToken(base, 'notify-sigkill');
      const path = `/hook/sigkill-${p.id}`;
      await hookChannel(base, p, `${rx.base}${path}`);
      rx.fail(path, { status: 200, body: 'too late', delayMs: 30_000 }); // the first send hangs…
      await fire(base, p, 'orders');
      await until('the send in flight', () => (rx.arrived.some((r) => r.path === path) ? true : undefined), 30_000);
      await worker.kill('SIGKILL'); // … and its worker dies with it
      worker = BuiltProcess.spawn('worker.js', env);
      const [done] = await until(
        'the notification re-sent',
        () => (rx.at(path).length ? rx.at(path) : undefined),
        60_000,
      );
      const sends = rx.arrived.filter((r) => r.path === path);
      expect(sends).toHaveLength(2);
      expect(new Set(sends.map((r) => r.headers['x-mozaic-delivery']))).toEqual(new Set([done.body.id]));
      await until('recorded as sent', async () => ((await rows(p.id))[0]?.status === 'sent' ? true : undefined));
      expect(await rows(p.id)).toEqual([{ status: 'sent', attempts: 2 }]);
    } finally {
      await worker.kill('SIGKILL');
      await api.kill();
      await redis.kill();
    }
  }, 120_000);

  it('keeps a notification committed while Redis is down, and delivers it once Redis is back', async () => {
    const redis = await TestRedis.start();
    const { process: api, base } = await BuiltProcess.api({ REDIS_URL: redis.url, NOTIFY_TIMEOUT_MS: '1000' });
    try {
      const p = await projectWithToken(base, 'notify-redis');
      const path = `/hook/redis-${p.id}`;
      await hookChannel(base, p, `${rx.base}${path}`);
      await fire(base, p, 'billing');
      await until('the opened message', () => (rx.at(path).length === 1 ? true : undefined), 30_000);
      const incidents = (await (
        await fetch(`${base}/api/v1/incidents/project/${p.id}`, { headers: { Authorization: `Bearer ${p.access}` } })
      ).json()) as Array<{ id: string }>;
      await redis.kill();
      // A person resolves it while Redis is away: the change and its notification commit together.
      await postJson(base, `/api/v1/incidents/${incidents[0].id}/resolve`, {}, p.access);
      expect((await rows(p.id)).map((r) => r.status).sort()).toEqual(['pending', 'sent']);
      await redis.up();
      const got = await until(
        'the resolve delivered',
        () => (rx.at(path).length === 2 ? rx.at(path) : undefined),
        60_000,
      );
      expect(got.map((r) => r.body.type)).toEqual(['incident.opened', 'incident.resolved']);
      expect((await rows(p.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
    } finally {
      await api.kill();
      await redis.kill();
    }
  }, 120_000);
});
