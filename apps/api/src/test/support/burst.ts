import { Client } from 'pg';
import { fixture } from './fixtures';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON

/** One Alertmanager delivery carrying one alert of its own (distinct fingerprint, one of 7 hosts). */
export function burstDelivery(n: number): string {
  const p = fixture<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
  const a = p['alerts'][0];
  p['alerts'] = [
    { ...a, fingerprint: `burst-${n}`, labels: { ...a['labels'], host: `node-${n % 7}`, alertname: `Burst ${n}` } },
  ];
  p['groupKey'] = `{}:{alertname="Burst ${n}"}`;
  return JSON.stringify(p);
}

/** Rows of one query on a fresh connection (for databases other than the app's). */
export async function queryRows<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []) {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
