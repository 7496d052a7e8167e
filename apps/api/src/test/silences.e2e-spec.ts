import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { alertmanagerNotification } from './corpus/payloads';
import { Receivers } from './support/receivers';
import { until } from './support/until';
import { freePort } from './test-database';
import { withDb } from './seed';
import { IncidentLifecycle } from '../modules/incidents/processing/incident-lifecycle.service';
import { SilenceEffects } from '../modules/silences/silence-effects.service';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

const run = promisify(execFile);
const AMTOOL = '/usr/bin/amtool';
const PROMETHEUS = '/usr/bin/prometheus';
const tools = existsSync(AMTOOL) && existsSync(PROMETHEUS);
const runIt = tools || process.env['CI'] ? describe : describe.skip;
if (!tools && !process.env['CI'])
  console.warn(
    'amtool or prometheus not installed: the silences e2e test does not run (apt-get install prometheus-alertmanager prometheus)',
  );

/**
 * Silences with real clients: amtool (Debian's prometheus-alertmanager) against MOZAIC's
 * Alertmanager API, and a real Prometheus posting its alerts to it. A silenced alert is stored and
 * correlated but notifies nobody; its incident is suppressed; when the silence ends and the alert
 * still fires, the incident opens anew and notifies.
 */
runIt('silences and the Alertmanager API with amtool and Prometheus (e2e)', () => {
  let t: TestApp;
  let base: string;
  let u: LoggedInUser;
  let rx: Receivers;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    u = await registerAndLogin(t, 'silence');
    rx = new Receivers();
    await rx.start();
    dir = mkdtempSync(join(tmpdir(), 'mozaic-amtool-'));
  });

  afterAll(async () => {
    await t?.close();
    await rx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const api = (p: string) => `/api/v1${p}`;

  async function project(name: string) {
    const id = (await t.http().post(api('/projects')).set(u.auth).send({ name }).expect(201)).body.id as string;
    const webhook = (
      await t
        .http()
        .post(api(`/projects/${id}/webhooks/token`))
        .set(u.auth)
        .expect(201)
    ).body.token as string;
    const am = (
      await t
        .http()
        .post(api(`/projects/${id}/alertmanager/token`))
        .set(u.auth)
        .expect(201)
    ).body;
    expect(am.base_url).toBe(`${base}/alertmanager/${id}`);
    const hook = (
      await t
        .http()
        .post(api(`/projects/${id}/channels`))
        .set(u.auth)
        .send({ name: 'hook', type: 'webhook', settings: { url: `${rx.base}/hook/${id}` } })
        .expect(201)
    ).body.id;
    await t
      .http()
      .post(api(`/projects/${id}/routes`))
      .set(u.auth)
      .send({ name: 'all', channel_ids: [hook], is_default: true })
      .expect(201);
    const httpConfig = join(dir, `${id}.yml`);
    writeFileSync(httpConfig, `authorization:\n  credentials: ${am.token}\n`);
    return { id, webhook, amToken: am.token as string, amUrl: am.base_url as string, httpConfig };
  }

  const amtool = async (p: { amUrl: string; httpConfig: string }, ...args: string[]) =>
    (
      await run(AMTOOL, [`--alertmanager.url=${p.amUrl}`, `--http.config.file=${p.httpConfig}`, ...args], {
        timeout: 20_000,
      })
    ).stdout;

  const fire = (p: { id: string; webhook: string }, labels: Record<string, string>) =>
    t
      .http()
      .post(`/webhooks/alertmanager/${p.id}`)
      .set('Authorization', `Bearer ${p.webhook}`)
      .send(alertmanagerNotification('mozaic', ['service'], [{ labels, startsAt: Date.now() }]))
      .expect(202);

  it('silences with amtool: the alert is kept and correlated, its incident suppressed and quiet; expiring it notifies', async () => {
    const p = await project('silence-amtool');
    const id = (
      await amtool(
        p,
        'silence',
        'add',
        'alertname=DiskFull',
        'service=files',
        '--comment=db upgrade',
        '--duration=1h',
        '--author=alice',
      )
    ).trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const queried = JSON.parse(await amtool(p, 'silence', 'query', '-o', 'json')) as Array<{
      id: string;
      createdBy: string;
      status: { state: string };
    }>;
    expect(queried.map((s) => [s.id, s.createdBy, s.status.state])).toEqual([[id, 'alice', 'active']]);
    const ours = (
      await t
        .http()
        .get(api(`/projects/${p.id}/silences`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(ours).toEqual([
      expect.objectContaining({
        id,
        created_by: 'alice',
        comment: 'db upgrade',
        state: 'active',
        matchers: [
          { name: 'alertname', op: '=', value: 'DiskFull' },
          { name: 'service', op: '=', value: 'files' },
        ],
      }),
    ]);

    // Matched: stored, correlated into an incident — suppressed, notifying nobody.
    await fire(p, { alertname: 'DiskFull', service: 'files', severity: 'critical', team: 'storage' });
    const suppressed = await until('the suppressed incident', async () => {
      const list = (
        await t
          .http()
          .get(api(`/incidents/project/${p.id}?suppressed=true`))
          .set(u.auth)
          .expect(200)
      ).body;
      return list[0];
    });
    expect(suppressed.suppressed).toBe(true);
    expect(
      (
        await t
          .http()
          .get(api(`/incidents/project/${p.id}`))
          .set(u.auth)
          .expect(200)
      ).body,
    ).toEqual([]);
    const detail = (
      await t
        .http()
        .get(api(`/incidents/${suppressed.id}`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(detail.alerts[0].silenced_by).toEqual([id]);
    // The explanation says so, in words.
    expect(detail.alerts[0].held_because).toEqual([
      expect.stringMatching(/^silenced by "db upgrade" \(alice, until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/),
    ]);
    // Not matched (another service): an ordinary incident, notified.
    await fire(p, { alertname: 'DiskFull', service: 'search', severity: 'critical' });
    await until('the other incident notified', () => (rx.at(`/hook/${p.id}`).length === 1 ? true : undefined));
    expect(rx.at(`/hook/${p.id}`)[0].body.incident.services).toEqual(['search']);

    // amtool sees the alert as silenced; the active query leaves it out.
    const silenced = JSON.parse(
      await amtool(p, 'alert', 'query', '--silenced', '-o', 'json', 'alertname=DiskFull', 'service=files'),
    ) as Array<{
      labels: Record<string, string>;
      status: { state: string; silencedBy: string[] };
    }>;
    expect(silenced).toHaveLength(1);
    expect(silenced[0].labels).toMatchObject({ alertname: 'DiskFull', service: 'files', team: 'storage' });
    expect(silenced[0].status).toMatchObject({ state: 'suppressed', silencedBy: [id] });
    const active = JSON.parse(await amtool(p, 'alert', 'query', '-o', 'json', 'service=files')) as unknown[];
    expect(active).toEqual([]);

    // The silence ends while the alert still fires: the incident opens anew, and notifies.
    await amtool(p, 'silence', 'expire', id);
    await until('the unsilenced incident notified', () => (rx.at(`/hook/${p.id}`).length === 2 ? true : undefined));
    const opened = rx.at(`/hook/${p.id}`)[1].body;
    expect(opened).toMatchObject({ type: 'incident.opened', incident: { id: suppressed.id, services: ['files'] } });
    expect(
      (
        await t
          .http()
          .get(api(`/incidents/project/${p.id}`))
          .set(u.auth)
          .expect(200)
      ).body.map((i: { id: string }) => i.id),
    ).toContain(suppressed.id);
    expect(JSON.parse(await amtool(p, 'silence', 'query', '-o', 'json'))).toEqual([]); // only active ones by default
    const expired = JSON.parse(await amtool(p, 'silence', 'query', '--expired', '-o', 'json')) as Array<{ id: string }>;
    expect(expired.map((s) => s.id)).toEqual([id]); // kept, for the audit trail
    expect(
      (
        await t
          .http()
          .get(api(`/silences/${id}`))
          .set(u.auth)
          .expect(200)
      ).body.state,
    ).toBe('expired');
  }, 60_000);

  it('keeps each project’s silences and token to itself, and validates silences', async () => {
    const a = await project('silence-a');
    const b = await project('silence-b');
    const sil = (
      await t
        .http()
        .post(api(`/projects/${a.id}/silences`))
        .set(u.auth)
        .send({
          matchers: [{ name: 'service', op: '=', value: 'x' }],
          ends_at: new Date(Date.now() + 3_600_000).toISOString(),
          comment: 'a',
        })
        .expect(201)
    ).body;
    // A's token on B's API, no token, a user's JWT: 401. A's silence under B: 404.
    const amB = `/alertmanager/${b.id}/api/v2`;
    await t.http().get(`${amB}/silences`).set('Authorization', `Bearer ${a.amToken}`).expect(401);
    await t.http().get(`${amB}/silences`).expect(401);
    await t.http().get(`${amB}/silences`).set(u.auth).expect(401);
    await t.http().get(`${amB}/silence/${sil.id}`).set('Authorization', `Bearer ${b.amToken}`).expect(404);
    await t.http().delete(`${amB}/silence/${sil.id}`).set('Authorization', `Bearer ${b.amToken}`).expect(404);
    const stranger = await registerAndLogin(t, 'silence-stranger');
    await t
      .http()
      .get(api(`/silences/${sil.id}`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/projects/${a.id}/silences`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .post(api(`/projects/${a.id}/alertmanager/token`))
      .set(stranger.auth)
      .expect(404);

    const amA = `/alertmanager/${a.id}/api/v2`;
    const post = (body: unknown) =>
      t
        .http()
        .post(`${amA}/silences`)
        .set('Authorization', `Bearer ${a.amToken}`)
        .send(body as object);
    const now = Date.now();
    const good = {
      matchers: [{ name: 'service', value: 'x', isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 60_000).toISOString(),
      createdBy: 'bob',
      comment: 'c',
    };
    expect((await post({ ...good, matchers: [] })).status).toBe(400);
    expect((await post({ ...good, endsAt: new Date(now - 1000).toISOString() })).status).toBe(400);
    expect(
      (await post({ ...good, matchers: [{ name: 'service', value: '.*', isRegex: true, isEqual: true }] })).body
        .message,
    ).toMatch(/empty value/);
    expect(
      (await post({ ...good, matchers: [{ name: 'service', value: '(', isRegex: true, isEqual: true }] })).body.message,
    ).toMatch(/RE2/);
    expect((await post(good)).status).toBe(200);
    await t.http().post(`${amA}/alerts`).set('Authorization', `Bearer ${a.amToken}`).send({ labels: {} }).expect(400);
    await t
      .http()
      .post(`${amA}/alerts`)
      .set('Authorization', `Bearer ${a.amToken}`)
      .send([{ labels: {} }])
      .expect(400);
  });

  it('keeps alerts quiet during a maintenance window in its time zone, and notifies once it is over', async () => {
    const p = await project('silence-window');
    // The current minute in Berlin, as a wall-clock time: the window began then and lasts 30 minutes.
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date())
        .map((x) => [x.type, x.value]),
    );
    const startLocal = `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
    const bad = (body: object, message: RegExp) =>
      t
        .http()
        .post(api(`/projects/${p.id}/maintenance-windows`))
        .set(u.auth)
        .send(body)
        .expect(400)
        .then((r) => expect(r.body.message).toMatch(message));
    const spec = {
      name: 'nightly db work',
      matchers: [{ name: 'service', op: '=', value: 'ledger' }],
      start_local: startLocal,
      timezone: 'Europe/Berlin',
      duration_minutes: 30,
      rrule: 'FREQ=DAILY',
    };
    await bad({ ...spec, timezone: 'Berlin' }, /IANA time zone/);
    await bad({ ...spec, rrule: 'FREQ=NEVER' }, /RFC 5545/);
    const w = (
      await t
        .http()
        .post(api(`/projects/${p.id}/maintenance-windows`))
        .set(u.auth)
        .send(spec)
        .expect(201)
    ).body;
    expect(w.active).not.toBeNull();
    expect(Date.parse(w.next.starts_at) - Date.parse(w.active.starts_at)).toBe(86_400_000);

    await fire(p, { alertname: 'LedgerLag', service: 'ledger', severity: 'high' });
    const inc = await until(
      'the suppressed incident',
      async () =>
        (
          await t
            .http()
            .get(api(`/incidents/project/${p.id}?suppressed=true`))
            .set(u.auth)
            .expect(200)
        ).body[0],
    );
    const detail = (
      await t
        .http()
        .get(api(`/incidents/${inc.id}`))
        .set(u.auth)
        .expect(200)
    ).body;
    expect(detail.alerts[0].silenced_by).toEqual([w.id]);
    expect(detail.alerts[0].held_because).toEqual(['during maintenance window "nightly db work"']);
    expect(rx.at(`/hook/${p.id}`)).toHaveLength(0);

    // Half an hour on: the window is over and the alert still fires — the incident opens, notified.
    await t.app.get(SilenceEffects).apply(p.id, Date.now() + 31 * 60_000);
    const [opened] = await until('the notification after the window', () =>
      rx.at(`/hook/${p.id}`).length ? rx.at(`/hook/${p.id}`) : undefined,
    );
    expect(opened.body).toMatchObject({ type: 'incident.opened', incident: { id: inc.id } });

    const stranger = await registerAndLogin(t, 'window-stranger');
    await t
      .http()
      .delete(api(`/maintenance-windows/${w.id}`))
      .set(stranger.auth)
      .expect(404);
    await t
      .http()
      .delete(api(`/maintenance-windows/${w.id}`))
      .set(u.auth)
      .expect(204);
  });

  it('inhibits pod alerts on a node that is down (a preset rule), and lets them go when the node is back', async () => {
    const p = await project('silence-inhibit');
    const rule = (
      await t
        .http()
        .post(api(`/projects/${p.id}/inhibition-rules`))
        .set(u.auth)
        .send({ preset: 'node-down' })
        .expect(201)
    ).body;
    expect(rule).toMatchObject({ equal: ['node'] });
    await t
      .http()
      .post(api(`/projects/${p.id}/inhibition-rules`))
      .set(u.auth)
      .send({ name: 'half' })
      .expect(400);
    const node = { alertname: 'KubeNodeNotReady', node: 'node-1', severity: 'critical' };
    await fire(p, node);
    await fire(p, {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: 'web-7f9c-1',
      node: 'node-1',
      severity: 'warning',
    });
    await fire(p, {
      alertname: 'KubePodCrashLooping',
      namespace: 'shop',
      pod: 'api-5d2b-1',
      node: 'node-2',
      severity: 'warning',
    });
    type Member = { id: string; label: string; entities: Record<string, string>; inhibited_by: string[] };
    const members = async (): Promise<Member[]> => {
      const list = [
        ...(
          await t
            .http()
            .get(api(`/incidents/project/${p.id}`))
            .set(u.auth)
            .expect(200)
        ).body,
        ...(
          await t
            .http()
            .get(api(`/incidents/project/${p.id}?suppressed=true`))
            .set(u.auth)
            .expect(200)
        ).body,
      ] as Array<{ id: string }>;
      const out: Member[] = [];
      for (const i of list)
        out.push(
          ...(
            await t
              .http()
              .get(api(`/incidents/${i.id}`))
              .set(u.auth)
              .expect(200)
          ).body.alerts,
        );
      return out;
    };
    const nodeAlert = await until('the node alert', async () =>
      (await members()).find((a) => a.label === 'KubeNodeNotReady'),
    );
    const onNode1 = await until('the pod on node-1 inhibited', async () => {
      const m = (await members()).find((a) => a.entities['pod'] === 'web-7f9c-1');
      return m?.inhibited_by.length ? m : undefined;
    });
    expect(onNode1.inhibited_by).toEqual([nodeAlert.id]);
    expect((onNode1 as Member & { held_because: string[] }).held_because).toEqual(['inhibited by KubeNodeNotReady']);
    expect((await members()).find((a) => a.entities['pod'] === 'api-5d2b-1')?.inhibited_by).toEqual([]);
    const inhibited = JSON.parse(
      await amtool(p, 'alert', 'query', '--inhibited', '-o', 'json', 'pod=web-7f9c-1'),
    ) as Array<{ status: { inhibitedBy: string[] } }>;
    expect(inhibited.map((a) => a.status.inhibitedBy)).toEqual([[nodeAlert.id]]);

    // The node is back: its alert resolves, and the pod alert is no longer inhibited.
    await t
      .http()
      .post(`/webhooks/alertmanager/${p.id}`)
      .set('Authorization', `Bearer ${p.webhook}`)
      .send(
        alertmanagerNotification(
          'mozaic',
          ['service'],
          [{ labels: node, startsAt: Date.now() - 60_000, endsAt: Date.now() }],
        ),
      )
      .expect(202);
    await until('the pod let go', async () => {
      const m = (await members()).find((a) => a.entities['pod'] === 'web-7f9c-1');
      return m && m.inhibited_by.length === 0 ? true : undefined;
    });
  }, 60_000);

  it('ends a silence "until resolved" with its incident', async () => {
    const p = await project('silence-until-resolved');
    await fire(p, { alertname: 'QueueBacklog', service: 'mailer', severity: 'high' });
    const inc = await until(
      'the incident',
      async () =>
        (
          await t
            .http()
            .get(api(`/incidents/project/${p.id}`))
            .set(u.auth)
            .expect(200)
        ).body[0],
    );
    const make = (body: object) =>
      t
        .http()
        .post(api(`/projects/${p.id}/silences`))
        .set(u.auth)
        .send({ matchers: [{ name: 'service', op: '=', value: 'mailer' }], comment: 'known', ...body });
    expect((await make({})).body.message).toMatch(/ends_at is required/);
    expect((await make({ until_resolved: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    const s = (await make({ until_resolved: inc.id }).expect(201)).body;
    expect(s).toMatchObject({ state: 'active', until_resolved: inc.id });
    await t
      .http()
      .post(api(`/incidents/${inc.id}/resolve`))
      .set(u.auth)
      .expect(200);
    expect(
      (
        await t
          .http()
          .get(api(`/silences/${s.id}`))
          .set(u.auth)
          .expect(200)
      ).body.state,
    ).toBe('expired');
  });

  it('takes alerts from a real Prometheus: a firing rule opens an incident, and its end resolves it', async () => {
    const p = await project('silence-prometheus');
    const port = await freePort();
    const until10s = Math.floor(Date.now() / 1000) + 15;
    const promDir = mkdtempSync(join(dir, 'prom-'));
    writeFileSync(
      join(promDir, 'rules.yml'),
      [
        'groups:',
        '  - name: mozaic',
        '    interval: 1s',
        '    rules:',
        '      - alert: CheckoutLatencyHigh',
        `        expr: vector(time()) < ${until10s}`,
        '        labels: { severity: critical, service: checkout, namespace: shop }',
        '        annotations: { summary: "p99 latency above 2s" }',
        '',
      ].join('\n'),
    );
    const u2 = new URL(base);
    writeFileSync(
      join(promDir, 'prometheus.yml'),
      [
        'global: { evaluation_interval: 1s, scrape_interval: 15s }',
        'rule_files: [rules.yml]',
        'alerting:',
        '  alertmanagers:',
        '    - api_version: v2',
        `      path_prefix: /alertmanager/${p.id}`,
        '      authorization:',
        `        credentials: ${p.amToken}`,
        `      static_configs: [{ targets: ["${u2.host}"] }]`,
        '',
      ].join('\n'),
    );
    let prom: ChildProcess | null = spawn(
      PROMETHEUS,
      [
        `--config.file=${join(promDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(promDir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // Firing alerts are sent again every second (default: a minute): the first ones may go before
        // Prometheus has found its Alertmanager.
        '--rules.alert.resend-delay=1s',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let promLog = '';
    prom.stderr?.on('data', (d: Buffer) => (promLog = (promLog + d.toString()).slice(-6000)));
    try {
      const incident = await until(
        'an incident from Prometheus',
        async () => {
          const list = (
            await t
              .http()
              .get(api(`/incidents/project/${p.id}`))
              .set(u.auth)
              .expect(200)
          ).body;
          return list[0];
        },
        30_000,
      );
      expect(incident.title).toMatch(/CheckoutLatencyHigh/);
      expect(incident.severity).toBe('critical');
      await until(
        'its alert resolved when the rule stopped',
        async () => {
          const d = (
            await t
              .http()
              .get(api(`/incidents/${incident.id}`))
              .set(u.auth)
              .expect(200)
          ).body;
          return d.alerts.every((x: { status: string }) => x.status === 'resolved') ? true : undefined;
        },
        45_000,
      );
      // The quiet period (5 min) passes: the sweeper resolves the incident.
      await t.app.get(IncidentLifecycle).sweep(new Date(Date.now() + 6 * 60_000));
      expect(
        (
          await t
            .http()
            .get(api(`/incidents/${incident.id}`))
            .set(u.auth)
            .expect(200)
        ).body.status,
      ).toBe('resolved');
      const hooks = rx.at(`/hook/${p.id}`).map((r) => r.body.type);
      expect(hooks[0]).toBe('incident.opened');
      await until('the resolve notified', () =>
        rx.at(`/hook/${p.id}`).some((r) => r.body.type === 'incident.resolved') ? true : undefined,
      );
    } catch (e) {
      const ask = (path: string) =>
        fetch(`http://127.0.0.1:${port}${path}`)
          .then((r) => r.text())
          .catch((x: Error) => x.message);
      const seen = await withDb(
        async (c) =>
          (await c.query('SELECT status, last_error, body FROM inbound_events WHERE project_id = $1', [p.id])).rows,
      );
      throw new Error(
        `${(e as Error).message}\nPrometheus alerts: ${await ask('/api/v1/alerts')}\nalertmanagers: ${await ask('/api/v1/alertmanagers')}\n` +
          `deliveries: ${JSON.stringify(seen).slice(0, 500)}\nrequests: ${t.logs
            .filter((l) => l.includes('/api/v2/alerts'))
            .map((l) => l.slice(0, 400))
            .join('\n')}\nPrometheus said:\n${promLog.slice(-1500)}`,
      );
    } finally {
      prom?.kill('SIGTERM');
      prom = null;
    }
  }, 90_000);
});
