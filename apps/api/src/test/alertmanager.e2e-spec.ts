import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentLifecycle } from '../modules/incidents/processing/incident-lifecycle.service';
import { freePort } from './test-database';
import { createTestApp, registerAndLogin, TestApp } from './test-app';
import { until } from './support/until';

const BIN = '/usr/bin/prometheus-alertmanager';

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) sends to MOZAIC's webhook:
 * alerts posted to its API become one incident, and their resolution resolves it. CI installs the
 * package (.ci/run); elsewhere the test says so and does not run without it.
 */
const runIt = existsSync(BIN) || process.env['CI'] ? describe : describe.skip;
if (!existsSync(BIN) && !process.env['CI'])
  console.warn(
    `${BIN} not installed: the real Alertmanager test does not run (apt-get install prometheus-alertmanager)`,
  );

runIt('a real Alertmanager as the sender (e2e)', () => {
  let t: TestApp;
  let am: ChildProcess;
  let dir: string;
  let amUrl: string;
  let projectId: string;
  let auth: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    const mozaic = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const u = await registerAndLogin(t, 'real-am');
    auth = u.auth;
    projectId = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'real-am' }).expect(201)).body.id;
    const token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(u.auth).expect(201)).body
      .token;
    dir = mkdtempSync(join(tmpdir(), 'mozaic-am-'));
    writeFileSync(
      join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: mozaic',
        '  group_by: [service]',
        '  group_wait: 1s',
        '  group_interval: 1s',
        '  repeat_interval: 1h',
        'receivers:',
        '  - name: mozaic',
        '    webhook_configs:',
        `      - url: ${mozaic}/webhooks/alertmanager/${projectId}`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        `            credentials: ${token}`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(
      BIN,
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    );
    await until(
      'Alertmanager to be ready',
      // Refused until it listens.
      async () => ((await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok ? true : undefined),
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    if (am && am.exitCode === null) {
      const exited = new Promise((r) => am.once('exit', r));
      am.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const post = (alerts: object[]) =>
    fetch(`${amUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts),
    }).then((r) => {
      if (!r.ok) throw new Error(`Alertmanager answered ${r.status}`);
    });

  it('turns alerts posted to Alertmanager into one incident, and their resolution resolves it', async () => {
    const startsAt = new Date().toISOString();
    const alerts = [
      {
        labels: { alertname: 'CheckoutErrorRate', service: 'checkout', severity: 'critical' },
        annotations: { summary: '5xx above 5%' },
        startsAt,
      },
      {
        labels: { alertname: 'CheckoutLatency', service: 'checkout', severity: 'warning' },
        annotations: { summary: 'p99 above 2s' },
        startsAt,
      },
    ];
    await post(alerts);
    const incident = await until(
      'the incident',
      async () => {
        const res = await t.http().get(`/api/v1/incidents/project/${projectId}`).set(auth);
        return res.body.length === 1 && res.body[0].alert_count === 2 ? res.body[0] : undefined;
      },
      30_000,
    );
    expect(incident).toMatchObject({
      title: 'checkout: CheckoutErrorRate + CheckoutLatency',
      severity: 'critical',
      source: 'alertmanager',
      status: 'open',
    });

    const endsAt = new Date().toISOString();
    await post(alerts.map((a) => ({ ...a, endsAt })));
    await until(
      'the resolved alerts',
      async () => {
        const res = await t.http().get(`/api/v1/incidents/${incident.id}`).set(auth);
        return res.body.alerts.every((a: { status: string }) => a.status === 'resolved') ? true : undefined;
      },
      30_000,
    );
    // The quiet period (5 min) passes: the sweeper resolves the incident.
    await t.app.get(IncidentLifecycle).sweep(new Date(Date.now() + 6 * 60_000));
    const after = await t.http().get(`/api/v1/incidents/${incident.id}`).set(auth).expect(200);
    expect(after.body).toMatchObject({ status: 'resolved', resolved: true });
  }, 60_000);
});
