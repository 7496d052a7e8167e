/**
 * npm run bench:notify [-- --seconds 20 --rate 1000]
 *
 * Notifications under load, on the built processes (api with RUN_WORKERS=false, a worker.js for
 * ingest and one for notifications — WORKER_QUEUES — all on the same two cores) over
 * a scratch database and Redis: alert events at `rate` per second for `seconds` through the
 * Alertmanager webhook (10 alerts per delivery, 40 services, new pods appearing every 2 s), into a
 * project with 10 channels on local receivers (2 each of Slack, Teams, generic webhook, PagerDuty,
 * Opsgenie — each answering as its API does), one default route to all, group interval 10 s; then
 * every incident is resolved through the API.
 *
 * Latency is from the notification's commit (its row's created_at — the transaction's start, so an
 * upper bound — or, for a batched update, the moment it was due) to the receiver having it.
 * `lost` counts notifications committed but not received once the queue drained.
 *
 * Prints `notify_p99_ms=… messages=… lost=…` and the details beside it.
 */
import { Client } from 'pg';
import { alertmanagerNotification, PromAlert } from '../../apps/api/src/test/corpus/payloads';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';

const arg = (name: string, def: number) =>
  process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : def;
const SECONDS = arg('seconds', 20);
const RATE = arg('rate', 1000);
const PER_DELIVERY = 10;
const SERVICES = 40;
const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

interface Arrival {
  id: string;
  at: number;
  path: string;
}

/** The receivers, in a child process (support/receivers-process.ts). */
async function receivers() {
  const child = fork(join(__dirname, 'support/receivers-process.ts'), [], {
    execArgv: ['-r', './tools/scripts/ts-register.cjs'],
  });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return {
    base: `http://127.0.0.1:${port}`,
    report: () =>
      new Promise<Arrival[]>((resolve) => {
        child.once('message', (m: { arrivals: Arrival[] }) => resolve(m.arrivals));
        child.send({ cmd: 'report' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ cmd: 'stop' });
      }),
  };
}

async function main(): Promise<void> {
  const db = await scratchDatabase(adminUrl, 'bench_notify');
  const rx = await receivers();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `bench-notify-${Date.now().toString(36)}`,
    WEBHOOK_MAX_ALERTS: '1000',
  };
  const api = startBuilt('main.js', { ...env, PORT: String(port), HOST: '127.0.0.1', RUN_WORKERS: 'false' });
  const worker = startBuilt('worker.js', { ...env, WORKER_QUEUES: 'ingest,collect' });
  const notifier = startBuilt('worker.js', { ...env, WORKER_QUEUES: 'notify' });
  const pg = new Client({ connectionString: db.url });
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'the api');
    await pg.connect();
    const creds = { email: `bench-${Date.now()}@example.com`, password: 'a long bench password 1' };
    await callApi(base, 'POST', '/api/v1/auth/register', creds);
    const access = (await callApi(base, 'POST', '/api/v1/auth/login', creds)).access_token as string;
    const p = await callApi(
      base,
      'POST',
      '/api/v1/projects',
      { name: 'bench-notify', notification_group_interval_s: 10 },
      access,
    );
    const token = (await callApi(base, 'POST', `/api/v1/projects/${p.id}/webhooks/token`, {}, access)).token as string;
    const settings: Array<[string, Record<string, string>]> = [
      ['slack', { url: `${rx.base}/slack/a` }],
      ['slack', { url: `${rx.base}/slack/b` }],
      ['teams', { url: `${rx.base}/teams/a` }],
      ['teams', { url: `${rx.base}/teams/b` }],
      ['webhook', { url: `${rx.base}/hook/a` }],
      ['webhook', { url: `${rx.base}/hook/b` }],
      ['pagerduty', { routing_key: 'benchbenchbenchbenchbenchbench01', url: `${rx.base}/pagerduty/a` }],
      ['pagerduty', { routing_key: 'benchbenchbenchbenchbenchbench02', url: `${rx.base}/pagerduty/b` }],
      ['opsgenie', { api_key: 'eb243592-faa2-4ba2-a551-1afdf565c889', url: `${rx.base}/opsgenie/a` }],
      ['opsgenie', { api_key: 'eb243592-faa2-4ba2-a551-1afdf565c890', url: `${rx.base}/opsgenie/b` }],
    ];
    const ids: string[] = [];
    for (const [type, s] of settings)
      ids.push(
        (await callApi(base, 'POST', `/api/v1/projects/${p.id}/channels`, { name: type, type, settings: s }, access))
          .id,
      );
    await callApi(
      base,
      'POST',
      `/api/v1/projects/${p.id}/routes`,
      { name: 'all', channel_ids: ids, is_default: true },
      access,
    );

    // The load: RATE alert events per second, PER_DELIVERY per delivery, paced every 100 ms.
    const started = Date.now();
    let sent = 0;
    let refused = 0;
    const inflight = new Set<Promise<void>>();
    while (Date.now() - started < SECONDS * 1000) {
      const tick = Date.now();
      const due = Math.floor(((tick - started) / 1000) * RATE);
      while (sent < due) {
        const alerts: PromAlert[] = [];
        for (let k = 0; k < PER_DELIVERY; k++, sent++) {
          const service = `svc-${sent % SERVICES}`;
          const pod = `${service}-${Math.floor((tick - started) / 2000)}-${sent % 5}`;
          alerts.push({
            labels: { alertname: 'KubePodNotReady', severity: 'warning', namespace: 'bench', service, pod },
            startsAt: started + sent, // a re-fire of the same alert (same labels): each delivery differs
          });
        }
        const body = JSON.stringify(alertmanagerNotification('mozaic', ['service'], alerts));
        const req = fetch(`${base}/webhooks/alertmanager/${p.id}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body,
        })
          .then(async (r) => {
            const text = await r.text();
            if (r.status !== 202 && r.status !== 200 && refused++ === 0)
              console.error(`first refusal: ${r.status} ${text.slice(0, 300)}`);
          })
          .catch((e: Error) => {
            if (refused++ === 0) console.error(`first failure: ${e.message}`);
          })
          .finally(() => inflight.delete(req));
        inflight.add(req);
      }
      await sleep(Math.max(0, 100 - (Date.now() - tick)));
    }
    await Promise.all(inflight);
    const loadS = (Date.now() - started) / 1000;

    // Wait for ingest to drain, then resolve every incident through the API.
    for (let i = 0; i < 600; i++) {
      const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending'`)).rows;
      if (n === 0) break;
      await sleep(200);
    }
    const incidents = (
      await pg.query(`SELECT id FROM incidents WHERE project_id = $1 AND status <> 'resolved'`, [p.id])
    ).rows;
    for (const i of incidents) await callApi(base, 'POST', `/api/v1/incidents/${i.id}/resolve`, {}, access);
    // Drain: nothing pending and due (batched updates superseded by the resolutions).
    for (let i = 0; i < 600; i++) {
      const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`)).rows;
      if (n === 0) break;
      await sleep(200);
    }

    const rows = (
      await pg.query(
        `SELECT id, status, GREATEST(created_at, due_at) AS ready, event FROM notifications WHERE project_id = $1`,
        [p.id],
      )
    ).rows as Array<{ id: string; status: string; ready: Date; event: string }>;
    if (process.argv.includes('--explain')) {
      const stages = (
        await pg.query(
          `SELECT n.event, extract(epoch FROM (n.sent_at - GREATEST(n.created_at, n.due_at))) * 1000 AS total_ms,
                  a.duration_ms, extract(epoch FROM (a.at - GREATEST(n.created_at, n.due_at))) * 1000 AS recorded_ms
           FROM notifications n JOIN notification_attempts a ON a.notification_id = n.id WHERE n.project_id = $1`,
          [p.id],
        )
      ).rows as Array<{ event: string; total_ms: number; duration_ms: number; recorded_ms: number }>;
      for (const e of new Set(stages.map((r) => r.event))) {
        const of = stages.filter((r) => r.event === e);
        console.log(
          `${e}: send_ms p50=${pct(
            of.map((r) => r.duration_ms),
            50,
          )} p99=${pct(
            of.map((r) => r.duration_ms),
            99,
          )}` +
            ` ready_to_recorded_ms p50=${pct(
              of.map((r) => Number(r.recorded_ms)),
              50,
            ).toFixed(0)} p99=${pct(
              of.map((r) => Number(r.recorded_ms)),
              99,
            ).toFixed(0)}`,
        );
      }
    }
    const received = await rx.report();
    const arrivals = new Map<string, number>();
    for (const r of received) if (r.id && !arrivals.has(r.id)) arrivals.set(r.id, r.at);
    const latencies = rows
      .filter((r) => arrivals.has(r.id))
      .map((r) => (arrivals.get(r.id) as number) - r.ready.getTime());
    const committed = rows.filter((r) => r.status !== 'superseded');
    const lost = committed.filter((r) => !arrivals.has(r.id)).length;
    const duplicates = received.length - arrivals.size;
    const nIncidents = (await pg.query(`SELECT count(*)::int AS n FROM incidents WHERE project_id = $1`, [p.id]))
      .rows[0].n;
    const byEvent: Record<string, string> = {};
    for (const e of new Set(committed.map((r) => r.event))) {
      const of = rows.filter((r) => r.event === e && arrivals.has(r.id));
      const l = of.map((r) => (arrivals.get(r.id) as number) - r.ready.getTime());
      byEvent[e] = `${of.length}@p50=${pct(l, 50)},p99=${pct(l, 99)}`;
    }
    console.log(
      `notify_p99_ms=${pct(latencies, 99)} messages=${arrivals.size} lost=${lost}` +
        ` notify_p50_ms=${pct(latencies, 50)} notify_max_ms=${pct(latencies, 100)} incidents=${nIncidents}` +
        ` messages_per_incident_per_channel=${(arrivals.size / Math.max(1, nIncidents) / ids.length).toFixed(2)}` +
        ` duplicates=${duplicates} superseded=${rows.length - committed.length}` +
        ` alert_events=${sent} event_rate_per_s=${Math.round(sent / loadS)} refused=${refused}` +
        ` by_event=${JSON.stringify(byEvent)}`,
    );
  } finally {
    await pg.end().catch(() => undefined);
    await stopProcess(worker);
    await stopProcess(notifier);
    await stopProcess(api);
    await rx.stop();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
