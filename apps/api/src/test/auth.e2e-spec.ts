import { createHmac } from 'node:crypto';
import { REFRESH_COOKIE } from '@mozaic/contracts';
import { createTestApp, registerAndLogin, TEST_SECRET_KEY, TestApp, uniqueEmail } from './test-app';
import { withDb } from './seed';

/** The refresh cookie from a Set-Cookie answer, ready to send back. */
function refreshCookie(res: { headers: Record<string, unknown> }): string {
  const all = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const c = all.find((h) => h.startsWith(`${REFRESH_COOKIE}=`));
  if (!c) throw new Error('no refresh cookie set');
  return c.split(';')[0];
}

function jwt(payload: object, secret: string, alg = 'HS256'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg, typ: 'JWT' })}.${enc(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('register', () => {
    it('creates a user and answers its public fields only', async () => {
      const email = uniqueEmail('reg');
      const res = await t.http().post('/api/v1/auth/register').send({ email, password: 'long enough pw' }).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email,
        is_active: true,
        created_at: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('answers a taken email (compared case-insensitively) as it answers a new one, and changes nothing', async () => {
      const email = uniqueEmail('dup');
      const first = await t
        .http()
        .post('/api/v1/auth/register')
        .send({ email, password: 'long enough pw' })
        .expect(201);
      const res = await t
        .http()
        .post('/api/v1/auth/register')
        .send({
          email: `  ${email.toUpperCase()} `,
          password: 'another pw 123',
        })
        .expect(201);
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(first.body).sort());
      expect(res.body).toMatchObject({ email, is_active: true });
      expect(res.body.id).not.toBe(first.body.id);
      await t.http().post('/api/v1/auth/login').send({ email, password: 'another pw 123' }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ email, password: 'long enough pw' }).expect(200);
    });

    it.each([
      [{ password: 'long enough pw' }, 'email'],
      [{ email: 'not-an-email', password: 'long enough pw' }, 'email'],
      [{ email: 'a@example.com' }, 'password'],
      [{ email: 'a@example.com', password: 'short' }, 'password'],
      [{ email: 'a@example.com', password: 'long enough pw', admin: true }, 'admin'],
    ])('answers 400 naming the field for %j', async (body, field) => {
      const res = await t.http().post('/api/v1/auth/register').send(body).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });
  });

  describe('login', () => {
    it('returns a bearer token and sets an httpOnly SameSite=Strict refresh cookie', async () => {
      const u = await registerAndLogin(t, 'login');
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: u.email.toUpperCase(), password: u.password })
        .expect(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        expires_in: 30 * 60,
      });
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith(REFRESH_COOKIE));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.access_token}`)
        .expect(200);
      expect(me.body).toMatchObject({
        id: u.id,
        email: u.email,
        is_active: true,
      });
    });

    it('answers a wrong password and an unknown email the same way', async () => {
      const u = await registerAndLogin(t, 'same');
      const wrong = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: 'wrong password' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: 'wrong password' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.message).toBe('Incorrect email or password');
    });
  });

  describe('access tokens', () => {
    it('rejects a missing, malformed, forged, expired or alg=none token with 401', async () => {
      const u = await registerAndLogin(t, 'tok');
      const now = Math.floor(Date.now() / 1000);
      const forged = jwt(
        { sub: u.id, email: u.email, typ: 'access', iat: now, exp: now + 600 },
        'not-the-server-secret-000000000000',
      );
      const expired = jwt(
        {
          sub: u.id,
          email: u.email,
          typ: 'access',
          iat: now - 7200,
          exp: now - 3600,
        },
        TEST_SECRET_KEY,
      );
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: u.id, typ: 'access', exp: now + 600 })).toString('base64url')}.`;
      await t.http().get('/api/v1/auth/me').expect(401);
      await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
      for (const token of [forged, expired, none]) {
        const res = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
        expect(res.body.statusCode).toBe(401);
      }
      // The same claims signed with the real secret are accepted: the rejections above are for the signature and expiry.
      const good = jwt({ sub: u.id, email: u.email, typ: 'access', iat: now, exp: now + 600 }, TEST_SECRET_KEY);
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${good}`).expect(200);
    });
  });

  describe('refresh and logout', () => {
    it('rotates the refresh token; a rotated token presented again revokes the whole session', async () => {
      const u = await registerAndLogin(t, 'rot');
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: u.password })
        .expect(200);
      const first = refreshCookie(login);

      const r1 = await t.http().post('/api/v1/auth/refresh').set('Cookie', first).expect(200);
      expect(r1.body.token_type).toBe('bearer');
      await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${r1.body.access_token}`).expect(200);
      const second = refreshCookie(r1);
      expect(second).not.toBe(first);

      // Reuse of the first token after the grace period: refused, and the family (including the second token) is revoked.
      const firstId = decodeURIComponent(first.split('=')[1]).split('.')[0];
      await withDb((c) =>
        c.query(`UPDATE refresh_tokens SET rotated_at = now() - interval '1 minute' WHERE id = $1`, [firstId]),
      );
      await t.http().post('/api/v1/auth/refresh').set('Cookie', first).expect(401);
      await t.http().post('/api/v1/auth/refresh').set('Cookie', second).expect(401);
    });

    it('gives two tabs refreshing at once the same new token, and both stay logged in', async () => {
      const u = await registerAndLogin(t, 'tabs');
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: u.password })
        .expect(200);
      const cookie = refreshCookie(login);
      const [a, b] = await Promise.all([
        t.http().post('/api/v1/auth/refresh').set('Cookie', cookie),
        t.http().post('/api/v1/auth/refresh').set('Cookie', cookie),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(refreshCookie(a)).toBe(refreshCookie(b));
      expect(a.headers['cache-control']).toBe('no-store');
      await t.http().post('/api/v1/auth/refresh').set('Cookie', refreshCookie(a)).expect(200);
    });

    it('logout revokes the refresh token and clears the cookie', async () => {
      const u = await registerAndLogin(t, 'out');
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: u.email, password: u.password })
        .expect(200);
      const cookie = refreshCookie(login);
      const out = await t.http().post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);
      expect(((out.headers['set-cookie'] as unknown as string[]) ?? []).join()).toMatch(
        new RegExp(`${REFRESH_COOKIE}=;`),
      );
      await t.http().post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
    });

    it('answers 401 to a refresh without a cookie or with garbage', async () => {
      await t.http().post('/api/v1/auth/refresh').expect(401);
      await t.http().post('/api/v1/auth/refresh').set('Cookie', `${REFRESH_COOKIE}=garbage`).expect(401);
    });
  });
});

describe('login and registration rate limiting (e2e)', () => {
  // Behind a proxy (TRUST_PROXY): each test comes from its own client address, so none depends on
  // another's counts, and the counters (shared in PostgreSQL) are those of that address alone.
  const env = {
    TRUST_PROXY: 'true',
    LOGIN_RATE_LIMIT_PER_EMAIL: '3',
    LOGIN_RATE_LIMIT_PER_IP: '8',
    LOGIN_RATE_LIMIT_WINDOW_SECONDS: '120',
    REGISTER_RATE_LIMIT_PER_IP: '3',
  };
  let t: TestApp;
  let other: TestApp;
  const ipOf = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const login = (app: TestApp, ip: string, email: string, password: string) =>
    app.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  beforeAll(async () => {
    t = await createTestApp(env);
    other = await createTestApp(env);
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });

  it('limits attempts per email from one address with 429 and Retry-After', async () => {
    const ip = ipOf();
    const email = uniqueEmail('rl');
    for (let i = 0; i < 3; i++) await login(t, ip, email, 'wrong password').expect(401);
    const res = await login(t, ip, email, 'wrong password').expect(429);
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(120);
  });

  it('limits attempts per IP across emails', async () => {
    const ip = ipOf();
    for (let i = 0; i < 8; i++) await login(t, ip, uniqueEmail('ip'), 'x').expect(401);
    const res = await login(t, ip, uniqueEmail('ip'), 'x').expect(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('does not lock out the owner: failures from elsewhere slow the email down, the right password still works', async () => {
    const email = uniqueEmail('victim');
    const password = 'the right password 42';
    await t.http().post('/api/v1/auth/register').set('X-Forwarded-For', ipOf()).send({ email, password }).expect(201);
    const attacker = ipOf();
    for (let i = 0; i < 3; i++) await login(t, attacker, email, 'guess').expect(401);
    await login(t, attacker, email, 'guess').expect(429);
    // The owner, from their own address, gets in (after a short back-off), although the email is over its limit.
    const res = await login(t, ipOf(), email, password).expect(200);
    expect(res.body.access_token).toEqual(expect.any(String));
  });

  it('counts failures only: a team behind one address can sign in more often than the limit', async () => {
    const ip = ipOf();
    const email = uniqueEmail('office');
    const password = 'a shared office password 7';
    await t.http().post('/api/v1/auth/register').set('X-Forwarded-For', ipOf()).send({ email, password }).expect(201);
    for (let i = 0; i < 12; i++) await login(t, ip, email, password).expect(200);
    // Successes left the counters as they were: the limits still apply to failures from there.
    for (let i = 0; i < 3; i++) await login(t, ip, email, 'wrong password').expect(401);
    await login(t, ip, email, 'wrong password').expect(429);
  });

  it('counts in one place for every process: two instances do not allow twice the limit', async () => {
    const ip = ipOf();
    const email = uniqueEmail('shared');
    await login(t, ip, email, 'x').expect(401);
    await login(other, ip, email, 'x').expect(401);
    await login(t, ip, email, 'x').expect(401);
    await login(other, ip, email, 'x').expect(429);
  });

  it('limits registrations per IP', async () => {
    const ip = ipOf();
    const register = () =>
      t
        .http()
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', ip)
        .send({ email: uniqueEmail('many'), password: 'a fine long password' });
    for (let i = 0; i < 3; i++) await register().expect(201);
    const res = await register().expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
