import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { alertmanagerNotification } from './corpus/payloads';
import { until } from './support/until';
import { runMigrations } from '../database/run-migrations';
import { createDatabase, dropDatabase, freePort, withDatabase } from './test-database';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const MONITORING = join(__dirname, '../../../../docker/monitoring');
const runIt = (existsSync(PROMETHEUS) && existsSync(PROMTOOL)) || process.env['CI'] ? describe : describe.skip;

/**
 * docker/monitoring: the alert rules pass promtool's check and its unit tests, and a real Prometheus
 * with those rules, scraping a MOZAIC whose deliveries are not processed, fires the stalled-ingest alert.
 */
runIt('monitoring rules (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let prom: ChildProcess | null = null;
  let dbName: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mozaic-monitoring-'));
    // A database of its own, and no workers: nothing processes what this app stores.
    const admin = process.env['TEST_DATABASE_URL'] as string;
    dbName = `mozaic_monitoring_${process.pid}`;
    await dropDatabase(admin, dbName);
    const url = await createDatabase(admin, dbName);
    await runMigrations(url);
    t = await createTestApp({ DATABASE_URL: url, RUN_WORKERS: 'false', METRICS_ENABLED: 'true' });
    await t.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    prom?.kill('SIGTERM');
    await t?.close();
    if (dbName) await dropDatabase(process.env['TEST_DATABASE_URL'] as string, dbName);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes promtool check rules and promtool test rules', () => {
    const check = spawnSync(PROMTOOL, ['check', 'rules', 'mozaic-rules.yml'], { cwd: MONITORING, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/SUCCESS: 9 rules found/);
    expect(check.status).toBe(0);
    const unit = spawnSync(PROMTOOL, ['test', 'rules', 'mozaic-rules.test.yml'], { cwd: MONITORING, encoding: 'utf8' });
    expect(unit.stdout + unit.stderr).toMatch(/SUCCESS/);
    expect(unit.status).toBe(0);
  });

  it('fires MozaicIngestStalled in a real Prometheus against a provoked backlog', async () => {
    const u = await registerAndLogin(t, 'monitoring');
    const p = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'monitoring' }).expect(201)).body
      .id as string;
    const token = (await t.http().post(`/api/v1/projects/${p}/webhooks/token`).set(u.auth).expect(201)).body
      .token as string;
    for (let i = 0; i < 5; i++)
      await t
        .http()
        .post(`/webhooks/alertmanager/${p}`)
        .set('Authorization', `Bearer ${token}`)
        .send(
          alertmanagerNotification(
            `g${i}`,
            ['service'],
            [{ labels: { alertname: `A${i}`, service: 's' }, startsAt: Date.now() }],
          ),
        )
        .expect(202);
    // Stored ten minutes ago and still pending: the workers are gone.
    const db = new Client({ connectionString: withDatabase(process.env['TEST_DATABASE_URL'] as string, dbName) });
    await db.connect();
    const moved = await db
      .query(`UPDATE inbound_events SET received_at = now() - interval '10 minutes' WHERE status = 'pending'`)
      .finally(() => db.end());
    expect(moved.rowCount).toBe(5);

    // The shipped rules, evaluated at once (their `for` durations would make this test wait for minutes).
    const rules = readFileSync(join(MONITORING, 'mozaic-rules.yml'), 'utf8').replace(/for: \d+m/g, 'for: 0s');
    writeFileSync(join(dir, 'rules.yml'), rules);
    const target = new URL(`http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ["${join(dir, 'rules.yml')}"]`,
        'scrape_configs:',
        '  - job_name: mozaic',
        '    metrics_path: /metrics',
        `    static_configs: [{ targets: ["${target}"] }]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    prom = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    const alerts = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/alerts`).catch(() => null);
      if (!res?.ok) return undefined;
      const body = (await res.json()) as { data: { alerts: Array<{ labels: Record<string, string>; state: string }> } };
      return body.data.alerts;
    };
    const stalled = await until(
      'MozaicIngestStalled firing',
      async () =>
        (await alerts())?.find((a) => a.labels['alertname'] === 'MozaicIngestStalled' && a.state === 'firing'),
      45_000,
    );
    expect(stalled.labels['severity']).toBe('critical');
    const firing = ((await alerts()) ?? []).filter((a) => a.state === 'firing').map((a) => a.labels['alertname']);
    // Up, with its database and Redis: nothing else is wrong.
    expect(firing).toEqual(['MozaicIngestStalled']);
  }, 90_000);
});
