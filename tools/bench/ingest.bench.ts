/**
 * npm run bench:ingest [-- --seconds 30 --connections 32 --steady-rate 1000 --steady-seconds 20 --trial-seconds 60 --burst-only [--no-worker]]
 *
 * Durable webhook ingest under load, in three phases on this machine, in one run:
 * 1. Reference: a real Prometheus Alertmanager (/usr/bin/prometheus-alertmanager, skipped when absent)
 *    takes single-alert POSTs to /api/v2/alerts into memory, driven exactly like MOZAIC below.
 * 2. Full load: the built MOZAIC in its production shape — an api process (dist/apps/api/main.js,
 *    RUN_WORKERS=false) and a worker process (dist/apps/api/worker.js) — on a fresh database of
 *    DATABASE_URL's server with REDIS_URL; wrk (or autocannon without it) drives the Alertmanager and Sentry
 *    (legacy, token) webhooks, every request a distinct delivery; accepted events/s and p50/p99
 *    acknowledgement latency. Then it waits until processing caught up.
 * 3. Steady: the same deliveries at a fixed rate (1,000/s); p99 of the time from a delivery being
 *    stored (before its acknowledgement) to its processing transaction's last statement (the commit
 *    follows; from then on the incident is visible in the API), over every delivery of the phase.
 * 4. Floor (before MOZAIC, same load generator and bodies): a bare node:http server that INSERTs each body into
 *    PostgreSQL in 2 ms group commits, no verification and no queue (support/floor-server.ts): floor_per_s.
 * 5. Sustained: steady rates from 0.9 × the burst rate down (× 0.8 each step), --trial-seconds (60) each, until
 *    one holds: acknowledgement p99 ≤ 50 ms, the backlog bounded (its largest third-of-the-trial value not above
 *    the first third's plus one second of arrivals) and stored→visible p99 ≤ 1 s. That rate is sustained_per_s.
 * Afterwards every acknowledged delivery must be stored and processed. Ends with
 * `floor_per_s=<n> burst_per_s=<n> sustained_per_s=<n> burst_ratio=<x> sustained_ratio=<x>
 *  p99_ack_ms=<n> p99_visible_ms=<n> lost=<n>` (p99_visible_ms: at the 1,000/s steady rate).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';
import { runWrk, WRK_BIN, wrkAvailable, WrkResult, WrkTemplate } from './support/wrk';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 32);
const STEADY_RATE = arg('steady-rate', 1000);
const STEADY_SECONDS = arg('steady-seconds', 20);
const TRIAL_SECONDS = arg('trial-seconds', 60);
/** --burst-only: phase 2 alone (for comparing two builds quickly). */
const BURST_ONLY = process.argv.includes('--burst-only');
/** --no-worker (with --burst-only): the api alone, deliveries stored and left pending. */
const NO_WORKER = BURST_ONLY && process.argv.includes('--no-worker');
const AM_BIN = '/usr/bin/prometheus-alertmanager';
const root = join(__dirname, '../..');
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const json = (path: string, body: unknown, token?: string) => callApi(base, 'POST', path, body, token);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(p));
    });
    srv.on('error', reject);
  });
}

/** Phase 1: the in-memory rate of a real Alertmanager, single-alert POSTs, same load generator. */
async function alertmanagerRate(): Promise<number | null> {
  if (!existsSync(AM_BIN)) {
    console.log(`reference: ${AM_BIN} not installed, skipped`);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mozaic-am-bench-'));
  const amPort = await freePort();
  writeFileSync(join(dir, 'am.yml'), 'route:\n  receiver: none\n  group_by: [alertname]\nreceivers:\n  - name: none\n');
  const am = spawn(
    AM_BIN,
    [
      `--config.file=${join(dir, 'am.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let amLog = '';
  am.stderr?.on('data', (d: Buffer) => (amLog = (amLog + d.toString()).slice(-2000)));
  try {
    await waitUntilUp(`http://127.0.0.1:${amPort}/-/ready`, 'Alertmanager').catch((e: Error) => {
      throw new Error(`${e.message}: ${amLog}`);
    });
    const r = await fullLoad(`http://127.0.0.1:${amPort}`, [
      {
        path: '/api/v2/alerts',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            labels: { alertname: 'Bench {{n%500}}', host: 'node-{{n%50}}', severity: 'warning', seq: '{{n}}' },
            annotations: { summary: 'bench' },
            startsAt: new Date().toISOString(),
          },
        ]),
      },
    ]);
    const rate = Math.round(r.ok / r.seconds);
    console.log(
      `reference: Alertmanager in memory: ${rate} alerts/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.non2xx} non-2xx, ${r.errors} errors; ${r.tool})`,
    );
    return rate;
  } finally {
    await stopProcess(am);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Distinct deliveries, alternating Alertmanager (Bearer token) and Sentry legacy (?token=). */
function deliveries(projectId: string, token: string, prefix: string): WrkTemplate[] {
  const am = JSON.parse(
    readFileSync(join(root, 'tools/fixtures/grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'), 'utf8'),
  ) as Record<string, unknown> & { alerts: Array<Record<string, unknown>> };
  const sentry = JSON.parse(
    readFileSync(join(root, 'tools/fixtures/sentry/legacy-webhooks-plugin.zulip-fixture.json'), 'utf8'),
  ) as Record<string, unknown>;
  const now = new Date();
  return [
    {
      path: `/webhooks/alertmanager/${projectId}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        ...am,
        groupKey: `${prefix}-{{n}}`,
        alerts: [
          {
            ...am.alerts[0],
            fingerprint: 'fp-{{n%500}}',
            labels: { alertname: 'Bench {{n%500}}', host: 'node-{{n%50}}', severity: 'warning' },
            startsAt: now.toISOString(),
          },
        ],
      }),
    },
    {
      path: `/webhooks/sentry/${projectId}?token=${token}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...sentry,
        id: '4000000{{n%300}}',
        message: 'Bench error {{n%300}}',
        event: { ...(sentry['event'] as object), timestamp: now.getTime() / 1000, event_id: `${prefix}{{n}}` },
      }),
    },
  ];
}

const SLOTS = /\{\{n(?:%(\d+))?\}\}/g;
const fill = (s: string, n: number) => s.replace(SLOTS, (_m, mod?: string) => String(mod ? n % Number(mod) : n));

/** The same templates for autocannon: each request takes the next number. */
function autocannonRequests(templates: WrkTemplate[]) {
  let n = 0;
  return [
    {
      method: 'POST' as const,
      setupRequest: (req: Record<string, unknown>) => {
        n++;
        const t = templates[n % templates.length];
        const headers = Object.fromEntries(Object.entries(t.headers).map(([k, v]) => [k, fill(v, n)]));
        return { ...req, path: fill(t.path, n), headers, body: fill(t.body, n) };
      },
    },
  ];
}

interface LoadResult extends WrkResult {
  tool: string;
}

/** Full load for SECONDS from CONNECTIONS connections: wrk when installed, else autocannon. */
async function fullLoad(url: string, templates: WrkTemplate[]): Promise<LoadResult> {
  if (wrkAvailable()) return { ...(await runWrk(url, templates, CONNECTIONS, SECONDS)), tool: 'wrk' };
  console.log(`(${WRK_BIN} is not installed: autocannon drives the load, which leaves less CPU to the server)`);
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: autocannonRequests(templates),
  });
  return {
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    seconds: SECONDS,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    tool: 'autocannon',
  };
}

interface Counts {
  stored: number;
  pending: number;
  failed: number;
}

async function caughtUp(dbUrl: string, label: string): Promise<Counts> {
  const start = Date.now();
  for (;;) {
    const [r] = await sql<Counts>(
      dbUrl,
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed FROM inbound_events`,
    );
    if (r.pending === 0 || Date.now() - start > 600_000) {
      console.log(
        `${label}: processing caught up ${((Date.now() - start) / 1000).toFixed(1)} s after the load: ${r.stored} stored, ${r.pending} pending, ${r.failed} failed`,
      );
      return r;
    }
    await sleep(500);
  }
}

/** Phase 4: the floor — bare node:http + PostgreSQL group commits — under the same full load. */
async function floorRate(templates: WrkTemplate[]): Promise<number> {
  const scratch = await scratchDatabase(adminUrl, 'mozaic_floor');
  const floorPort = await freePort();
  const floor = spawn(
    process.execPath,
    [
      '-r',
      join(root, 'tools/scripts/ts-register.cjs'),
      join(root, 'tools/bench/support/floor-server.ts'),
      String(floorPort),
      scratch.url,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      floor.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
      floor.on('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
    });
    const r = await fullLoad(`http://127.0.0.1:${floorPort}`, templates);
    const [{ n }] = await sql<{ n: number }>(scratch.url, 'SELECT count(*)::int AS n FROM floor_events');
    const rate = Math.round(r.ok / r.seconds);
    console.log(
      `floor: node:http + group commits: ${rate} events/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.non2xx} non-2xx, ${r.errors} errors; ${n} rows; ${r.tool})`,
    );
    return rate;
  } finally {
    await stopProcess(floor);
    await scratch.close();
  }
}

interface Trial {
  rate: number;
  achieved: number;
  ackP99: number;
  visibleP99: number;
  bounded: boolean;
  holds: boolean;
}

/** One steady-rate trial: acknowledgement latency, the backlog sampled every second, stored→visible. */
async function steadyTrial(dbUrl: string, templates: WrkTemplate[], rate: number): Promise<Trial> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const [{ t0 }] = (await db.query<{ t0: Date }>('SELECT now() AS t0')).rows;
    const backlog: number[] = [];
    const sampler = setInterval(() => {
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending'`).then(
        (r) => backlog.push(r.rows[0].n),
        () => undefined,
      );
    }, 1000);
    const r = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: TRIAL_SECONDS,
      overallRate: rate,
      requests: autocannonRequests(templates),
    });
    clearInterval(sampler);
    await caughtUp(dbUrl, `sustained ${rate}/s`);
    const [vis] = (
      await db.query<{ p99: number | null }>(
        `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM processed_at - received_at) * 1000) AS p99
           FROM inbound_events WHERE received_at >= $1 AND status = 'processed'`,
        [t0],
      )
    ).rows;
    const third = Math.max(1, Math.floor(backlog.length / 3));
    const first = Math.max(0, ...backlog.slice(0, third));
    const last = Math.max(0, ...backlog.slice(-third));
    const bounded = last <= first + rate;
    const achieved = Math.round(r['2xx'] / TRIAL_SECONDS);
    const visibleP99 = Math.round(vis.p99 ?? Infinity);
    const holds = r.latency.p99 <= 50 && visibleP99 <= 1000 && bounded && r.non2xx === 0 && achieved >= 0.95 * rate;
    console.log(
      `sustained: ${rate}/s for ${TRIAL_SECONDS} s: achieved ${achieved}/s, ack p99=${r.latency.p99} ms, backlog first/last third max ${first}/${last}, visible p99=${visibleP99} ms → ${holds ? 'holds' : 'does not hold'}`,
    );
    return { rate, achieved, ackP99: r.latency.p99, visibleP99, bounded, holds };
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const reference = BURST_ONLY ? null : await alertmanagerRate();
  const floor = BURST_ONLY
    ? 0
    : await floorRate(deliveries('00000000-0000-0000-0000-000000000000', 'floor-token', 'floor'));

  const scratch = await scratchDatabase(adminUrl, 'mozaic_ingest');
  const dbUrl = scratch.url;
  const env = {
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'error',
    LOGIN_RATE_LIMIT_PER_IP: '1000',
  };
  // BENCH_API_ARGS / BENCH_WORKER_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profile either process;
  // BENCH_LOG_LEVEL=info measures with the access log on (the processes' stdout is discarded).
  const apiArgs = (process.env['BENCH_API_ARGS'] ?? '').split(' ').filter(Boolean);
  const api = startBuilt('main.js', { ...env, RUN_WORKERS: 'false' }, apiArgs);
  let worker: ChildProcess | undefined;
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'MOZAIC');
    const workerArgs = (process.env['BENCH_WORKER_ARGS'] ?? '').split(' ').filter(Boolean);
    if (!NO_WORKER) worker = startBuilt('worker.js', env, workerArgs);
    const creds = { email: 'bench@example.com', password: 'bench password 123' };
    await json('/api/v1/auth/register', creds);
    const access = (await json('/api/v1/auth/login', creds)).access_token;
    const projectId = (await json('/api/v1/projects', { name: 'ingest-bench' }, access)).id;
    const token = (await json(`/api/v1/projects/${projectId}/webhooks/token`, {}, access)).token;

    // Phase 2: full load.
    const full = await fullLoad(base, deliveries(projectId, token, 'full'));
    const accepted = full.ok;
    const eventsPerS = Math.round(accepted / full.seconds);
    console.log(
      `full load: ${CONNECTIONS} connections for ${full.seconds.toFixed(1)} s (${full.tool}): ${accepted} acknowledged (2xx), ${full.non2xx} other, ${full.errors} errors/timeouts`,
    );
    console.log(`full load: accepted events/s=${eventsPerS} ack latency p50=${full.p50Ms} ms p99=${full.p99Ms} ms`);
    if (reference) console.log(`full load: ${(eventsPerS / reference).toFixed(2)} of Alertmanager's in-memory rate`);
    if (NO_WORKER) return;
    const afterFull = await caughtUp(dbUrl, 'full load');
    if (BURST_ONLY) return;

    // Phase 3: steady rate, time from stored to processed for every delivery of the phase.
    const [{ t0 }] = await sql<{ t0: Date }>(dbUrl, 'SELECT now() AS t0');
    const steady = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: STEADY_SECONDS,
      overallRate: STEADY_RATE,
      requests: autocannonRequests(deliveries(projectId, token, 'steady')),
    });
    console.log(
      `steady: ${steady['2xx']} acknowledged in ${STEADY_SECONDS} s (${Math.round(steady['2xx'] / STEADY_SECONDS)}/s), ack p50=${steady.latency.p50} ms p99=${steady.latency.p99} ms`,
    );
    const afterSteady = await caughtUp(dbUrl, 'steady');
    const [vis] = await sql<{ n: number; p50: number; p99: number; max: number }>(
      dbUrl,
      `SELECT count(*)::int AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
         FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms
                 FROM inbound_events WHERE received_at >= $1 AND status = 'processed') d`,
      [t0],
    );
    const p99Visible = Math.round(vis.p99);
    console.log(
      `steady: stored→visible over ${vis.n} deliveries: p50=${Math.round(vis.p50)} ms p99=${p99Visible} ms max=${Math.round(vis.max)} ms`,
    );

    // Phase 5: the highest steady rate that holds.
    let sustained = 0;
    let acknowledged = accepted + steady['2xx'];
    for (let rate = Math.round(0.9 * eventsPerS); rate >= 100 && !sustained; rate = Math.round(rate * 0.8)) {
      const trial = await steadyTrial(dbUrl, deliveries(projectId, token, `sustained${rate}`), rate);
      acknowledged += trial.achieved * TRIAL_SECONDS;
      if (trial.holds) sustained = trial.rate;
    }
    const [end] = await sql<Counts>(
      dbUrl,
      `SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed FROM inbound_events`,
    );
    const lost = Math.max(0, acknowledged - end.stored) + end.pending + end.failed;
    void afterFull;
    void afterSteady;
    const ratio = (n: number) => (floor > 0 ? (n / floor).toFixed(2) : 'n/a');
    console.log(
      `floor_per_s=${floor} burst_per_s=${eventsPerS} sustained_per_s=${sustained} burst_ratio=${ratio(eventsPerS)} sustained_ratio=${ratio(sustained)} p99_ack_ms=${full.p99Ms} p99_visible_ms=${p99Visible} lost=${lost}`,
    );
  } finally {
    await stopProcess(worker);
    await stopProcess(api);
    await scratch.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
