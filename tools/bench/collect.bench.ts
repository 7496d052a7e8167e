/**
 * npm run bench:collect [-- --accounts 20 --latency 300]
 *
 * Concurrency of collection: the built MOZAIC (dist/apps/api/main.js, `nx build api` first) on a fresh
 * database of DATABASE_URL's server with REDIS_URL, and one local test server per source (Kubernetes,
 * Docker, CloudWatch, Grafana, Sentry) answering every request after `latency` ms with the real APIs'
 * (empty) JSON. 5 sources × `accounts` accounts are connected to one project. It first times a manual
 * fetch of each source alone (one account) — the slowest is the floor — then a manual fetch of all of
 * them at once, and prints both wall times and their ratio. Ends with `ratio=<n>` (goal ≤ 1.5).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ACCOUNTS = arg('accounts', 20);
const LATENCY = arg('latency', 300);
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const port = 4000 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

/** Every source's API, answering after LATENCY ms; counts requests. */
function answer(req: IncomingMessage): { type: string; body: unknown } {
  const url = req.url ?? '/';
  const target = String(req.headers['x-amz-target'] ?? '');
  if (target.includes('DescribeAlarmHistory'))
    return { type: 'application/x-amz-json-1.0', body: { AlarmHistoryItems: [] } };
  if (target.includes('DescribeAlarms'))
    return { type: 'application/x-amz-json-1.0', body: { MetricAlarms: [], CompositeAlarms: [] } };
  if (url.startsWith('/api/v1/namespaces/'))
    return { type: 'application/json', body: { kind: 'List', apiVersion: 'v1', metadata: {}, items: [] } };
  if (url.startsWith('/api/v1/namespaces'))
    return { type: 'application/json', body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] } };
  if (url.startsWith('/api/prometheus/'))
    return { type: 'application/json', body: { status: 'success', data: { groups: [] } } };
  if (url.startsWith('/api/alertmanager/')) return { type: 'application/json', body: [] };
  if (url.startsWith('/api/0/organizations/') && url.endsWith('/projects/'))
    return { type: 'application/json', body: [{ slug: 'web' }] };
  if (url.startsWith('/api/0/')) return { type: 'application/json', body: [] };
  if (url.includes('/version')) return { type: 'application/json', body: { Version: '27.0.0', ApiVersion: '1.46' } };
  if (url.includes('/info')) return { type: 'application/json', body: { Containers: 0 } };
  if (url.includes('/events')) return { type: 'application/json', body: '' };
  if (url.includes('/containers/json')) return { type: 'application/json', body: [] };
  return { type: 'application/json', body: {} };
}

async function sourceServer(): Promise<{ url: string; close: () => void; hostPort: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        const a = answer(req);
        res.writeHead(200, { 'Content-Type': a.type });
        res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
      }, LATENCY),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const p = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${p}`, hostPort: `127.0.0.1:${p}`, close: () => server.close() };
}

const api = (method: string, path: string, body?: unknown, token?: string) => callApi(base, method, path, body, token);

async function fetchAll(projectId: string, token: string): Promise<{ ms: number; failed: number }> {
  const start = Date.now();
  const run = await api('POST', `/api/v1/incidents/fetch/${projectId}`, undefined, token);
  for (;;) {
    const r = await api('GET', `/api/v1/incidents/fetch/runs/${run.id}`, undefined, token);
    if (r.finished)
      return {
        ms: Date.now() - start,
        failed: r.accounts.filter((a: { status: string }) => a.status === 'failed').length,
      };
    await sleep(10);
  }
}

async function main(): Promise<void> {
  const db = await scratchDatabase(adminUrl, 'mozaic_collect');
  const servers = await Promise.all([1, 2, 3, 4, 5].map(() => sourceServer()));
  const [k8s, docker, aws, grafana, sentry] = servers;
  const mozaic = startBuilt('main.js', {
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOGIN_RATE_LIMIT_PER_IP: '1000',
  });
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'MOZAIC');
    const creds = { email: 'collect@example.com', password: 'bench password 123' };
    await api('POST', '/api/v1/auth/register', creds);
    const token = (await api('POST', '/api/v1/auth/login', creds)).access_token as string;
    const accountBody = (type: string, i: number) => {
      const config = { interval_seconds: 86_400 };
      switch (type) {
        case 'kubernetes':
          return {
            credentials: { server: k8s.url, token: `k8s-token-${i}` },
            config: { ...config, namespaces: ['default'] },
          };
        case 'docker':
          return { credentials: { host: `tcp://${docker.hostPort}` }, config };
        case 'cloudwatch':
          return {
            credentials: { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: 'bench-secret' },
            config: { ...config, region: 'us-east-1', endpoint: aws.url },
          };
        case 'grafana':
          return { credentials: { token: `glsa_bench_${i}` }, config: { ...config, base_url: grafana.url } };
        default:
          return {
            credentials: { auth_token: `sntrys_bench_${i}` },
            config: { ...config, base_url: sentry.url, organization: 'bench', projects: ['web'] },
          };
      }
    };
    const types = ['kubernetes', 'docker', 'cloudwatch', 'grafana', 'sentry'];
    const connectMany = async (projectId: string, n: number) => {
      const all = types.flatMap((type) => Array.from({ length: n }, (_, i) => ({ type, i })));
      for (let k = 0; k < all.length; k += 25)
        await Promise.all(
          all
            .slice(k, k + 25)
            .map(({ type, i }) =>
              api(
                'POST',
                '/api/v1/accounts',
                { project_id: projectId, service_type: type, name: `${type}-${i}`, ...accountBody(type, i) },
                token,
              ),
            ),
        );
      // Let the first, scheduled collections of the new accounts pass.
      for (;;) {
        const list = await api('GET', `/api/v1/accounts/project/${projectId}`, undefined, token);
        const bad = list.filter((a: { status: string }) => a.status !== 'active');
        if (bad.length) throw new Error(`accounts not active: ${JSON.stringify(bad[0])}`);
        if (list.every((a: { last_collected_at: string | null }) => a.last_collected_at)) return list;
        await sleep(200);
      }
    };

    // The floor: each source alone.
    let slowest = 0;
    for (const type of types) {
      const p = (await api('POST', '/api/v1/projects', { name: `single-${type}` }, token)).id;
      await api('POST', '/api/v1/accounts', { project_id: p, service_type: type, ...accountBody(type, 0) }, token);
      for (let i = 0; ; i++) {
        const list = await api('GET', `/api/v1/accounts/project/${p}`, undefined, token);
        if (list[0].last_collected_at) break;
        if (i > 200) throw new Error(`${type}: no first collection`);
        await sleep(100);
      }
      const times: number[] = [];
      for (let i = 0; i < 3; i++) times.push((await fetchAll(p, token)).ms);
      const best = Math.min(...times);
      console.log(`single ${type} account: ${best} ms (best of 3 manual fetches)`);
      slowest = Math.max(slowest, best);
    }

    const projectId = (await api('POST', '/api/v1/projects', { name: 'all-sources' }, token)).id;
    await connectMany(projectId, ACCOUNTS);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetchAll(projectId, token);
      if (r.failed) throw new Error(`${r.failed} accounts failed`);
      runs.push(r.ms);
    }
    const wall = Math.min(...runs);
    console.log(
      `${types.length} sources × ${ACCOUNTS} accounts, ${LATENCY} ms latency per request: wall ${wall} ms (best of 3: ${runs.join(', ')} ms)`,
    );
    console.log(`slowest single account ${slowest} ms`);
    console.log(`ratio=${(wall / slowest).toFixed(2)}`);
  } finally {
    await stopProcess(mozaic);
    for (const s of servers) s.close();
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
