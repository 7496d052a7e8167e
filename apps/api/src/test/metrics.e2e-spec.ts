import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertmanagerNotification } from './corpus/payloads';
import { MetricsRegistry } from '../metrics/metrics-registry.service';
import { startMetricsServer } from '../metrics/metrics-server';
import { until } from './support/until';
import { freePort } from './test-database';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

const PROMETHEUS = '/usr/bin/prometheus';
const runIt = existsSync(PROMETHEUS) || process.env['CI'] ? describe : describe.skip;

/**
 * GET /metrics in Prometheus' text format, scraped by a real Prometheus (Debian's) with the metrics
 * token: it sees MOZAIC up, and the deliveries it counted.
 */
runIt('metrics (e2e)', () => {
  let t: TestApp;
  let base: string;
  let dir: string;
  let prom: ChildProcess | null = null;
  const TOKEN = 'metrics-token-for-the-e2e-test';

  beforeAll(async () => {
    t = await createTestApp({ METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'mozaic-metrics-'));
  });

  afterAll(async () => {
    prom?.kill('SIGTERM');
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers in Prometheus text format behind its token', async () => {
    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    for (const name of [
      'mozaic_http_requests_total',
      'mozaic_ingest_backlog',
      'mozaic_open_incidents',
      'mozaic_process_cpu_seconds_total',
    ])
      expect(res.text).toContain(`# TYPE ${name}`);
    expect(res.text).toMatch(/mozaic_http_requests_total\{method="GET",route="\/metrics",status="401"\} \d/);
    expect(res.text).toMatch(/^mozaic_database_up 1$/m);
    // Queues and their Redis are there only with REDIS_URL (CI always has it; without, queues run in-process).
    if (process.env['REDIS_URL']) {
      expect(res.text).toMatch(/^mozaic_redis_up 1$/m);
      expect(res.text).toMatch(/^mozaic_queue_jobs\{queue="ingest",state="waiting"\} \d+$/m);
    }
  });

  it('serves the same metrics on METRICS_PORT (how a worker process is scraped), behind the same token', async () => {
    const port = await freePort();
    const server = await startMetricsServer(t.app.get(MetricsRegistry), port, TOKEN);
    try {
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/other`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      const ok = await fetch(`${url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/^# TYPE mozaic_job_duration_seconds histogram$/m);
    } finally {
      server.close();
    }
  });

  it('exports every metric the shipped dashboard and alert rules read', async () => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    const exported = new Set([...res.text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]));
    const monitoring = join(__dirname, '../../../../docker/monitoring');
    const used = new Set(
      ['grafana-dashboard.json', 'mozaic-rules.yml'].flatMap((f) =>
        [...readFileSync(join(monitoring, f), 'utf8').matchAll(/\bmozaic_[a-z_]+/g)].map((m) =>
          m[0].replace(/_(bucket|count|sum)$/, ''),
        ),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    const withRedisOnly = process.env['REDIS_URL'] ? [] : ['mozaic_queue_jobs', 'mozaic_redis_up'];
    expect([...used].filter((name) => !exported.has(name) && !withRedisOnly.includes(name))).toEqual([]);
  });

  it('is scraped by a real Prometheus, which sees the deliveries it counted', async () => {
    const u = await registerAndLogin(t, 'metrics');
    const p = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'metrics' }).expect(201)).body
      .id as string;
    const token = (await t.http().post(`/api/v1/projects/${p}/webhooks/token`).set(u.auth).expect(201)).body
      .token as string;
    await t
      .http()
      .post(`/webhooks/alertmanager/${p}`)
      .set('Authorization', `Bearer ${token}`)
      .send(
        alertmanagerNotification(
          'mozaic',
          ['service'],
          [{ labels: { alertname: 'X', service: 'y' }, startsAt: Date.now() }],
        ),
      )
      .expect(202);
    await t
      .http()
      .post(`/webhooks/alertmanager/${p}`)
      .set('Authorization', 'Bearer wrong')
      .send({ alerts: [] })
      .expect(401);

    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s }',
        'scrape_configs:',
        '  - job_name: mozaic',
        '    metrics_path: /metrics',
        `    authorization: { credentials: ${TOKEN} }`,
        `    static_configs: [{ targets: ["${new URL(base).host}"] }]`,
        '',
      ].join('\n'),
    );
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      {
        stdio: 'ignore',
      },
    );
    const query = async (q: string) => {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`).catch(() => null);
      if (!r?.ok) return undefined;
      const body = (await r.json()) as {
        data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
      };
      return body.data.result;
    };
    await until(
      'Prometheus sees MOZAIC up',
      async () => ((await query('up{job="mozaic"}'))?.[0]?.value[1] === '1' ? true : undefined),
      30_000,
    );
    const accepted = await until('the accepted delivery counted', async () => {
      const r = await query('mozaic_webhook_deliveries_total{source="alertmanager",outcome="accepted"}');
      return r?.length ? Number(r[0].value[1]) : undefined;
    });
    expect(accepted).toBeGreaterThanOrEqual(1);
    const refused = await query('mozaic_webhook_deliveries_total{source="alertmanager",outcome="refused"}');
    expect(Number(refused?.[0]?.value[1])).toBeGreaterThanOrEqual(1);
    // Deliveries answered by the fast path count in the HTTP metrics too, under their route template.
    const http = await query('mozaic_http_requests_total{route="/webhooks/:source/:project_id",status="202"}');
    expect(Number(http?.[0]?.value[1])).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
