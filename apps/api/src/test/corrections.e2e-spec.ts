import { Signal } from '@mozaic/contracts';
import { SignalProcessor } from '../modules/incidents/processing/signal-processor.service';
import { alertmanager } from './scenarios/stories';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

/** People's corrections of groupings through the API, and what the engine learns from them. */
describe('incident corrections (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let other: LoggedInUser;
  let processor: SignalProcessor;
  const newProject = async (name: string) =>
    (await t.http().post('/api/v1/projects').set(u.auth).send({ name }).expect(201)).body.id as string;
  const am = (
    projectId: string,
    minute: number,
    service: string,
    fp: string,
    status: 'firing' | 'resolved' = 'firing',
  ) =>
    ({
      ...alertmanager(minute, status, { alertname: `${service} errors`, service, host: '' }, fp),
      projectId,
    }) as Signal;
  const file = (projectId: string, ...signals: Signal[]) => processor.process(projectId, signals);
  const detail = async (id: string) => (await t.http().get(`/api/v1/incidents/${id}`).set(u.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'fix');
    other = await registerAndLogin(t, 'fix-other');
    processor = t.app.get(SignalProcessor);
  });
  afterAll(() => t.close());

  async function twoIncidents(tag: string) {
    const projectId = await newProject(tag);
    const a = (await file(projectId, am(projectId, 0, 'checkout', `${tag}-a`))).outcomes[0];
    const b = (await file(projectId, am(projectId, 1, 'ledger', `${tag}-b`))).outcomes[0];
    expect(a.incidentId).not.toBe(b.incidentId);
    return { projectId, a, b };
  }

  it('merges one incident into another, records who and when, and groups the pair by itself next time', async () => {
    const { projectId, a, b } = await twoIncidents('merge');
    const res = await t
      .http()
      .post(`/api/v1/incidents/${a.incidentId}/merge`)
      .set(u.auth)
      .send({ into: b.incidentId })
      .expect(200);
    expect(res.body.id).toBe(b.incidentId);
    expect(res.body.alerts.map((x: { id: string }) => x.id).sort()).toEqual([a.alertId, b.alertId].sort());
    expect(res.body.alerts.find((x: { id: string }) => x.id === a.alertId).reason.summary).toMatch(
      new RegExp(`merged by ${u.email}`),
    );
    expect((await detail(a.incidentId as string)).correlation_data.merged_into).toBe(b.incidentId);

    const rules = (await t.http().get(`/api/v1/projects/${projectId}/correlation-rules`).set(u.auth).expect(200)).body;
    expect(rules).toEqual([
      expect.objectContaining({
        key_a: 'service:checkout',
        key_b: 'service:ledger',
        relation: 'together',
        learned_from: expect.stringContaining(u.email),
      }),
    ]);

    // They end; hours later they fire again, minutes apart, with other fingerprints.
    await file(
      projectId,
      am(projectId, 10, 'checkout', 'merge-a', 'resolved'),
      am(projectId, 10, 'ledger', 'merge-b', 'resolved'),
    );
    const c = (await file(projectId, am(projectId, 300, 'checkout', 'merge-c'))).outcomes[0];
    const d = (await file(projectId, am(projectId, 302, 'ledger', 'merge-d'))).outcomes[0];
    expect(d.incidentId).toBe(c.incidentId);
    const reason = (await detail(d.incidentId as string)).alerts.find((x: { id: string }) => x.id === d.alertId).reason
      .summary;
    expect(reason).toMatch(
      new RegExp(`^Grouped because ${u.email} on .* put service checkout and service ledger together`),
    );
  });

  it('moves an alert to a new incident and keeps its entity apart from what it left', async () => {
    const projectId = await newProject('move');
    const [x, y] = (
      await file(
        projectId,
        { ...am(projectId, 0, 'search', 'move-x'), entities: { service: 'search', alarm: 'search-cpu' } },
        { ...am(projectId, 1, 'indexer', 'move-y'), entities: { service: 'indexer', aggregates: 'search-cpu' } },
      )
    ).outcomes;
    expect(y.incidentId).toBe(x.incidentId);
    const moved = await t
      .http()
      .post(`/api/v1/incidents/${x.incidentId}/alerts/${y.alertId}/move`)
      .set(u.auth)
      .send({ new: true })
      .expect(200);
    expect(moved.body.id).not.toBe(x.incidentId);
    expect(moved.body.alerts.map((a: { id: string }) => a.id)).toEqual([y.alertId]);
    expect(moved.body.alerts[0].reason.summary).toMatch(new RegExp(`^Moved here by ${u.email}`));
    expect((await detail(x.incidentId as string)).alerts.map((a: { id: string }) => a.id)).toEqual([x.alertId]);

    const again = (
      await file(projectId, {
        ...am(projectId, 3, 'indexer', 'move-z'),
        entities: { service: 'indexer', aggregates: 'search-cpu' },
      })
    ).outcomes[0];
    expect(again.incidentId).not.toBe(x.incidentId);

    // And back into an existing incident with `to`.
    const back = await t
      .http()
      .post(`/api/v1/incidents/${moved.body.id}/alerts/${y.alertId}/move`)
      .set(u.auth)
      .send({ to: x.incidentId })
      .expect(200);
    expect(back.body.id).toBe(x.incidentId);
  });

  it('answers 400 for bad bodies, 404 for foreign or unknown incidents and alerts, 409 for a merged one', async () => {
    const { projectId, a, b } = await twoIncidents('errors');
    const post = (path: string, body: unknown, auth = u.auth) =>
      t
        .http()
        .post(path)
        .set(auth)
        .send(body as object);
    expect((await post(`/api/v1/incidents/${a.incidentId}/merge`, {}).expect(400)).body.message.join(' ')).toMatch(
      /into/,
    );
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: 'nope' }).expect(400);
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: a.incidentId }).expect(400);
    await post(`/api/v1/incidents/${a.incidentId}/alerts/${a.alertId}/move`, {}).expect(400);
    await post(`/api/v1/incidents/${a.incidentId}/alerts/${a.alertId}/move`, { new: true, to: b.incidentId }).expect(
      400,
    );
    await post(`/api/v1/incidents/${a.incidentId}/alerts/${a.alertId}/move`, { new: false }).expect(400);
    await post(`/api/v1/incidents/${a.incidentId}/alerts/${b.alertId}/move`, { new: true }).expect(404);
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: b.incidentId }, other.auth).expect(404);
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await t.http().post(`/api/v1/incidents/${a.incidentId}/merge`).send({ into: b.incidentId }).expect(401);
    await t.http().get(`/api/v1/projects/${projectId}/correlation-rules`).set(other.auth).expect(404);

    // Another project's incident is as foreign as another user's.
    const elsewhere = await twoIncidents('errors-2');
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: elsewhere.a.incidentId }).expect(404);

    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: b.incidentId }).expect(200);
    await post(`/api/v1/incidents/${a.incidentId}/merge`, { into: b.incidentId }).expect(409);
  });

  it('forgets a learned rule on request', async () => {
    const { projectId, a, b } = await twoIncidents('forget');
    await t.http().post(`/api/v1/incidents/${a.incidentId}/merge`).set(u.auth).send({ into: b.incidentId }).expect(200);
    const [rule] = (await t.http().get(`/api/v1/projects/${projectId}/correlation-rules`).set(u.auth).expect(200)).body;
    await t.http().delete(`/api/v1/projects/${projectId}/correlation-rules/${rule.id}`).set(other.auth).expect(404);
    await t.http().delete(`/api/v1/projects/${projectId}/correlation-rules/${rule.id}`).set(u.auth).expect(204);
    expect(
      (await t.http().get(`/api/v1/projects/${projectId}/correlation-rules`).set(u.auth).expect(200)).body,
    ).toEqual([]);
  });

  it('honours a dependency a person declares, and validates it', async () => {
    const projectId = await newProject('declare');
    const rules = `/api/v1/projects/${projectId}/correlation-rules`;
    const bad = await t
      .http()
      .post(rules)
      .set(u.auth)
      .send({ key_a: 'checkout', key_b: 'service:x', relation: 'together' })
      .expect(400);
    expect(bad.body.message.join(' ')).toMatch(/key_a must be an entity key/);
    await t
      .http()
      .post(rules)
      .set(u.auth)
      .send({ key_a: 'service:a', key_b: 'service:a', relation: 'together' })
      .expect(400);
    await t
      .http()
      .post(rules)
      .set(u.auth)
      .send({ key_a: 'service:a', key_b: 'service:b', relation: 'maybe' })
      .expect(400);
    await t
      .http()
      .post(rules)
      .set(other.auth)
      .send({ key_a: 'service:a', key_b: 'service:b', relation: 'together' })
      .expect(404);
    const rule = await t
      .http()
      .post(rules)
      .set(u.auth)
      .send({ key_a: 'service:Ledger', key_b: 'service:billing', relation: 'together' })
      .expect(201);
    expect(rule.body).toMatchObject({ key_a: 'service:billing', key_b: 'service:ledger', relation: 'together' });

    const a = (await file(projectId, am(projectId, 0, 'ledger', 'decl-a'))).outcomes[0];
    const b = (await file(projectId, am(projectId, 2, 'billing', 'decl-b'))).outcomes[0];
    expect(b.incidentId).toBe(a.incidentId);
    const reason = (await detail(b.incidentId as string)).alerts.find((x: { id: string }) => x.id === b.alertId).reason
      .summary;
    expect(reason).toMatch(
      new RegExp(`^Grouped because ${u.email} on .* put service billing and service ledger together`),
    );
  });
});
