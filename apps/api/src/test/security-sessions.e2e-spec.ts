import { createHmac } from 'node:crypto';
import { REFRESH_COOKIE } from '@mozaic/contracts';
import { withDb } from './seed';
import { openStream } from './support/sse';
import { createProject } from './support/sources';
import { createTestApp, registerAndLogin, TEST_SECRET_KEY, TestApp } from './test-app';
import { until } from './support/until';

/** An access token dies with its session; live streams end with their token and are capped per user. */
describe('sessions and live streams (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ SSE_MAX_STREAMS_PER_USER: '2' });
  });
  afterAll(() => t.close());

  const login = async (email: string, password: string) => {
    const res = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    const cookie = ((res.headers['set-cookie'] as unknown as string[]) ?? [])
      .find((c) => c.startsWith(`${REFRESH_COOKIE}=`))
      ?.split(';')[0] as string;
    return { auth: { Authorization: `Bearer ${res.body.access_token}` }, cookie };
  };

  it('refuses the access token of a session once it logged out, and closes its open stream', async () => {
    const u = await registerAndLogin(t, 'logout');
    const projectId = await createProject(t, u.auth, 'sessions');
    const s = await login(u.email, u.password);
    await t.http().get('/api/v1/auth/me').set(s.auth).expect(200);
    const stream = await openStream(t, `/api/v1/incidents/stream?project_id=${projectId}`, s.auth);
    try {
      expect(stream.status).toBe(200);
      await t.http().post('/api/v1/auth/logout').set('Cookie', s.cookie).expect(204);
      await t.http().get('/api/v1/auth/me').set(s.auth).expect(401);
      await until('the stream to end', () => stream.ended || undefined, 15_000);
      // Another session of the same user is untouched.
      await t.http().get('/api/v1/auth/me').set(u.auth).expect(200);
    } finally {
      stream.close();
    }
  }, 30_000);

  it('refuses the access tokens of a session revoked by refresh-token reuse', async () => {
    const u = await registerAndLogin(t, 'reuse');
    const s = await login(u.email, u.password);
    const rotated = await t.http().post('/api/v1/auth/refresh').set('Cookie', s.cookie).expect(200);
    const fresh = { Authorization: `Bearer ${rotated.body.access_token}` };
    await t.http().get('/api/v1/auth/me').set(fresh).expect(200);
    const firstId = decodeURIComponent(s.cookie.split('=')[1]).split('.')[0];
    await withDb((c) =>
      c.query(`UPDATE refresh_tokens SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [firstId]),
    );
    await t.http().post('/api/v1/auth/refresh').set('Cookie', s.cookie).expect(401); // reuse: the family is revoked
    await t.http().get('/api/v1/auth/me').set(fresh).expect(401);
    await t.http().get('/api/v1/auth/me').set(s.auth).expect(401);
  });

  it('ends a stream when its access token expires', async () => {
    const u = await registerAndLogin(t, 'expiry');
    const projectId = await createProject(t, u.auth, 'expiry');
    // A token of the same user that expires in 3 s (the server signs the same claims).
    const now = Math.floor(Date.now() / 1000);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: u.id, email: u.email, typ: 'access', iat: now, exp: now + 3 })}`;
    const token = `${head}.${createHmac('sha256', TEST_SECRET_KEY).update(head).digest('base64url')}`;
    const stream = await openStream(t, `/api/v1/incidents/stream?project_id=${projectId}`, {
      Authorization: `Bearer ${token}`,
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.ended).toBe(false);
      await until('the stream to end at expiry', () => stream.ended || undefined, 10_000);
    } finally {
      stream.close();
    }
  });

  it('caps the streams one user holds open', async () => {
    const u = await registerAndLogin(t, 'cap');
    const projectId = await createProject(t, u.auth, 'cap');
    const path = `/api/v1/incidents/stream?project_id=${projectId}`;
    const a = await openStream(t, path, u.auth);
    const b = await openStream(t, path, u.auth);
    const c = await openStream(t, path, u.auth);
    try {
      expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
      a.close();
      await new Promise((r) => setTimeout(r, 200));
      const d = await openStream(t, path, u.auth);
      expect(d.status).toBe(200);
      d.close();
    } finally {
      [a, b, c].forEach((s) => s.close());
    }
  });
});
