import { QueryFailedError } from 'typeorm';
import { errorForLog } from '../common/http/logger-options';
import { TcpProxy } from './support/tcp-proxy';
import { createProject } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

/** PostgreSQL away or frozen: answers within the timeouts, 503 with Retry-After, never a hang or a 500. */
describe('the database away or frozen (e2e)', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let auth: Record<string, string>;
  let projectId: string;
  let token: string;
  let user: { email: string; password: string };

  beforeAll(async () => {
    const url = new URL(process.env['TEST_DATABASE_URL'] as string);
    proxy = await TcpProxy.start(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await createTestApp({ DATABASE_URL: url.toString() });
    const u = await registerAndLogin(t, 'dbfault');
    user = u;
    auth = u.auth;
    projectId = await createProject(t, auth, 'dbfault');
    token = (await t.http().post(`/api/v1/projects/${projectId}/webhooks/token`).set(auth).expect(201)).body.token;
  }, 30_000);
  afterAll(async () => {
    proxy.up();
    await t.close();
    await proxy.close();
  });

  const webhook = () =>
    t
      .http()
      .post(`/webhooks/alertmanager/${projectId}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send({ version: '4', status: 'firing', groupKey: 'g', alerts: [] });

  const expect503 = (res: { status: number; headers: Record<string, string> }) => {
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('answers 503 with Retry-After while PostgreSQL is down (login, lists), and recovers', async () => {
    proxy.down();
    expect503(await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }));
    expect503(await t.http().get('/api/v1/projects').set(auth));
    proxy.up();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await t.http().get('/api/v1/projects').set(auth)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
  }, 30_000);

  it('answers webhooks and API calls with 503 (not silence) while PostgreSQL is frozen', async () => {
    proxy.freeze();
    const [hook, list] = await Promise.all([webhook(), t.http().get('/api/v1/projects').set(auth)]);
    expect(hook.status).toBe(503);
    expect503(list);
    proxy.up();
  }, 45_000);

  it('logs a failed query without the values it was given', () => {
    const e = new QueryFailedError(
      'SELECT * FROM users WHERE token = $1',
      ['gAAAAA-secret-fernet-token'],
      new Error('boom'),
    );
    const logged = JSON.stringify(errorForLog(e));
    expect(logged).toContain('SELECT * FROM users');
    expect(logged).not.toContain('secret-fernet-token');
  });
});
