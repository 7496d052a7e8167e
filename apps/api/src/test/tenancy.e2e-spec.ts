import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';
import { seedIncidents, withDb } from './seed';

/** A second user must see the first user's ids exactly as missing ones: 404, never 200 or 403. */
describe('tenancy (e2e)', () => {
  let t: TestApp;
  let owner: LoggedInUser;
  let stranger: LoggedInUser;
  let projectId: string;
  let accountId: string;
  let incidentId: string;
  let incidentId2: string;
  let runId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await registerAndLogin(t, 'owner');
    stranger = await registerAndLogin(t, 'stranger');
    projectId = (await t.http().post('/api/v1/projects').set(owner.auth).send({ name: 'private' }).expect(201)).body.id;
    accountId = (
      await t
        .http()
        .post('/api/v1/accounts')
        .set(owner.auth)
        .send({
          project_id: projectId,
          service_type: 'grafana',
          credentials: { token: 'glsa_0123456789abcdef' },
          config: { base_url: 'http://g:3000' },
        })
        .expect(201)
    ).body.id;
    [incidentId, incidentId2] = await seedIncidents(projectId, [
      { title: 'private incident', timestamp: new Date() },
      { title: 'another private incident', timestamp: new Date() },
    ]);
    runId = (await t.http().post(`/api/v1/incidents/fetch/${projectId}`).set(owner.auth).expect(202)).body.id;
  });
  afterAll(() => t.close());

  const routes: Array<[string, 'get' | 'put' | 'delete' | 'post', () => string, () => object | undefined]> = [
    ['get project', 'get', () => `/api/v1/projects/${projectId}`, () => undefined],
    ['update project', 'put', () => `/api/v1/projects/${projectId}`, () => ({ name: 'mine now' })],
    ['delete project', 'delete', () => `/api/v1/projects/${projectId}`, () => undefined],
    ['list accounts', 'get', () => `/api/v1/accounts/project/${projectId}`, () => undefined],
    [
      'connect account',
      'post',
      () => '/api/v1/accounts',
      () => ({
        project_id: projectId,
        service_type: 'grafana',
        credentials: { token: 'x' },
        config: { base_url: 'http://g:3000' },
      }),
    ],
    ['get account', 'get', () => `/api/v1/accounts/${accountId}`, () => undefined],
    ['test account', 'post', () => `/api/v1/accounts/${accountId}/test`, () => undefined],
    ['delete account', 'delete', () => `/api/v1/accounts/${accountId}`, () => undefined],
    ['fetch now', 'post', () => `/api/v1/incidents/fetch/${projectId}`, () => undefined],
    ['fetch progress', 'get', () => `/api/v1/incidents/fetch/runs/${runId}`, () => undefined],
    ['list incidents', 'get', () => `/api/v1/incidents/project/${projectId}`, () => undefined],
    ['get incident', 'get', () => `/api/v1/incidents/${incidentId}`, () => undefined],
    ['merge incident', 'post', () => `/api/v1/incidents/${incidentId}/merge`, () => ({ into: incidentId2 })],
    [
      'move alert',
      'post',
      () => `/api/v1/incidents/${incidentId}/alerts/00000000-0000-4000-8000-000000000001/move`,
      () => ({ new: true }),
    ],
    ['list correlation rules', 'get', () => `/api/v1/projects/${projectId}/correlation-rules`, () => undefined],
    [
      'declare correlation rule',
      'post',
      () => `/api/v1/projects/${projectId}/correlation-rules`,
      () => ({ key_a: 'service:a', key_b: 'service:b', relation: 'together' }),
    ],
    [
      'forget correlation rule',
      'delete',
      () => `/api/v1/projects/${projectId}/correlation-rules/00000000-0000-4000-8000-000000000002`,
      () => undefined,
    ],
  ];

  it.each(routes)('%s with a foreign id answers 404', async (_name, method, path, body) => {
    const req = t.http()[method](path()).set(stranger.auth);
    const res = await (body() ? req.send(body()) : req);
    expect(res.status).toBe(404);
  });

  it('left everything of the owner untouched', async () => {
    const p = await t.http().get(`/api/v1/projects/${projectId}`).set(owner.auth).expect(200);
    expect(p.body.name).toBe('private');
    await t.http().get(`/api/v1/accounts/${accountId}`).set(owner.auth).expect(200);
    const inc = await t.http().get(`/api/v1/incidents/${incidentId}`).set(owner.auth).expect(200);
    expect(inc.body.correlation_data.merged_into ?? null).toBeNull();
    await t.http().get(`/api/v1/incidents/fetch/runs/${runId}`).set(owner.auth).expect(200);
    const n = await withDb(
      async (c) =>
        (await c.query('SELECT count(*)::int AS n FROM account_connections WHERE project_id = $1', [projectId])).rows[0]
          .n,
    );
    expect(n).toBe(1);
  });

  it("lists no foreign project in the stranger's list", async () => {
    const res = await t.http().get('/api/v1/projects').set(stranger.auth).expect(200);
    expect(res.body.map((p: { id: string }) => p.id)).not.toContain(projectId);
  });
});
