import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';
import { seedIncidents, withDb } from './seed';

describe('projects (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'proj');
  });
  afterAll(() => t.close());

  it('creates, reads, updates and lists projects', async () => {
    const created = await t
      .http()
      .post('/api/v1/projects')
      .set(u.auth)
      .send({ name: '  checkout ', description: 'payments' })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'checkout',
      description: 'payments',
      user_id: u.id,
      open_incidents: { low: 0, medium: 0, high: 0, critical: 0 },
    });
    const id = created.body.id as string;
    const got = await t.http().get(`/api/v1/projects/${id}`).set(u.auth).expect(200);
    expect(got.body.name).toBe('checkout');
    const upd = await t.http().put(`/api/v1/projects/${id}`).set(u.auth).send({ name: 'checkout-v2' }).expect(200);
    expect(upd.body).toMatchObject({
      name: 'checkout-v2',
      description: 'payments',
    });
    const list = await t.http().get('/api/v1/projects').set(u.auth).expect(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((p: { id: string }) => p.id)).toContain(id);
    expect(Number(list.headers['x-total-count'])).toBe(list.body.length);
  });

  it('paginates with limit and offset, newest first, and reports the total', async () => {
    const v = await registerAndLogin(t, 'page');
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      await t.http().post('/api/v1/projects').set(v.auth).send({ name }).expect(201);
    const p1 = await t.http().get('/api/v1/projects?limit=2').set(v.auth).expect(200);
    const p3 = await t.http().get('/api/v1/projects?limit=2&offset=4').set(v.auth).expect(200);
    expect(p1.body.map((p: { name: string }) => p.name)).toEqual(['e', 'd']);
    expect(p3.body.map((p: { name: string }) => p.name)).toEqual(['a']);
    expect(p1.headers['x-total-count']).toBe('5');
    await t.http().get('/api/v1/projects?limit=0').set(v.auth).expect(400);
    await t.http().get('/api/v1/projects?limit=abc').set(v.auth).expect(400);
  });

  it('counts open incidents by severity', async () => {
    const p = await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'counts' }).expect(201);
    const now = Date.now();
    await seedIncidents(p.body.id, [
      { title: 'a', severity: 'critical', timestamp: new Date(now - 1000) },
      { title: 'b', severity: 'critical', timestamp: new Date(now - 2000) },
      { title: 'c', severity: 'low', timestamp: new Date(now - 3000) },
      {
        title: 'd',
        severity: 'high',
        status: 'resolved',
        timestamp: new Date(now - 4000),
      },
    ]);
    const got = await t.http().get(`/api/v1/projects/${p.body.id}`).set(u.auth).expect(200);
    expect(got.body.open_incidents).toEqual({
      low: 1,
      medium: 0,
      high: 0,
      critical: 2,
    });
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'ok', description: 5 }, 'description'],
    [{ name: 'ok', owner: 'me' }, 'owner'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await t.http().post('/api/v1/projects').set(u.auth).send(body).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    await t.http().get('/api/v1/projects/not-a-uuid').set(u.auth).expect(400);
    await t.http().get('/api/v1/projects/00000000-0000-4000-8000-000000000000').set(u.auth).expect(404);
  });

  it('deleting a project deletes its accounts and incidents', async () => {
    const p = await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'doomed' }).expect(201);
    const id = p.body.id as string;
    await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({
        project_id: id,
        service_type: 'grafana',
        credentials: { token: 'glsa_0123456789abcdef' },
        config: { base_url: 'http://grafana.local:3000' },
      })
      .expect(201);
    await seedIncidents(id, [{ title: 'gone soon', timestamp: new Date() }]);
    await t.http().delete(`/api/v1/projects/${id}`).set(u.auth).expect(204);
    await t.http().get(`/api/v1/projects/${id}`).set(u.auth).expect(404);
    const left = await withDb(async (c) => {
      const a = await c.query('SELECT count(*)::int AS n FROM account_connections WHERE project_id = $1', [id]);
      const i = await c.query('SELECT count(*)::int AS n FROM incidents WHERE project_id = $1', [id]);
      return a.rows[0].n + i.rows[0].n;
    });
    expect(left).toBe(0);
    await t.http().delete(`/api/v1/projects/${id}`).set(u.auth).expect(404);
  });

  it('requires a token', async () => {
    await t.http().get('/api/v1/projects').expect(401);
    await t.http().post('/api/v1/projects').send({ name: 'x' }).expect(401);
  });
});
