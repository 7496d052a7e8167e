/**
 * npm run bench:correlation [-- --story kubernetes-day]
 *
 * Grouping quality on the labelled corpus (apps/api/src/test/corpus, ground truth written from
 * each story's causal design): every story is replayed through the built MOZAIC's real webhook
 * routes — as the senders would post them: Alertmanager and Grafana with the webhook token as
 * Bearer, Sentry signed with the integration's client secret (Sentry-Hook-Signature), CloudWatch
 * alarms as EventBridge events with the token — into a fresh project each, on a scratch database
 * of DATABASE_URL's server. Then the incidents are read back through the API and each firing
 * signal is scored against its true incident.
 *
 * Prints per story and over all stories
 * `pairwise_f1=… precision=… recall=… incidents=<pred>/<true> explained=<k>/<n> lost=<n>`,
 * then which true incidents were split or merged, with the engine's own reasons.
 */
import { createHmac } from 'node:crypto';
import { corpus } from '../../apps/api/src/test/corpus/corpus';
import { itemId } from '../../apps/api/src/test/corpus/replay';
import { score, ScoredItem, scoreDetails, scoreLine } from '../../apps/api/src/test/corpus/score';
import { Story } from '../../apps/api/src/test/corpus/story';
import { callApi, scratchDatabase, sleep, startBuilt, stopProcess, waitUntilUp } from './support/built-app';

const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.argv.includes('--story') ? process.argv[process.argv.indexOf('--story') + 1] : undefined;
const port = 3800 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const SENTRY_SECRET = 'bench-sentry-client-secret';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of the API under test
type Json = any;

async function project(access: string, name: string): Promise<{ id: string; token: string }> {
  const id = (await callApi(base, 'POST', '/api/v1/projects', { name }, access)).id as string;
  const token = (await callApi(base, 'POST', `/api/v1/projects/${id}/webhooks/token`, {}, access)).token as string;
  await callApi(base, 'PUT', `/api/v1/projects/${id}/webhooks`, { sentry_client_secret: SENTRY_SECRET }, access);
  return { id, token };
}

/** Posts every delivery in arrival order, as its sender would. */
async function send(story: Story, projectId: string, token: string): Promise<void> {
  for (const d of story.deliveries) {
    const body = JSON.stringify(d.body);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (d.source === 'sentry') {
      headers['Sentry-Hook-Resource'] = d.kind ?? 'event_alert';
      headers['Sentry-Hook-Timestamp'] = String(Math.floor(Date.now() / 1000)); // sent now
      headers['Sentry-Hook-Signature'] = createHmac('sha256', SENTRY_SECRET).update(body).digest('hex');
    } else headers['Authorization'] = `Bearer ${token}`;
    const res = await fetch(`${base}/webhooks/${d.source}/${projectId}`, { method: 'POST', headers, body });
    if (res.status !== 202 && res.status !== 200)
      throw new Error(`${d.source} delivery: ${res.status} ${await res.text()}`);
  }
}

async function waitProcessed(projectId: string, access: string): Promise<void> {
  for (let i = 0; ; i++) {
    const pending = (await callApi(
      base,
      'GET',
      `/api/v1/projects/${projectId}/events?status=pending&limit=1`,
      undefined,
      access,
    )) as Json[];
    if (pending.length === 0) return;
    if (i > 600) throw new Error('deliveries still pending after 60 s');
    await sleep(100);
  }
}

async function allIncidents(projectId: string, access: string): Promise<Json[]> {
  const out: Json[] = [];
  let cursor = '';
  for (;;) {
    const res = await fetch(
      `${base}/api/v1/incidents/project/${projectId}?status=open&status=acknowledged&status=resolved&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { headers: { Authorization: `Bearer ${access}` } },
    );
    if (!res.ok) throw new Error(`list: ${res.status} ${await res.text()}`);
    out.push(...((await res.json()) as Json[]));
    cursor = res.headers.get('x-next-cursor') ?? '';
    if (!cursor) return out;
  }
}

/** Each firing signal → the incident it is in (of several, the one that started last before it). */
async function predicted(story: Story, projectId: string, access: string): Promise<ScoredItem[]> {
  const truth = new Map<string, string | null>();
  const { deliverySignals } = await import('../../apps/api/src/modules/webhooks/ingest/delivery-signals');
  for (const d of story.deliveries) {
    const { signals } = deliverySignals({
      projectId,
      source: d.source,
      kind: d.kind ?? null,
      body: JSON.stringify(d.body),
    });
    signals.forEach((s, i) => {
      const id = itemId(s.source, s.sourceRef, s.occurredAt);
      if (s.status === 'firing' && !truth.has(id)) truth.set(id, d.truth[i]);
    });
  }
  const placed = new Map<string, { incident: string; started: number; reason?: string }>();
  for (const summary of await allIncidents(projectId, access)) {
    const detail = (await callApi(base, 'GET', `/api/v1/incidents/${summary.id}`, undefined, access)) as Json;
    if (detail.correlation_data?.merged_into) continue;
    const members = new Map<string, Json>(detail.alerts.map((a: Json) => [a.id, a]));
    const started = Date.parse(detail.timestamp);
    for (const s of (await callApi(
      base,
      'GET',
      `/api/v1/incidents/${summary.id}/signals`,
      undefined,
      access,
    )) as Json[]) {
      const alert = members.get(s.alert_id);
      if (!alert || s.status !== 'firing') continue;
      const id = itemId(s.source, alert.source_ref, s.occurred_at);
      const at = Date.parse(s.occurred_at);
      const prev = placed.get(id);
      // An alert that recurred is a member of each of its incidents: the signal belongs to the
      // latest one that had started by the time it occurred.
      const better = !prev || (started <= at && (prev.started > at || started > prev.started));
      if (better) placed.set(id, { incident: summary.id, started, reason: alert.reason?.summary });
    }
  }
  return [...truth].map(([id, t]) => {
    const p = placed.get(id);
    return { id, truth: t, predicted: p?.incident ?? null, explained: !!p?.reason, reason: p?.reason };
  });
}

async function main(): Promise<void> {
  const db = await scratchDatabase(adminUrl, 'bench_correlation');
  const api = startBuilt('main.js', {
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: '',
    RUN_WORKERS: 'true',
  });
  try {
    await waitUntilUp(`${base}/api/v1/health`, 'the api');
    const creds = { email: `bench-${Date.now()}@example.com`, password: 'a long bench password 1' };
    await callApi(base, 'POST', '/api/v1/auth/register', creds);
    const access = (await callApi(base, 'POST', '/api/v1/auth/login', creds)).access_token as string;
    const all: ScoredItem[] = [];
    const f1s: number[] = [];
    for (const story of corpus().filter((s) => !only || s.name === only)) {
      const p = await project(access, story.name);
      const t0 = Date.now();
      await send(story, p.id, p.token);
      await waitProcessed(p.id, access);
      const items = await predicted(story, p.id, access);
      const s = score(items);
      f1s.push(s.f1);
      all.push(
        ...items.map((i) => ({
          ...i,
          id: `${story.name}/${i.id}`,
          truth: i.truth && `${story.name}/${i.truth}`,
          predicted: i.predicted && `${story.name}/${i.predicted}`,
        })),
      );
      console.log(
        `${scoreLine(story.name, s)} deliveries=${story.deliveries.length} seconds=${((Date.now() - t0) / 1000).toFixed(1)}`,
      );
      for (const line of scoreDetails(s, items)) console.log(line);
    }
    const overall = score(all);
    console.log(
      `${scoreLine('overall', overall)} mean_story_f1=${(f1s.reduce((a, b) => a + b, 0) / f1s.length).toFixed(3)}`,
    );
  } finally {
    await stopProcess(api);
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
