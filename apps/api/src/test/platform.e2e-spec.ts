import { MIGRATIONS } from '../database/typeorm-options';
import { withDb } from './seed';
import { SECURITY_HEADERS } from '../common/http/security-headers';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

describe('platform (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      BODY_LIMIT: '16kb',
      CORS_ORIGINS: 'https://portal.example.com',
    });
  });
  afterAll(() => t.close());

  it('reports health of the database (and of Redis when configured)', async () => {
    const res = await t.http().get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.redis).toEqual({
      status: 'up',
      configured: Boolean(process.env['REDIS_URL']),
    });
  });

  it('answers liveness without dependencies, and readiness only with PostgreSQL and every migration applied', async () => {
    expect((await t.http().get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body.info).toEqual({
      database: { status: 'up' },
      migrations: { status: 'up', applied: MIGRATIONS.length },
    });
    // A build newer than its database (one migration not applied) is not ready.
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    await withDb((c) => c.query('UPDATE migrations SET name = $1 WHERE name = $2', [`${last}-hidden`, last]));
    try {
      // A 5xx answer carries only a request id (the reason is in the log).
      const behind = await t.http().get('/api/v1/health/ready').expect(503);
      expect(behind.body.request_id).toBeDefined();
    } finally {
      await withDb((c) => c.query('UPDATE migrations SET name = $1 WHERE name = $2', [last, `${last}-hidden`]));
    }
  });

  it('serves the OpenAPI document listing every route, and Swagger UI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/projects',
      '/api/v1/projects/{project_id}',
      '/api/v1/accounts',
      '/api/v1/accounts/project/{project_id}',
      '/api/v1/accounts/{account_id}',
      '/api/v1/incidents/project/{project_id}',
      '/api/v1/incidents/{incident_id}',
      '/api/v1/health',
    ]) {
      expect(paths).toContain(p);
    }
    const ui = await t.http().get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers 413 to a body over the limit and 400 to malformed JSON, without a 5xx', async () => {
    const big = await t
      .http()
      .post('/api/v1/auth/register')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(20_000) }));
    expect(big.status).toBe(413);
    const bad = await t.http().post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{"email": ');
    expect(bad.status).toBe(400);
    expect(bad.body.statusCode).toBe(400);
  });

  it('gives every answer a request id, keeping a sane one from the caller', async () => {
    const a = await t.http().get('/api/v1/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.http().get('/api/v1/health').set('X-Request-Id', 'trace-123');
    expect(b.headers['x-request-id']).toBe('trace-123');
    const c = await t.http().get('/api/v1/health').set('X-Request-Id', 'bad id with spaces and ${}');
    expect(c.headers['x-request-id']).not.toContain(' ');
  });

  it('sets security headers and answers CORS only for configured origins', async () => {
    const res = await t.http().get('/api/v1/health').set('Origin', 'https://portal.example.com');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBe('https://portal.example.com');
    const other = await t.http().get('/api/v1/health').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives webhook answers (the fast path) the same security headers and Server-Timing as the API', async () => {
    const api = await t.http().get('/api/v1/health');
    const hook = await t
      .http()
      .post('/webhooks/alertmanager/00000000-0000-4000-8000-000000000000')
      .set('Authorization', 'Bearer nope')
      .send({ alerts: [] });
    expect(hook.status).toBeGreaterThanOrEqual(400);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(api.headers[name.toLowerCase()]).toBe(value);
      expect(hook.headers[name.toLowerCase()]).toBe(value);
    }
    expect(hook.headers['server-timing']).toMatch(/^app;dur=\d+\.\d{2}$/);
    expect(hook.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 in JSON for unknown API routes', async () => {
    const u = await registerAndLogin(t, 'plat');
    const res = await t.http().get('/api/v1/nothing-here').set(u.auth).expect(404);
    expect(res.body.statusCode).toBe(404);
  });

  it('writes structured JSON log lines with request ids and redacted authorization', async () => {
    const u = await registerAndLogin(t, 'log');
    await t.http().get('/api/v1/auth/me').set(u.auth).set('X-Request-Id', 'log-check-1').expect(200);
    const line = t.logs
      .map(
        (l) =>
          JSON.parse(l) as {
            req?: { id?: string; headers?: Record<string, string> };
          },
      )
      .find((l) => l.req?.id === 'log-check-1');
    expect(line).toBeDefined();
    expect(line?.req?.headers?.['authorization']).toBe('[redacted]');
    expect(t.logs.join('')).not.toContain(u.token);
  });
});
