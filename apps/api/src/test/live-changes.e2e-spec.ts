import { IncidentLifecycle } from '../modules/incidents/processing/incident-lifecycle.service';
import { fixture } from './support/fixtures';
import { openStream } from './support/sse';
import { until } from './support/until';
import { postWebhook } from './support/webhook-client';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON is edited freely

/** Every change to an incident reaches live views: a webhook's, a person's, the sweeper's. */
describe('live changes (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'live-changes');
  });
  afterAll(() => t.close());

  it('publishes the auto-resolution of the sweeper and a person acknowledging', async () => {
    const projectId = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'live' }).expect(201)).body.id;
    const token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(u.auth).expect(201)).body
      .token;
    const stream = await openStream(t, `/api/v1/incidents/stream?project_id=${projectId}`, u.auth);
    const post = async (status: 'firing' | 'resolved') => {
      const body = fixture<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      body['alerts'] = [
        {
          ...body['alerts'][0],
          status,
          startsAt: new Date(Date.now() - 60_000).toISOString(),
          endsAt: status === 'resolved' ? new Date().toISOString() : '0001-01-01T00:00:00Z',
        },
      ];
      body['status'] = status;
      await postWebhook(t, `/webhooks/alertmanager/${projectId}`, JSON.stringify(body), {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      }).expect(202);
    };
    const incident = (status: string) =>
      stream.waitFor((e) => e.event === 'incident' && JSON.parse(e.data).status === status);
    try {
      await post('firing');
      const opened = JSON.parse((await incident('open')).data);
      await t.http().post(`/api/v1/incidents/${opened.id}/acknowledge`).set(u.auth).expect(200);
      await incident('acknowledged');
      await post('resolved');
      await until('the resolution processed', async () => {
        const d = (await t.http().get(`/api/v1/incidents/${opened.id}`).set(u.auth).expect(200)).body;
        return d.alerts.every((a: { status: string }) => a.status === 'resolved') ? true : undefined;
      });
      // The sweeper, as if ten minutes had passed: the change reaches the open stream.
      const resolved = await t.app.get(IncidentLifecycle).sweep(new Date(Date.now() + 10 * 60_000));
      // (The sweeper covers every project of the shared test database: others may resolve too.)
      expect(resolved).toContain(opened.id);
      expect(JSON.parse((await incident('resolved')).data)).toMatchObject({ id: opened.id, resolved: true });
    } finally {
      stream.close();
    }
  });
});
