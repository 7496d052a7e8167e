/**
 * npm run bench:api — the incident list at a million incidents in one project, on real PostgreSQL.
 *
 * Loads 1,000,000 incidents into one project (DATABASE_URL's server, else an embedded one), starts
 * the real app, and times three pages through HTTP: the first page, a deep keyset page (~900,000
 * rows in) and a filtered page. Server time is read from the Server-Timing header; the round trip
 * over loopback is printed beside it. Ends with `p99_ms=<worst server p99 of the three>`.
 *
 * Options: --rows N (default 1000000), --requests N per page kind (default 300), --keep (keep the database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { runMigrations } from '../../apps/api/src/database/run-migrations';
import { encodeCursor } from '../../apps/api/src/modules/incidents/incident-cursor';
import { scratchDatabase } from './support/built-app';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 1_000_000);
const REQUESTS = arg('requests', 300);
const KEEP = process.argv.includes('--keep');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  let adminUrl = process.env['DATABASE_URL'];
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tmp: string | null = null;
  if (!adminUrl) {
    tmp = mkdtempSync(join(tmpdir(), 'mozaic-bench-'));
    const db = await startEmbeddedPostgres(tmp, 5477);
    adminUrl = db.url;
    stopEmbedded = () => db.stop();
  }
  const scratch = await scratchDatabase(adminUrl, 'mozaic_bench');
  const dbUrl = scratch.url;
  await runMigrations(dbUrl);

  const config = parseConfig({
    DATABASE_URL: dbUrl,
    SECRET_KEY: 'bench-secret-key-0123456789-0123456789',
    ENCRYPTION_KEY: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
    LOG_LEVEL: 'warn',
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const post = (path: string, body: object, token?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, string>>);
  const creds = { email: 'bench@example.com', password: 'bench password 123' };
  await post('/api/v1/auth/register', creds);
  const token = (await post('/api/v1/auth/login', creds)).access_token;
  const projectId = (await post('/api/v1/projects', { name: 'bench' }, token)).id;

  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const loadStart = Date.now();
  const batch = 100_000;
  for (let from = 0; from < ROWS; from += batch) {
    const to = Math.min(ROWS, from + batch) - 1;
    await db.query(
      `INSERT INTO incidents (project_id, source, sources, severity, title, status, grouping_key, timestamp, last_seen, alert_count, signal_count)
       SELECT $1,
              (ARRAY['kubernetes','docker','cloudwatch','grafana','sentry','alertmanager'])[1 + g % 6],
              ARRAY[(ARRAY['kubernetes','docker','cloudwatch','grafana','sentry','alertmanager'])[1 + g % 6]],
              (ARRAY['low','medium','medium','high','high','high','critical'])[1 + (g / 7) % 7],
              (ARRAY['checkout','payments','search','catalog','auth','shipping','cart','email'])[1 + g % 8] || ': ' ||
              (ARRAY['CrashLoopBackOff','5xx alarm','OOMKilled','slow queries','TypeError in handler','disk pressure'])[1 + (g / 3) % 6] || ' #' || g,
              CASE WHEN g % 10 < 8 THEN 'resolved' WHEN g % 10 = 8 THEN 'acknowledged' ELSE 'open' END,
              'bench:' || g,
              now() - make_interval(secs => g * 0.9),
              now() - make_interval(secs => g * 0.9),
              1 + g % 5, 1 + g % 40
         FROM generate_series($2::int, $3::int) AS g`,
      [projectId, from, to],
    );
  }
  // A million incidents accumulate over months in production, vacuumed along the way: measure that steady state.
  await db.query('VACUUM ANALYZE incidents');
  const loadS = (Date.now() - loadStart) / 1000;
  const deep = await db.query<{ timestamp: Date; id: string }>(
    `SELECT timestamp, id FROM incidents WHERE project_id = $1 ORDER BY timestamp DESC, id DESC OFFSET $2 LIMIT 1`,
    [projectId, Math.floor(ROWS * 0.9)],
  );
  const cursor = encodeCursor({
    timestamp: deep.rows[0].timestamp.toISOString(),
    id: deep.rows[0].id,
  });
  console.log(`loaded ${ROWS} incidents into one project in ${loadS.toFixed(1)} s`);

  const kinds: Array<[string, string]> = [
    ['first page', ''],
    ['deep keyset page (~90% in)', `?cursor=${cursor}`],
    ['filtered page (severity=critical, status=open)', '?severity=critical&status=open'],
  ];
  let worst = 0;
  for (const [label, query] of kinds) {
    const url = `${base}/api/v1/incidents/project/${projectId}${query}`;
    const server: number[] = [];
    const rtt: number[] = [];
    for (let i = 0; i < REQUESTS + 20; i++) {
      const t0 = performance.now();
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as unknown[];
      const t1 = performance.now();
      if (res.status !== 200 || body.length !== 50)
        throw new Error(`${label}: status ${res.status}, ${body.length} rows`);
      if (i < 20) continue; // warm-up
      server.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]));
      rtt.push(t1 - t0);
    }
    server.sort((a, b) => a - b);
    rtt.sort((a, b) => a - b);
    worst = Math.max(worst, pct(server, 99));
    console.log(
      `${label}: server p50=${pct(server, 50).toFixed(2)} ms p99=${pct(server, 99).toFixed(2)} ms | round trip p50=${pct(rtt, 50).toFixed(2)} ms p99=${pct(rtt, 99).toFixed(2)} ms (n=${REQUESTS})`,
    );
  }

  await db.end();
  await app.close();
  await scratch.close(KEEP);
  await stopEmbedded?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  console.log(`p99_ms=${worst.toFixed(2)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
