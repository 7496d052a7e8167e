import { BuiltProcess, projectWithToken } from './support/built-app';
import { burstDelivery as delivery, queryRows as q } from './support/burst';
import { TestRedis } from './support/redis-server';
import { waitForDeliveries } from './support/webhook-client';

async function send(base: string, projectId: string, token: string, body: string): Promise<number> {
  const res = await fetch(`${base}/webhooks/alertmanager/${projectId}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Every delivery processed once: one signal each, one alert each, nothing failed. */
async function expectExactlyOnce(dbUrl: string, projectId: string, n: number) {
  const [c] = await q<{
    events: number;
    processed: number;
    signals: number;
    keys: number;
    alerts: number;
    counted: number;
    open: number;
  }>(
    dbUrl,
    `SELECT (SELECT count(*)::int FROM inbound_events WHERE project_id = $1) AS events,
            (SELECT count(*)::int FROM inbound_events WHERE project_id = $1 AND status = 'processed' AND signal_count = 1) AS processed,
            (SELECT count(*)::int FROM signals WHERE project_id = $1) AS signals,
            (SELECT count(DISTINCT signal_key)::int FROM signals WHERE project_id = $1) AS keys,
            (SELECT count(*)::int FROM alerts WHERE project_id = $1) AS alerts,
            (SELECT coalesce(sum(count), 0)::int FROM alerts WHERE project_id = $1) AS counted,
            (SELECT count(*)::int FROM incidents WHERE project_id = $1 AND status <> 'resolved') AS open`,
    [projectId],
  );
  expect(c).toEqual({ events: n, processed: n, signals: n, keys: n, alerts: n, counted: n, open: 7 });
}

/**
 * The faults of a real deployment, on the built processes (dist/apps/api/main.js and worker.js) with a
 * private redis-server: Redis killed mid-burst, a worker killed mid-burst.
 */
TestRedis.describe()('ingest with Redis and workers failing (e2e)', () => {
  const db = () => process.env['TEST_DATABASE_URL'] as string;

  it('acknowledges and stores every delivery while Redis is down mid-burst, and processes each once after it returns', async () => {
    const redis = await TestRedis.start();
    const { process: api, base } = await BuiltProcess.api({ REDIS_URL: redis.url });
    try {
      const p = await projectWithToken(base, 'redisdown');
      const n = 120;
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        if (i === n / 3) await redis.kill();
        statuses.push(
          await send(base, p.id, p.token, delivery(i)).catch((e: Error) => {
            throw new Error(`delivery ${i}: ${e.message}\n${api.output}`);
          }),
        );
      }
      expect(statuses.filter((s) => s !== 202)).toEqual([]);
      const [{ stored }] = await q<{ stored: number }>(
        db(),
        'SELECT count(*)::int AS stored FROM inbound_events WHERE project_id = $1',
        [p.id],
      );
      expect(stored).toBe(n);
      await redis.up();
      await waitForDeliveries(p.id, n, 60_000);
      await expectExactlyOnce(db(), p.id, n);
    } finally {
      await api.kill();
      await redis.kill();
    }
  }, 120_000);

  it('processes every delivery exactly once when a worker process is killed with SIGKILL mid-burst', async () => {
    const redis = await TestRedis.start();
    // The api only stores and enqueues; worker processes consume.
    const { process: api, base } = await BuiltProcess.api({ REDIS_URL: redis.url, RUN_WORKERS: 'false' });
    let worker = BuiltProcess.spawn('worker.js', { REDIS_URL: redis.url });
    try {
      const p = await projectWithToken(base, 'sigkill');
      const n = 150;
      const processed = async () =>
        (
          await q<{ done: number }>(
            db(),
            `SELECT count(*)::int AS done FROM inbound_events WHERE project_id = $1 AND status = 'processed'`,
            [p.id],
          )
        )[0].done;
      for (let i = 0; i < n; i++) {
        if (i === n / 2) {
          // Half-way: once the worker is busy, kill it as abruptly as a crash.
          for (let w = 0; w < 400 && (await processed()) === 0; w++) await new Promise((r) => setTimeout(r, 25));
          await worker.kill('SIGKILL');
        }
        expect(await send(base, p.id, p.token, delivery(i))).toBe(202);
      }
      const done = await processed();
      expect(done).toBeLessThan(n);
      worker = BuiltProcess.spawn('worker.js', { REDIS_URL: redis.url });
      await waitForDeliveries(p.id, n, 60_000);
      await expectExactlyOnce(db(), p.id, n);
    } finally {
      await worker.kill('SIGKILL');
      await api.kill();
      await redis.kill();
    }
  }, 120_000);
});
