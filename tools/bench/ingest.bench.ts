/**
 * npm run bench:ingest [-- --seconds 30 --connections 32]
 *
 * Durable webhook ingest under load: starts the built MOZAIC (dist/apps/api/main.js; `nx build api` first)
 * on a fresh database of DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/test) with
 * REDIS_URL (default redis://127.0.0.1:6379), then drives the Alertmanager and Sentry (legacy, token)
 * webhook endpoints from this process with autocannon — every request a distinct delivery — and prints
 * accepted events/s and p50/p99 acknowledgement latency. Afterwards it waits until processing caught
 * up and checks that every acknowledged delivery was stored and processed.
 * Ends with `events_per_s=<n> p99_ack_ms=<n> p99_visible_ms=<n|NA> lost=<n>`; the visibility latency at a
 * steady 1,000 events/s is not measured yet (NA).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 32);
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

async function json(path: string, body: unknown, token?: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, string>;
}

async function main(): Promise<void> {
  const name = `mozaic_ingest_${Date.now().toString(36)}`;
  await sql(adminUrl, `CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  const server: ChildProcess = spawn(process.execPath, [join(root, 'dist/apps/api/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      SECRET_KEY: 'bench-secret-key-0123456789-0123456789',
      ENCRYPTION_KEY: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
      LOGIN_RATE_LIMIT_PER_IP: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/v1/health`).catch(() => null))?.ok) break;
      if (i > 100) throw new Error('MOZAIC did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const creds = { email: 'bench@example.com', password: 'bench password 123' };
    await json('/api/v1/auth/register', creds);
    const access = (await json('/api/v1/auth/login', creds)).access_token;
    const projectId = (await json('/api/v1/projects', { name: 'ingest-bench' }, access)).id;
    const token = (await json(`/api/v1/projects/${projectId}/webhooks/token`, {}, access)).token;

    const am = JSON.parse(
      readFileSync(join(root, '../shared/fixtures/grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'), 'utf8'),
    ) as Record<string, unknown> & { alerts: Array<Record<string, unknown>> };
    const sentry = JSON.parse(
      readFileSync(join(root, '../shared/fixtures/sentry/legacy-webhooks-plugin.zulip-fixture.json'), 'utf8'),
    ) as Record<string, unknown>;
    let n = 0;
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            n++;
            if (n % 2 === 0) {
              const body = {
                ...am,
                groupKey: `bench-${n}`,
                alerts: [
                  {
                    ...am.alerts[0],
                    fingerprint: `fp-${n % 500}`,
                    labels: { alertname: `Bench ${n % 500}`, host: `node-${n % 50}`, severity: 'warning' },
                    startsAt: new Date().toISOString(),
                  },
                ],
              };
              return {
                ...req,
                path: `/webhooks/alertmanager/${projectId}`,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
                body: JSON.stringify(body),
              };
            }
            const body = {
              ...sentry,
              id: String(4000000000 + (n % 300)),
              message: `Bench error ${n % 300}`,
              event: { ...(sentry['event'] as object), timestamp: Date.now() / 1000, event_id: `e${n}` },
            };
            return {
              ...req,
              path: `/webhooks/sentry/${projectId}?token=${token}`,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            };
          },
        },
      ],
    });
    const accepted = result['2xx'];
    const eventsPerS = Math.round(accepted / SECONDS);
    console.log(
      `load: ${CONNECTIONS} connections for ${SECONDS} s: ${accepted} acknowledged (2xx), ${result.non2xx} other, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
    console.log(
      `accepted events/s=${eventsPerS} ack latency p50=${result.latency.p50} ms p99=${result.latency.p99} ms`,
    );

    const start = Date.now();
    for (;;) {
      const [r] = await sql<{ stored: number; pending: number; failed: number }>(
        dbUrl,
        `SELECT count(*)::int AS stored, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM inbound_events`,
      );
      if (r.pending === 0 || Date.now() - start > 600_000) {
        console.log(
          `processing caught up ${((Date.now() - start) / 1000).toFixed(1)} s after the load: ${r.stored} stored, ${r.pending} pending, ${r.failed} failed`,
        );
        const lost = Math.max(0, accepted - r.stored) + r.pending + r.failed;
        console.log(`events_per_s=${eventsPerS} p99_ack_ms=${result.latency.p99} p99_visible_ms=NA lost=${lost}`);
        break;
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await sql(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
