/**
 * npm run bench:alerts
 *
 * Processing cost against the number of alerts in one Alertmanager delivery: the built MOZAIC
 * (dist/apps/api/main.js, WEBHOOK_MAX_ALERTS=7000) on a fresh database receives one delivery of
 * 1, 100, 1,000 and 7,000 distinct alerts each (each into its own project), in three shapes (spread
 * over 40 services, all on one service, naming no entity), and the time from the acknowledgement to
 * the delivery being processed is read back from inbound_events. Linear cost means a flat time per
 * alert; one line per shape ends the output:
 * `<shape>: alerts_1=<ms> … alerts_7000=<ms> per_alert_ratio_7000_vs_100=<r>`.
 */
import { Client } from 'pg';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';

const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const port = 4200 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const SIZES = [1, 100, 1_000, 7_000];
const SHAPES: Shape[] = ['spread', 'one-service', 'no-entity'];

/** How the alerts of a delivery relate: spread over 40 services, all on one service, or naming no entity. */
type Shape = 'spread' | 'one-service' | 'no-entity';

function labels(shape: Shape, i: number): Record<string, string> {
  const severity = i % 3 ? 'warning' : 'critical';
  if (shape === 'no-entity') return { alertname: `Alert${i}`, severity };
  const svc = shape === 'one-service' ? 'checkout' : `svc-${i % 40}`;
  return {
    alertname: `Alert${i % 50}`,
    severity,
    namespace: shape === 'one-service' ? 'shop' : `ns-${i % 7}`,
    pod: `${svc}-7d9f8b6c5d-${(i * 7919).toString(36).slice(-5)}`,
    service: svc,
  };
}

function notification(n: number, tag: string, shape: Shape): string {
  const alerts = Array.from({ length: n }, (_, i) => ({
    status: 'firing',
    labels: labels(shape, i),
    annotations: { summary: `alert ${i} of ${tag}`, description: `value ${i} crossed its threshold` },
    startsAt: new Date(Date.now() - (n - i) * 1000).toISOString(),
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus/graph',
    fingerprint: `${tag}-${i}`,
  }));
  return JSON.stringify({
    version: '4',
    status: 'firing',
    receiver: 'mozaic',
    groupKey: `{}:{tag="${tag}"}`,
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    truncatedAlerts: 0,
    alerts,
  });
}

async function main(): Promise<void> {
  const db = await scratchDatabase(adminUrl, 'mozaic_alerts');
  const app = startBuilt('main.js', {
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    WEBHOOK_MAX_ALERTS: '7000',
    BODY_LIMIT: '16mb',
  });
  const pg = new Client({ connectionString: db.url });
  const all: string[] = [];
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'MOZAIC');
    await pg.connect();
    const creds = { email: 'alerts@example.com', password: 'bench password 123' };
    await callApi(base, 'POST', '/api/v1/auth/register', creds);
    const access = (await callApi(base, 'POST', '/api/v1/auth/login', creds)).access_token;
    for (const shape of SHAPES) {
      const results: Record<number, number> = {};
      for (const n of SIZES) {
        const projectId = (await callApi(base, 'POST', '/api/v1/projects', { name: `${shape}-${n}` }, access)).id;
        const token = (await callApi(base, 'POST', `/api/v1/projects/${projectId}/webhooks/token`, {}, access)).token;
        const body = notification(n, `${shape}-${n}`, shape);
        const res = await fetch(`${base}/webhooks/alertmanager/${projectId}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body,
        });
        if (res.status !== 202) throw new Error(`${n} alerts: ${res.status} ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        for (;;) {
          const row = (
            await pg.query(
              `SELECT status, extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM inbound_events WHERE id = $1`,
              [id],
            )
          ).rows[0] as { status: string; ms: number | null };
          if (row.status === 'processed') {
            results[n] = Math.round(Number(row.ms));
            break;
          }
          if (row.status === 'failed') throw new Error(`${n} alerts: the delivery failed`);
          await sleep(50);
        }
        console.log(
          `${shape.padEnd(11)} ${String(n).padStart(5)} alerts (${(body.length / 1024).toFixed(0)} kB): processed in ${results[n]} ms, ` +
            `${(results[n] / n).toFixed(2)} ms per alert`,
        );
      }
      const ratio = results[7000] / 7000 / (results[100] / 100);
      all.push(
        `${shape}: alerts_1=${results[1]} alerts_100=${results[100]} alerts_1000=${results[1000]} alerts_7000=${results[7000]} ` +
          `per_alert_ratio_7000_vs_100=${ratio.toFixed(2)}`,
      );
    }
  } finally {
    await pg.end().catch(() => undefined);
    await stopProcess(app);
    await db.close();
  }
  for (const line of all) console.log(line);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
