import { HeartbeatScheduler } from '../modules/webhooks/heartbeats/heartbeat.scheduler';
import { watchdog } from './corpus/kube-labels';
import { alertmanagerNotification } from './corpus/payloads';
import { withDb } from './seed';
import { until } from './support/until';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

/** Watchdog heartbeats: never an incident; a sender that goes silent is one. */
describe('heartbeats (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let projectId: string;
  let token: string;
  const startsAt = Date.now() - 3_600_000;
  const body = JSON.stringify(
    alertmanagerNotification('heartbeat', [], [{ ...watchdog(), startsAt }], 'http://am.monitoring:9093'),
  );
  const post = () =>
    t
      .http()
      .post(`/webhooks/alertmanager/${projectId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(body);
  const incidents = async () =>
    (
      await t
        .http()
        .get(`/api/v1/incidents/project/${projectId}?status=open,acknowledged,resolved`)
        .set(u.auth)
        .expect(200)
    ).body as Array<{
      id: string;
      title: string;
      severity: string;
    }>;
  const heartbeat = () =>
    withDb(async (c) => (await c.query('SELECT * FROM heartbeats WHERE project_id = $1', [projectId])).rows[0]);

  beforeAll(async () => {
    t = await createTestApp({ HEARTBEAT_MISSING_MINUTES: '10' });
    u = await registerAndLogin(t, 'hb');
    projectId = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'hb' }).expect(201)).body.id;
    token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(u.auth).expect(201)).body.token;
  });
  afterAll(() => t.close());

  it('notes every Watchdog delivery, the repeats (duplicates) too, and opens no incident for it', async () => {
    await post().expect(202);
    const first = await heartbeat();
    expect(first).toMatchObject({ name: 'monitoring/kps-prometheus', missing_since: null });
    await new Promise((r) => setTimeout(r, 20));
    await post().expect(200); // the same body again: a duplicate delivery, still a sign of life
    expect((await heartbeat()).last_received_at.getTime()).toBeGreaterThan(first.last_received_at.getTime());
    await until('the first delivery processed', async () => {
      const n = await withDb(
        async (c) =>
          (
            await c.query(
              `SELECT count(*)::int AS n FROM inbound_events WHERE project_id = $1 AND status = 'processed'`,
              [projectId],
            )
          ).rows[0].n as number,
      );
      return n === 1 ? n : undefined;
    });
    expect(await incidents()).toEqual([]);
  });

  it('opens "Alertmanager stopped sending" once the sender is silent, once, and resolves its alert when it is back', async () => {
    const scheduler = t.app.get(HeartbeatScheduler);
    const lastHeard = (minutesAgo: number) =>
      withDb((c) =>
        c.query(`UPDATE heartbeats SET last_received_at = now() - make_interval(mins => $2) WHERE project_id = $1`, [
          projectId,
          minutesAgo,
        ]),
      );
    await lastHeard(9);
    expect(await scheduler.check()).toEqual({ missing: 0, back: 0 });
    await lastHeard(11);
    expect(await scheduler.check()).toEqual({ missing: 1, back: 0 });
    expect(await scheduler.check()).toEqual({ missing: 0, back: 0 });
    const [inc] = await incidents();
    expect(inc.title).toMatch(/Alertmanager stopped sending/);
    expect(inc.severity).toBe('high');

    await post().expect(200);
    expect(await scheduler.check()).toEqual({ missing: 0, back: 1 });
    const detail = (await t.http().get(`/api/v1/incidents/${inc.id}`).set(u.auth).expect(200)).body;
    expect(detail.alerts.map((a: { status: string }) => a.status)).toEqual(['resolved']);
    expect((await heartbeat()).missing_since).toBeNull();
  });
});
