import { FernetKey } from '../common/crypto/fernet';
import { createTestApp, LoggedInUser, registerAndLogin, TEST_ENCRYPTION_KEY, TestApp } from './test-app';
import { withDb } from './seed';

/** One valid connection per service type, each with a distinctive secret to hunt for afterwards. */
const VALID = {
  kubernetes: {
    credentials: {
      server: 'https://k8s.example.internal:6443',
      token: 'k8s-token-SECRET-aaaa1111',
    },
    config: { namespaces: ['shop', 'payments'] },
  },
  docker: {
    credentials: {
      host: 'tcp://docker.example.internal:2376',
      tls_key: '-----BEGIN KEY-----SECRET-bbbb2222',
    },
    config: {},
  },
  cloudwatch: {
    credentials: {
      access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      secret_access_key: 'wJalrXUtnFEMI/K7MDENG/SECRET-cccc3333',
    },
    config: { region: 'eu-west-1', log_group_names: ['/aws/lambda/checkout'] },
  },
  grafana: {
    credentials: { token: 'glsa_SECRET-dddd4444' },
    config: { base_url: 'http://grafana.example.internal:3000' },
  },
  sentry: {
    credentials: {
      auth_token: 'sntrys_SECRET-eeee5555',
      client_secret: 'client-SECRET-ffff6666',
    },
    config: { organization: 'acme', projects: ['checkout'] },
  },
} as const;

const SECRET_MARKERS = [
  'k8s-token-SECRET',
  'SECRET-bbbb2222',
  'SECRET-cccc3333',
  'glsa_SECRET',
  'sntrys_SECRET',
  'client-SECRET',
];

describe('accounts (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'acct');
    projectId = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'accounts' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it.each(Object.entries(VALID))(
    'connects and tests a %s account (unreachable here: error with the reason); the answer carries only a masked hint',
    async (type, body) => {
      const res = await t
        .http()
        .post('/api/v1/accounts')
        .set(u.auth)
        .send({ project_id: projectId, service_type: type, ...body })
        .expect(201);
      expect(res.body).toMatchObject({
        project_id: projectId,
        service_type: type,
        name: type,
        status: 'error',
      });
      expect(Date.parse(res.body.last_tested)).toBeGreaterThan(Date.now() - 60_000);
      expect(res.body.last_error).toMatch(/does not resolve|unreachable|timed out|did not answer/);
      expect(res.body.credentials_hint).toMatch(/^••••/);
      expect(res.body).not.toHaveProperty('credentials');
      expect(res.body).not.toHaveProperty('credentials_encrypted');
      for (const m of SECRET_MARKERS) expect(JSON.stringify(res.body)).not.toContain(m);
    },
  );

  it('stores credentials only as a Fernet token that decrypts with ENCRYPTION_KEY', async () => {
    const res = await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({
        project_id: projectId,
        service_type: 'grafana',
        ...VALID.grafana,
      })
      .expect(201);
    const row = await withDb(
      async (c) => (await c.query('SELECT * FROM account_connections WHERE id = $1', [res.body.id])).rows[0],
    );
    const stored = JSON.stringify(row);
    for (const m of SECRET_MARKERS) expect(stored).not.toContain(m);
    expect(row.credentials_encrypted).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
    const plain = new FernetKey(TEST_ENCRYPTION_KEY).decrypt(row.credentials_encrypted).toString();
    expect(JSON.parse(plain)).toEqual(VALID.grafana.credentials);
  });

  it('lists, reads and deletes accounts of a project', async () => {
    const list = await t.http().get(`/api/v1/accounts/project/${projectId}`).set(u.auth).expect(200);
    expect(list.body.length).toBeGreaterThanOrEqual(5);
    for (const m of SECRET_MARKERS) expect(JSON.stringify(list.body)).not.toContain(m);
    const id = list.body[0].id as string;
    await t.http().get(`/api/v1/accounts/${id}`).set(u.auth).expect(200);
    await t.http().delete(`/api/v1/accounts/${id}`).set(u.auth).expect(204);
    await t.http().get(`/api/v1/accounts/${id}`).set(u.auth).expect(404);
    await t.http().delete(`/api/v1/accounts/${id}`).set(u.auth).expect(404);
  });

  it.each([
    [{ service_type: 'nagios', credentials: {} }, 'service_type'],
    [
      {
        service_type: 'grafana',
        credentials: {},
        config: { base_url: 'http://g:3000' },
      },
      'credentials.token',
    ],
    [{ service_type: 'grafana', credentials: { token: 'x' } }, 'config'],
    [
      {
        service_type: 'grafana',
        credentials: { token: 'x' },
        config: { base_url: 'ftp://g' },
      },
      'config.base_url',
    ],
    [
      {
        service_type: 'cloudwatch',
        credentials: { access_key_id: 'AKIAIOSFODNN7EXAMPLE' },
        config: { region: 'eu-west-1' },
      },
      'credentials.secret_access_key',
    ],
    [
      {
        service_type: 'cloudwatch',
        credentials: { access_key_id: 'lower', secret_access_key: 's' },
        config: { region: 'eu-west-1' },
      },
      'credentials.access_key_id',
    ],
    [
      {
        service_type: 'cloudwatch',
        credentials: VALID.cloudwatch.credentials,
        config: { region: 'mars' },
      },
      'config.region',
    ],
    [{ service_type: 'docker', credentials: { host: 'http://x' } }, 'credentials.host'],
    [{ service_type: 'kubernetes', credentials: { server: 'https://k:6443' } }, 'credentials.token'],
    [{ service_type: 'kubernetes', credentials: { token: 't' } }, 'credentials.server'],
    [{ service_type: 'sentry', credentials: { auth_token: 't' }, config: {} }, 'config.organization'],
    [
      {
        service_type: 'sentry',
        credentials: { auth_token: 't', extra: 1 },
        config: { organization: 'acme' },
      },
      'credentials.extra',
    ],
    [{ service_type: 'grafana', credentials: 'token' }, 'credentials'],
    [
      {
        service_type: 'grafana',
        credentials: { token: 'x' },
        config: { base_url: 'http://g:3000', interval_seconds: 1 },
      },
      'config.interval_seconds',
    ],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({ project_id: projectId, ...body })
      .expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it('answers 400 for a missing project_id and 404 for an unknown project', async () => {
    const noProject = await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({ service_type: 'grafana', ...VALID.grafana })
      .expect(400);
    expect(JSON.stringify(noProject.body.message)).toContain('project_id');
    await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({
        project_id: '00000000-0000-4000-8000-000000000000',
        service_type: 'grafana',
        ...VALID.grafana,
      })
      .expect(404);
  });

  it('writes no credential into any log line, even for rejected requests', async () => {
    await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({ project_id: projectId, service_type: 'sentry', ...VALID.sentry })
      .expect(201);
    await t
      .http()
      .post('/api/v1/accounts')
      .set(u.auth)
      .send({
        project_id: projectId,
        service_type: 'sentry',
        credentials: { ...VALID.sentry.credentials, bogus: 1 },
        config: VALID.sentry.config,
      })
      .expect(400);
    const all = t.logs.join('');
    expect(t.logs.length).toBeGreaterThan(5);
    for (const m of SECRET_MARKERS) expect(all).not.toContain(m);
    expect(all).not.toContain(u.token);
  });
});
