import { Signal } from '@mozaic/contracts';
import { IncidentLifecycle } from '../modules/incidents/processing/incident-lifecycle.service';
import { SignalProcessor } from '../modules/incidents/processing/signal-processor.service';
import { alertmanager, at, cloudWatchAlarm, k8sBackOff, sentryEvent, sentryIssue } from './scenarios/stories';
import { withDb } from './seed';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

async function counts(projectId: string) {
  return withDb(async (c) => {
    const q = async (sql: string) => (await c.query(sql, [projectId])).rows[0].n as number;
    return {
      signals: await q('SELECT count(*)::int AS n FROM signals WHERE project_id = $1'),
      alerts: await q('SELECT count(*)::int AS n FROM alerts WHERE project_id = $1'),
      incidents: await q('SELECT count(*)::int AS n FROM incidents WHERE project_id = $1'),
      open: await q(`SELECT count(*)::int AS n FROM incidents WHERE project_id = $1 AND status <> 'resolved'`),
      templates: await q('SELECT count(*)::int AS n FROM log_templates WHERE project_id = $1'),
      alertCounts: await q('SELECT coalesce(sum(count), 0)::int AS n FROM alerts WHERE project_id = $1'),
    };
  });
}

describe('correlation on PostgreSQL (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let processor: SignalProcessor;
  const newProject = async (name: string) =>
    (await t.http().post('/api/v1/projects').set(u.auth).send({ name }).expect(201)).body.id as string;
  const inProject = (projectId: string, signals: Signal[]) => signals.map((s) => ({ ...s, projectId }));

  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'corr');
    processor = t.app.get(SignalProcessor);
  });
  afterAll(() => t.close());

  const story = () => [
    k8sBackOff(0),
    alertmanager(1, 'firing'),
    cloudWatchAlarm(2, 'ALARM'),
    sentryEvent(3),
    sentryIssue(4, 'created'),
  ];

  it('turns the checkout story into two incidents the API shows with titles, severity and reasons', async () => {
    const projectId = await newProject('story');
    const result = await processor.process(projectId, inProject(projectId, story()));
    expect(result.incidentIds).toHaveLength(2);

    const list = await t.http().get(`/api/v1/incidents/project/${projectId}`).set(u.auth).expect(200);
    expect(
      list.body.map((i: { title: string; severity: string; source: string }) => [i.title, i.severity, i.source]),
    ).toEqual([
      ['andromeda: High CPU Temperature', 'critical', 'alertmanager'],
      // A crash loop makes it high; no member says critical (README: severity rules).
      ['checkout: CrashLoopBackOff + checkout-5xx + 2 Sentry errors', 'high', 'multiple'],
    ]);
    const checkout = list.body[1];
    expect(checkout).toMatchObject({
      alert_count: 3,
      signal_count: 4,
      sources: ['kubernetes', 'cloudwatch', 'sentry'],
      timestamp: at(0),
      status: 'open',
    });

    const detail = await t.http().get(`/api/v1/incidents/${checkout.id}`).set(u.auth).expect(200);
    expect(detail.body.alerts).toHaveLength(3);
    const byReason = detail.body.alerts.map(
      (a: { source: string; reason: { summary: string } }) => `${a.source}: ${a.reason.summary}`,
    );
    expect(byReason).toEqual([
      'kubernetes: First alert for service checkout',
      'cloudwatch: Same service checkout, 120 s from the nearest related alert',
      // The 5xx alarm still fires: the Sentry error lands during the incident's activity.
      'sentry: Same service checkout, during the incident',
    ]);
    expect(detail.body.correlation_data).toMatchObject({
      window_s: 600,
      key_spans: { 'service:checkout': [at(0), at(4)] },
    });
    for (const a of detail.body.alerts) expect(detail.body.correlation_data.reasons[a.id]).toEqual(a.reason);
    expect(detail.body.logs_json).toHaveLength(4);
    expect(detail.body.templates.length).toBeGreaterThan(0);
    expect(detail.body.templates[0]).toMatchObject({
      id: expect.stringMatching(/^t\d+$/),
      count: expect.any(Number),
      examples: expect.any(Array),
    });
    expect(detail.body.templates.map((x: { template: string }) => x.template)).toContain(
      // The pod's name and, in brackets, its uid: the brackets stay in the template.
      'Back-off restarting failed container nginx in pod <*>(<*>)',
    );
    expect(detail.body.logs_json[0]).toMatchObject({ source: 'sentry', at: at(4) });
    const c = await counts(projectId);
    expect(c).toMatchObject({ signals: 5, alerts: 4, incidents: 2, open: 2 });
    expect(c.templates).toBeGreaterThan(0);
  });

  it('keeps templates told apart by words apart across batches, and shows templates merged later as one', async () => {
    const projectId = await newProject('words');
    const sig = (minute: number, message: string, pod: string) => ({
      ...k8sBackOff(minute, pod, 'shop', `uid-${pod}`),
      message,
      projectId,
    });
    // One batch per signal: the template miner is loaded from the database each time.
    await processor.process(projectId, [sig(0, 'Failed password for root from 10.0.0.1 port 22', 'checkout-a1')]);
    await processor.process(projectId, [sig(1, 'Failed none for root from 10.0.0.2 port 23', 'checkout-a2')]);
    const users = ['alice', 'bob', 'carol', 'dave'];
    for (const [i, user] of users.entries())
      await processor.process(projectId, [sig(2 + i, `session opened for user ${user} by sshd`, `checkout-u${i}`)]);

    const list = await t.http().get(`/api/v1/incidents/project/${projectId}`).set(u.auth).expect(200);
    const shown = new Map<string, number>();
    for (const i of list.body as Array<{ id: string }>) {
      const d = await t.http().get(`/api/v1/incidents/${i.id}`).set(u.auth).expect(200);
      for (const x of d.body.templates as Array<{ template: string; alerts: number }>)
        shown.set(x.template, (shown.get(x.template) ?? 0) + x.alerts);
    }
    expect(Object.fromEntries(shown)).toEqual({
      'Failed password for root from <*> port <*>': 1,
      'Failed none for root from <*> port <*>': 1,
      // alice, bob and carol were three templates until a fourth name proved the position a variable.
      'session opened for user <*> by sshd': 4,
    });
    const stored = await withDb(async (c) => ({
      merged: (
        await c.query(
          'SELECT count(*)::int AS n FROM log_templates WHERE project_id = $1 AND merged_into IS NOT NULL',
          [projectId],
        )
      ).rows[0].n,
      families: (
        await c.query('SELECT count(*)::int AS n FROM log_template_families WHERE project_id = $1', [projectId])
      ).rows[0].n,
    }));
    expect(stored).toEqual({ merged: 2, families: 2 });
  });

  it('changes nothing when the same signals are delivered again', async () => {
    const projectId = await newProject('redelivery');
    await processor.process(projectId, inProject(projectId, story()));
    const before = await counts(projectId);
    const again = await processor.process(projectId, inProject(projectId, story()));
    expect(again.outcomes.every((o) => o.action === 'duplicate')).toBe(true);
    expect(again.incidentIds).toEqual([]);
    expect(await counts(projectId)).toEqual(before);
  });

  it('keeps one open incident per grouping key under concurrent workers', async () => {
    const projectId = await newProject('concurrency');
    const second = await createTestApp(); // another worker: its own connection pool
    try {
      const workers = [processor, second.app.get(SignalProcessor)];
      const batches = Array.from({ length: 12 }, (_, n) =>
        inProject(projectId, [
          k8sBackOff(n % 5, `checkout-7d9f8b6c5d-p${String(n).padStart(4, '0')}`, 'shop', `uid-${n}`),
          sentryEvent(n % 5, 'checkout', `issue-${n}`),
        ]),
      );
      await Promise.all(batches.map((b, n) => workers[n % 2].process(projectId, b)));
    } finally {
      await second.close();
    }
    const c = await counts(projectId);
    expect(c).toMatchObject({ signals: 24, alerts: 24, incidents: 1, open: 1, alertCounts: 24 });
    const members = await withDb(
      async (db) =>
        (
          await db.query(
            'SELECT count(*)::int AS n FROM incident_alerts ia JOIN incidents i ON i.id = ia.incident_id WHERE i.project_id = $1',
            [projectId],
          )
        ).rows[0].n,
    );
    expect(members).toBe(24);
  });

  it('acknowledges, resolves and reopens through the API, with 409 for a wrong transition and 404 for strangers', async () => {
    const projectId = await newProject('actions');
    const { incidentIds } = await processor.process(
      projectId,
      inProject(projectId, [alertmanager(0, 'firing', { host: 'db-9' }, 'fp-actions')]),
    );
    const id = incidentIds[0];
    const stranger = await registerAndLogin(t, 'corr-stranger');
    await t.http().post(`/api/v1/incidents/${id}/acknowledge`).set(stranger.auth).expect(404);
    const ack = await t.http().post(`/api/v1/incidents/${id}/acknowledge`).set(u.auth).expect(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', resolved: false });
    expect(ack.body.acknowledged_at).not.toBeNull();
    await t.http().post(`/api/v1/incidents/${id}/acknowledge`).set(u.auth).expect(409);
    await t.http().post(`/api/v1/incidents/${id}/reopen`).set(u.auth).expect(409);
    const res = await t.http().post(`/api/v1/incidents/${id}/resolve`).set(u.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolved: true });
    await t.http().post(`/api/v1/incidents/${id}/resolve`).set(u.auth).expect(409);
    const re = await t.http().post(`/api/v1/incidents/${id}/reopen`).set(u.auth).expect(200);
    expect(re.body.status).toBe('open');
    await t.http().post(`/api/v1/incidents/not-a-uuid/resolve`).set(u.auth).expect(400);
    await t.http().post(`/api/v1/incidents/${id}/resolve`).expect(401);
  });

  it('auto-resolves when every member resolved and the quiet period passed, and links a later recurrence', async () => {
    const projectId = await newProject('sweep');
    const fp = 'fp-sweep';
    const first = await processor.process(
      projectId,
      inProject(projectId, [
        alertmanager(0, 'firing', { host: 'db-7' }, fp),
        alertmanager(2, 'resolved', { host: 'db-7' }, fp),
      ]),
    );
    const id = first.incidentIds[0];
    const lifecycle = t.app.get(IncidentLifecycle);
    expect(await lifecycle.sweep(new Date(at(4)))).not.toContain(id);
    expect(await lifecycle.sweep(new Date(at(8)))).toContain(id);
    const resolved = await t.http().get(`/api/v1/incidents/${id}`).set(u.auth).expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolved_at: at(2) });

    const later = await processor.process(
      projectId,
      inProject(projectId, [alertmanager(60, 'firing', { host: 'db-7' }, fp)]),
    );
    const next = await t.http().get(`/api/v1/incidents/${later.outcomes[0].incidentId}`).set(u.auth).expect(200);
    expect(next.body).toMatchObject({ status: 'open', previous_incident_id: id });
  });

  it('never mixes projects', async () => {
    const a = await newProject('tenant-a');
    const b = await newProject('tenant-b');
    const ra = await processor.process(a, inProject(a, [k8sBackOff(0)]));
    const rb = await processor.process(b, inProject(b, [sentryEvent(1)]));
    expect(ra.outcomes[0].incidentId).not.toBe(rb.outcomes[0].incidentId);
    expect((await counts(a)).incidents).toBe(1);
    expect((await counts(b)).incidents).toBe(1);
  });
});
