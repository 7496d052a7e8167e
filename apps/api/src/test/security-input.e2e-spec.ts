import { createProject } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

/** Bad input gets a clear 4xx, never a 5xx; limits are named in the answer. */
describe('bad input never gives a 5xx (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let projectId: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '200kb' });
    auth = (await registerAndLogin(t, 'input')).auth;
    projectId = await createProject(t, auth, 'input');
    token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(auth).expect(201)).body.token;
  });
  afterAll(() => t.close());

  it('answers 400 to a NUL byte in a project name and in the incident search', async () => {
    const named = await t.http().post('/api/v1/projects').set(auth).send({ name: 'a\u0000b' }).expect(400);
    expect(named.body.message).toMatch(/NUL/);
    const q = await t.http().get(`/api/v1/incidents/project/${projectId}?q=a%00b`).set(auth).expect(400);
    expect(q.body.message).toMatch(/NUL/);
  });

  it('answers 400 to an offset beyond any list and to a cursor outside the years PostgreSQL holds', async () => {
    await t.http().get('/api/v1/projects?offset=9223372036854775808').set(auth).expect(400);
    const cursor = Buffer.from(`-200000-01-01T00:00:00.000Z|${projectId}`).toString('base64url');
    await t.http().get(`/api/v1/incidents/project/${projectId}?cursor=${cursor}`).set(auth).expect(400);
  });

  it('answers 400 to deeply nested JSON and to __proto__ / constructor keys in any API body', async () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const res = await t
      .http()
      .post('/api/v1/projects')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send(`{"name":"deep","description":"x","extra":${deep}}`)
      .expect(400);
    expect(res.body.message).toMatch(/nested deeper than 32/);
    for (const key of ['constructor', '__proto__', 'prototype'])
      await t
        .http()
        .post('/api/v1/projects')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(`{"name":"p","${key}":{"polluted":true}}`)
        .expect(400);
  });

  it('answers 413 to a body over BODY_LIMIT and 415/400 to an unsupported or broken Content-Encoding', async () => {
    const big = await t
      .http()
      .post('/api/v1/projects')
      .set(auth)
      .send({ name: 'big', description: 'x'.repeat(210 * 1024) })
      .expect(413);
    expect(big.body.message).toMatch(/BODY_LIMIT/);
    await t
      .http()
      .post('/api/v1/projects')
      .set(auth)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{"name":"x"}')
      .expect(415);
    await t
      .http()
      .post('/api/v1/projects')
      .set(auth)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"name":"not gzip"}')
      .expect(400);
  });

  it('never echoes an unvalidated Host header into webhook URLs; PUBLIC_URL wins when set', async () => {
    const evil = await t
      .http()
      .get(`/api/v1/projects/${projectId}/webhooks`)
      .set(auth)
      .set('Host', 'evil.example/"><script>')
      .expect(200);
    expect(JSON.stringify(evil.body)).not.toContain('evil.example');
    const pub = await createTestApp({ PUBLIC_URL: 'https://mozaic.example.com/' });
    try {
      const u = await registerAndLogin(pub, 'pub');
      const pid = await createProject(pub, u.auth, 'pub');
      const res = await pub
        .http()
        .get(`/api/v1/projects/${pid}/webhooks`)
        .set(u.auth)
        .set('Host', 'other.example')
        .expect(200);
      const urls = JSON.stringify(res.body);
      expect(urls).toContain(`https://mozaic.example.com/webhooks/alertmanager/${pid}`);
      expect(urls).not.toContain('other.example');
    } finally {
      await pub.close();
    }
  });

  it('sends no-store on login and refresh answers', async () => {
    const u = await registerAndLogin(t, 'nostore');
    const res = await t.http().post('/api/v1/auth/login').send({ email: u.email, password: u.password }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  describe('poison webhooks are refused before the 202, naming the limit', () => {
    const post = (body: string) =>
      t
        .http()
        .post(`/webhooks/alertmanager/${projectId}`)
        .set('Authorization', `Bearer ${token}`)
        .set('Content-Type', 'application/json')
        .send(body);
    const alert = (n: number) => ({
      status: 'firing',
      labels: { alertname: `A${n}`, service: 'checkout' },
      annotations: {},
      startsAt: '2026-11-30T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: `f${n}`,
    });
    const notification = (alerts: unknown[], extra: object = {}) =>
      JSON.stringify({ version: '4', status: 'firing', groupKey: 'g', receiver: 'mozaic', alerts, ...extra });

    it('nested 2,000 levels deep', async () => {
      const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
      const res = await post(notification([alert(1)]).replace(/}$/, `,"x":${deep}}`)).expect(400);
      expect(res.body.message).toMatch(/nested deeper than 64 levels/);
    });

    it('too many alerts in one delivery', async () => {
      const res = await post(notification(Array.from({ length: 1001 }, (_, i) => alert(i)))).expect(413);
      expect(res.body.message).toMatch(/at most 1000 are accepted/);
    });

    it('a string longer than the limit', async () => {
      const res = await post(notification([{ ...alert(1), annotations: { description: 'x'.repeat(300 * 1024) } }]));
      // Over BODY_LIMIT (200 kB here) first: either way a 413 that names the limit.
      expect(res.status).toBe(413);
    });

    it('while a delivery at the limits is accepted', async () => {
      await post(notification(Array.from({ length: 50 }, (_, i) => alert(i)))).expect(202);
    });
  });
});
