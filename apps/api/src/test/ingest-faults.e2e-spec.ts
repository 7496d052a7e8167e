import { fixture, FIXTURES } from './support/fixtures';
import { openStream } from './support/sse';
import { postWebhook, waitForDeliveries } from './support/webhook-client';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { withDb } from './seed';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** Every path to every field of a JSON value. */
function paths(v: JsonValue, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys: Array<string | number> = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, JsonValue>)[k], [...prefix, k]))];
}

function mutate(v: JsonValue, path: Array<string | number>, replacement: JsonValue | undefined): JsonValue {
  if (path.length === 0) return replacement === undefined ? null : replacement;
  const copy = structuredClone(v) as Record<string | number, JsonValue>;
  let cur = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, JsonValue>;
  const last = path[path.length - 1];
  if (replacement === undefined) delete cur[last];
  else cur[last] = replacement;
  return copy as JsonValue;
}

const REPLACEMENTS: Array<JsonValue | undefined> = [
  undefined,
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5000),
  true,
  [],
  {},
  ['<script>'],
  { '': null },
  '2026-13-45T99:99:99Z',
  '\u0000\ud800',
];

describe('ingest under bad input and live views (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '256kb' });
    u = await registerAndLogin(t, 'faults');
  });
  afterAll(() => t.close());

  async function project(name: string) {
    const id = (await t.http().post('/api/v1/projects').set(u.auth).send({ name }).expect(201)).body.id as string;
    const token = (await t.http().post(`/api/v1/projects/${id}/webhooks/token`).set(u.auth).expect(201)).body
      .token as string;
    return { id, token };
  }

  it('never answers 5xx to mutated fixtures (every field of every fixture), and the worker survives them all', async () => {
    const p = await project('fuzz');
    const targets: Array<[string, string, Record<string, string>]> = [];
    for (const f of readdirSync(join(FIXTURES, 'grafana')).filter(
      (n) => /webhook.*\.json$/.test(n) && !n.includes('schema'),
    )) {
      targets.push([`grafana/${f}`, f.startsWith('grafana') ? 'grafana' : 'alertmanager', {}]);
    }
    for (const f of readdirSync(join(FIXTURES, 'sentry')).filter((n) =>
      /^(issue|event-alert|metric-alert|legacy)/.test(n),
    )) {
      targets.push([`sentry/${f}`, 'sentry', {}]);
    }
    for (const f of readdirSync(join(FIXTURES, 'cloudwatch')).filter(
      (n) => (n.startsWith('eventbridge') || n.startsWith('sns-notification')) && n.endsWith('.json'),
    )) {
      targets.push([`cloudwatch/${f}`, 'cloudwatch', { 'Content-Type': 'text/plain' }]);
    }
    // Every field of every fixture, each with four of the replacements (rotating through all of them).
    const jobs: Array<{ path: string; body: string; headers: Record<string, string>; what: string }> = [];
    let turn = 0;
    for (const [file, source] of targets) {
      const original = fixture<JsonValue>(file);
      const contentType =
        source === 'cloudwatch' && !file.startsWith('cloudwatch/eventbridge') ? 'text/plain' : 'application/json';
      for (const path of paths(original)) {
        for (let k = 0; k < 4; k++) {
          const r = REPLACEMENTS[turn++ % REPLACEMENTS.length];
          jobs.push({
            path: `/webhooks/${source}/${p.id}${source === 'sentry' ? `?token=${p.token}` : ''}`,
            body: JSON.stringify(mutate(original, path, r)),
            headers: { 'Content-Type': contentType, Authorization: `Bearer ${p.token}` },
            what: `${file} ${JSON.stringify(path)} = ${JSON.stringify(r)}`,
          });
        }
      }
    }
    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const res = await postWebhook(t, job.path, job.body, job.headers);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) fivexx.push(`${res.status} for ${job.what}`);
        }
      }),
    );
    const posts = jobs.length;
    expect(fivexx).toEqual([]);
    expect(posts).toBeGreaterThan(2000);
    expect(statuses.get(202)).toBeGreaterThan(100); // many mutations are still valid deliveries
    const stored = await withDb(
      async (c) =>
        (await c.query('SELECT count(*)::int AS n FROM inbound_events WHERE project_id = $1', [p.id])).rows[0].n,
    );
    const rows = await waitForDeliveries(p.id, stored, 120_000);
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed).toEqual([]);
  }, 300_000);

  it('streams new and changed incidents of a project without reload (SSE), to its owner only', async () => {
    const p = await project('live');
    await t.http().get(`/api/v1/incidents/stream?project_id=${p.id}`).expect(401);
    const stranger = await registerAndLogin(t, 'live-stranger');
    const foreign = await openStream(t, `/api/v1/incidents/stream?project_id=${p.id}`, stranger.auth);
    expect(foreign.status).toBe(404);
    foreign.close();
    const bad = await t.http().get('/api/v1/incidents/stream?project_id=nope').set(u.auth);
    expect(bad.status).toBe(400);

    const stream = await openStream(t, `/api/v1/incidents/stream?project_id=${p.id}`, u.auth);
    try {
      expect(stream.status).toBe(200);
      const body = JSON.stringify(fixture('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'));
      await postWebhook(t, `/webhooks/alertmanager/${p.id}`, body, {
        Authorization: `Bearer ${p.token}`,
        'Content-Type': 'application/json',
      }).expect(202);
      const e = await stream.waitFor((x) => x.event === 'incident');
      expect(JSON.parse(e.data)).toMatchObject({
        project_id: p.id,
        title: 'andromeda: High CPU Temperature',
        status: 'open',
      });
    } finally {
      stream.close();
    }
  });
});
