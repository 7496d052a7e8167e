import dns, { LookupAllOptions } from 'node:dns';
import dnsPromises from 'node:dns/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo, createServer as createTcpServer, Server as TcpServer } from 'node:net';
import { BuiltProcess } from './support/built-app';
import { FakeApi } from './support/fake-api';
import { createProject } from './support/sources';
import { withDb } from './seed';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

/** Probes of the outbound policy: every connection MOZAIC makes for a user, judged where it connects. */

const listen = async <S extends Server | TcpServer>(s: S): Promise<S & { port: number }> => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return Object.assign(s, { port: (s.address() as AddressInfo).port });
};
const close = (s?: Server | TcpServer) =>
  new Promise((r) => {
    if (!s) return r(undefined);
    if (s instanceof Server) s.closeAllConnections();
    s.close(r);
  });

/** An HTTP server that answers every request with a redirect, and counts what it was asked. */
async function redirecting(location: string) {
  const seen: string[] = [];
  const server = await listen(
    createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(302, { Location: location, 'Content-Type': 'text/plain' }).end('moved');
    }),
  );
  return Object.assign(server, { seen });
}

/** A listener that records every connection (the target a redirect would lead to). */
async function trap() {
  const hits: string[] = [];
  const server = await listen(
    createServer((req, res) => {
      hits.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    }),
  );
  return Object.assign(server, { hits });
}

describe('a provider or SDK cannot end the process (built api, e2e)', () => {
  let api: BuiltProcess;
  let base: string;
  let engine: Awaited<ReturnType<typeof redirecting>>;

  beforeAll(async () => {
    // The reported crash: a Docker engine answering 302 to a closed port.
    engine = await redirecting('http://127.0.0.1:1/');
    ({ process: api, base } = await BuiltProcess.api({ CONNECTION_TEST_RATE_LIMIT_PER_USER: '1000' }));
  }, 60_000);
  afterAll(async () => {
    await api?.kill();
    await close(engine);
  });

  const call = async (path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
  };
  const healthy = async () => expect((await call('/api/v1/health')).status).toBe(200);

  it('survives a redirecting Docker engine on test, on connect and in the scheduled collection, which records the error', async () => {
    const creds = { email: `crash-${Date.now()}@example.com`, password: 'a long enough password' };
    await call('/api/v1/auth/register', creds);
    const token = (await call('/api/v1/auth/login', creds)).body['access_token'] as string;
    const projectId = (await call('/api/v1/projects', { name: 'crash' }, token)).body['id'] as string;
    const docker = { service_type: 'docker', credentials: { host: `tcp://127.0.0.1:${engine.port}` } };

    const tested = await call('/api/v1/accounts/test', docker, token);
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: false });
    await healthy();

    const connected = await call('/api/v1/accounts', { ...docker, project_id: projectId }, token);
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ status: 'error' });
    await healthy();

    const id = connected.body['id'] as string;
    await withDb((c) =>
      c.query(
        `UPDATE account_connections SET next_collect_at = now() - interval '1 second', last_error = NULL WHERE id = $1`,
        [id],
      ),
    );
    const end = Date.now() + 30_000;
    let row: { failures: number; status: string; last_error: string | null } | undefined;
    for (;;) {
      row = await withDb(
        async (c) =>
          (await c.query(`SELECT failures, status, last_error FROM account_connections WHERE id = $1`, [id])).rows[0],
      );
      if (row && row.failures >= 1) break;
      if (Date.now() > end) throw new Error(`no scheduled collection: ${JSON.stringify(row)}\n${api.output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(row).toMatchObject({ status: 'error', last_error: expect.stringMatching(/\S/) });
    await healthy();
    expect(engine.seen.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe('outbound policy at the connection (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp({ OUTBOUND_PRIVATE_ERRORS: 'detailed' });
    auth = (await registerAndLogin(t, 'outbound')).auth;
    projectId = await createProject(t, auth, 'outbound');
  });
  afterAll(() => t.close());

  const test = (service_type: string, credentials: object, config: object = {}) =>
    t.http().post('/api/v1/accounts/test').set(auth).send({ service_type, credentials, config });

  describe('no provider follows a redirect: the 3xx is the error, naming the status', () => {
    let target: Awaited<ReturnType<typeof trap>>;
    let redirect: Awaited<ReturnType<typeof redirecting>>;
    beforeAll(async () => {
      target = await trap();
      redirect = await redirecting(`http://127.0.0.1:${target.port}/latest/meta-data/iam/security-credentials/`);
    });
    afterAll(async () => {
      await close(target);
      await close(redirect);
    });

    const sources: Array<[string, () => [object, object]]> = [
      ['kubernetes', () => [{ server: `http://127.0.0.1:${redirect.port}`, token: 'k8s-bearer-SECRET-1' }, {}]],
      ['docker', () => [{ host: `tcp://127.0.0.1:${redirect.port}` }, {}]],
      ['grafana', () => [{ token: 'glsa_x' }, { base_url: `http://127.0.0.1:${redirect.port}` }]],
      [
        'sentry',
        () => [{ auth_token: 'sntrys_x' }, { organization: 'acme', base_url: `http://127.0.0.1:${redirect.port}` }],
      ],
      [
        'cloudwatch',
        () => [
          { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: 'secret' },
          { region: 'eu-west-1', endpoint: `http://127.0.0.1:${redirect.port}` },
        ],
      ],
    ];
    it.each(sources)('%s', async (type, make) => {
      const [credentials, config] = make();
      const before = redirect.seen.length;
      const res = await test(type, credentials, config).expect(200);
      expect(res.body.ok).toBe(false);
      expect(redirect.seen.length).toBeGreaterThan(before);
      expect(target.hits).toEqual([]);
      // The AWS SDK reports a 3xx as an unknown error of its own; the others name the status.
      if (type !== 'cloudwatch') expect(res.body.error).toMatch(/302/);
    });
  });

  describe('kubeconfig: proxies, file paths, exec and auth providers are refused with a 400 naming the field', () => {
    const kubeconfig = (cluster: string, user: string) =>
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: c',
        '  cluster:',
        '    server: https://k8s.example.com',
        cluster,
        'users:',
        '- name: u',
        '  user:',
        user,
        'contexts:',
        '- name: x',
        '  context: {cluster: c, user: u}',
        'current-context: x',
      ]
        .filter(Boolean)
        .join('\n');
    it.each([
      ['    proxy-url: http://127.0.0.1:3128', '    token: t', 'proxy-url'],
      ['    proxy-url: socks5://169.254.169.254:1080', '    token: t', 'proxy-url'],
      ['    certificate-authority: /etc/passwd', '    token: t', 'certificate-authority'],
      ['', '    client-certificate: /etc/ssl/private/server.pem', 'client-certificate'],
      ['', '    client-key: /root/.ssh/id_rsa', 'client-key'],
      ['', '    token-file: /var/run/secrets/kubernetes.io/serviceaccount/token', 'token-file'],
      ['', '    exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh}', 'exec'],
      ['', '    auth-provider: {name: oidc}', 'auth-provider'],
    ])('%s%s', async (cluster, user, field) => {
      const body = { service_type: 'kubernetes', credentials: { kubeconfig: kubeconfig(cluster, user) } };
      const tested = await t.http().post('/api/v1/accounts/test').set(auth).send(body).expect(400);
      expect(JSON.stringify(tested.body.message)).toContain(field);
      const saved = await t
        .http()
        .post('/api/v1/accounts')
        .set(auth)
        .send({ ...body, project_id: projectId })
        .expect(400);
      expect(JSON.stringify(saved.body.message)).toContain(field);
    });
  });

  it('refuses unix sockets unless the operator allows the path, alike for a missing and an existing one', async () => {
    const existing = createServer((_q, r) => r.end('{}'));
    await new Promise<void>((r) => existing.listen(`/tmp/mozaic-test-existing-${process.pid}.sock`, r));
    try {
      const answers = [];
      for (const path of [
        `/tmp/mozaic-test-existing-${process.pid}.sock`,
        '/tmp/mozaic-test-missing.sock',
        '/var/run/docker.sock',
      ]) {
        const res = await test('docker', { host: `unix://${path}` }).expect(400);
        answers.push(res.body.message);
        await t
          .http()
          .post('/api/v1/accounts')
          .set(auth)
          .send({ service_type: 'docker', project_id: projectId, credentials: { host: `unix://${path}` } })
          .expect(400);
      }
      expect(new Set(answers).size).toBe(1);
      expect(answers[0]).toMatch(/unix sockets are not allowed.*DOCKER_SOCKET_ALLOWLIST/);
    } finally {
      await close(existing);
    }
  });
});

describe('strict policy (OUTBOUND_BLOCK_PRIVATE=true): DNS rebinding and address forms (e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let local: FakeApi;
  const localPort = () => new URL(local.url).port;
  const restore: Array<() => void> = [];
  beforeAll(async () => {
    t = await createTestApp({ OUTBOUND_BLOCK_PRIVATE: 'true', OUTBOUND_PRIVATE_ERRORS: 'detailed' });
    auth = (await registerAndLogin(t, 'strict')).auth;
    local = await FakeApi.start(() => ({ body: {} }));
    // A name that answers a public address to the first look and loopback to the next (rebinding).
    const realPromises = dnsPromises.lookup.bind(dnsPromises);
    const promisesSpy = jest
      .spyOn(dnsPromises, 'lookup')
      .mockImplementation((async (host: string, opts?: LookupAllOptions) =>
        host === 'rebind.example'
          ? [{ address: '93.184.215.14', family: 4 }]
          : realPromises(host, { ...opts, all: true })) as unknown as typeof dnsPromises.lookup);
    const realLookup = dns.lookup.bind(dns);
    const lookupSpy = jest.spyOn(dns, 'lookup').mockImplementation(((host: string, opts: unknown, cb: unknown) => {
      if (host !== 'rebind.example') return (realLookup as (...a: unknown[]) => void)(host, opts, cb);
      const done = (typeof opts === 'function' ? opts : cb) as (e: null, a: unknown, f?: number) => void;
      const all = typeof opts === 'object' && (opts as { all?: boolean }).all;
      process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    }) as unknown as typeof dns.lookup);
    restore.push(
      () => promisesSpy.mockRestore(),
      () => lookupSpy.mockRestore(),
    );
  });
  afterAll(async () => {
    restore.forEach((r) => r());
    await local.close();
    await t.close();
  });

  const account = (type: string, host: string): { credentials: object; config: object } => {
    const url = `http://${host}:${localPort()}`;
    switch (type) {
      case 'kubernetes':
        return { credentials: { server: url, token: 'k8s-token-xyz' }, config: {} };
      case 'docker':
        return { credentials: { host: `tcp://${host}:${localPort()}` }, config: {} };
      case 'grafana':
        return { credentials: { token: 'glsa_x' }, config: { base_url: url } };
      case 'sentry':
        return { credentials: { auth_token: 'sntrys_x' }, config: { organization: 'acme', base_url: url } };
      default:
        return {
          credentials: { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: 'secret' },
          config: { region: 'eu-west-1', endpoint: url },
        };
    }
  };

  it.each(['kubernetes', 'docker', 'grafana', 'sentry', 'cloudwatch'])(
    '%s connects to the address it judged, not to a second answer',
    async (type) => {
      const before = local.requests.length;
      const res = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: type, ...account(type, 'rebind.example') });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, error: expect.stringMatching(/private or link-local/) });
      expect(local.requests.length).toBe(before);
    },
  );

  it.each(['[::]', '[::ffff:127.0.0.1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]'])(
    'judges %s as the IPv4 it carries (or as unspecified)',
    async (host) => {
      const res = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({
          service_type: 'grafana',
          credentials: { token: 'glsa_x' },
          config: { base_url: `http://${host}:${localPort()}` },
        });
      expect(res.body).toMatchObject({ ok: false, error: expect.stringMatching(/private or link-local|metadata/) });
    },
  );
});

describe('connection tests cannot map the private network (default policy, e2e)', () => {
  let t: TestApp;
  let auth: Record<string, string>;
  let http: FakeApi;
  let tcp: TcpServer & { port: number };
  let closedPort: number;
  beforeAll(async () => {
    t = await createTestApp({
      OUTBOUND_PRIVATE_ERRORS: 'withheld',
      CONNECTION_TEST_RATE_LIMIT_PER_USER: '12',
      CONNECTION_TEST_RATE_LIMIT_PER_IP: '1000',
    });
    auth = (await registerAndLogin(t, 'scan')).auth;
    http = await FakeApi.start(() => ({
      status: 404,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>nginx</h1>',
    }));
    // A database-like service: greets and hangs up (no HTTP).
    tcp = await listen(createTcpServer((s) => s.end('\x00\x00\x00\x08\x04\xd2\x16\x2fN', () => s.destroy())));
    const spare = await listen(createTcpServer());
    closedPort = spare.port;
    await close(spare);
  });
  afterAll(async () => {
    await http.close();
    await close(tcp);
    await t.close();
  });

  const probe = (port: number) =>
    t
      .http()
      .post('/api/v1/accounts/test')
      .set(auth)
      .send({
        service_type: 'grafana',
        credentials: { token: 'glsa_x' },
        config: { base_url: `http://127.0.0.1:${port}` },
      });

  it('answers an HTTP port, a database port and a closed port alike, and rate-limits the tests', async () => {
    const answers = [];
    for (const port of [Number(new URL(http.url).port), tcp.port, closedPort]) {
      const res = await probe(port).expect(200);
      expect(res.body.ok).toBe(false);
      answers.push(res.body.error);
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/private address/);
    let limited = null;
    for (let i = 0; i < 12 && !limited; i++) {
      const res = await probe(closedPort);
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
  });
});
