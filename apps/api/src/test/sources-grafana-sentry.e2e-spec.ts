import { IncidentSummary as Incident } from '@mozaic/contracts';
import { fixture } from './support/fixtures';
import { FakeApi, SeenRequest } from './support/fake-api';
import { connect, createProject, fetchNow, firstCollection, incidentDetails } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON

const GRAFANA_TOKEN = 'glsa_grafana-token-0123456789abcdef';
const SENTRY_TOKEN = 'sntrys_sentry-token-0123456789abcdef';

/** Grafana's alerting APIs from the fixtures, behind a service-account token. */
function grafana(state: { alerts: Obj[] }) {
  return (req: SeenRequest) => {
    if (req.headers['authorization'] !== `Bearer ${GRAFANA_TOKEN}`)
      return { status: 401, body: { message: 'Unauthorized' } };
    if (req.url.pathname === '/api/prometheus/grafana/api/v1/rules')
      return { body: fixture('grafana/grafana-prometheus-compat-rules.grafana-tests.json') };
    if (req.url.pathname === '/api/alertmanager/grafana/api/v2/alerts') return { body: state.alerts };
    return { status: 404, body: { message: 'not found' } };
  };
}

describe('pulling Grafana and Sentry (e2e, at the wire)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ SOURCE_TIMEOUT_MS: '1000' });
    auth = (await registerAndLogin(t, 'pull')).auth;
  });
  afterAll(() => t.close());

  const project = (name: string) => createProject(t, auth, name);

  it('Grafana: connecting tests the token; firing instances become an incident; a vanished one resolves', async () => {
    const state = { alerts: fixture<Obj[]>('grafana/grafana-alertmanager-api-v2-alerts.CONSTRUCTED.json') };
    const api = await FakeApi.start(grafana(state));
    try {
      const pid = await project('grafana-pull');
      const acct = await connect(t, auth, pid, 'grafana', { token: GRAFANA_TOKEN }, { base_url: api.url });
      expect(acct.status).toBe('active');
      expect(acct.last_error).toBeNull();
      const first = await firstCollection(t, auth, acct.id);
      expect(first.last_collected_at).not.toBeNull();
      const incidents = (await t.http().get(`/api/v1/incidents/project/${pid}`).set(auth).expect(200))
        .body as Incident[];
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ source: 'grafana', status: 'open' });
      expect(incidents[0].title).toContain('Test alert');

      // The same state again: the cursor knows it, nothing new.
      const again = await fetchNow(t, auth, pid);
      expect(again.accounts).toEqual([expect.objectContaining({ account_id: acct.id, status: 'done' })]);
      const detail = (await t.http().get(`/api/v1/incidents/${incidents[0].id}`).set(auth).expect(200)).body;
      expect(detail.alerts).toHaveLength(1);
      expect(detail.alerts[0].count).toBe(1);

      // The instance is gone from Grafana: reported resolved.
      state.alerts = [];
      const gone = await fetchNow(t, auth, pid);
      expect(gone.accounts[0]).toMatchObject({ status: 'done', signal_count: 1 });
      const after = (await t.http().get(`/api/v1/incidents/${incidents[0].id}`).set(auth).expect(200)).body;
      expect(after.alerts[0].status).toBe('resolved');
      for (const r of api.requests) expect(r.headers['authorization']).toBe(`Bearer ${GRAFANA_TOKEN}`);
    } finally {
      await api.close();
    }
  });

  it('Grafana: a wrong token is refused at connect, with the reason and without the token', async () => {
    const api = await FakeApi.start(grafana({ alerts: [] }));
    try {
      const pid = await project('grafana-bad');
      const acct = await connect(
        t,
        auth,
        pid,
        'grafana',
        { token: 'glsa_wrong-token-0123456789' },
        { base_url: api.url },
      );
      expect(acct.status).toBe('error');
      expect(acct.last_error).toMatch(/refused the credentials \(401\)/);
      expect(JSON.stringify(acct)).not.toContain('wrong-token');
      const retest = await t.http().post(`/api/v1/accounts/${acct.id}/test`).set(auth).expect(200);
      expect(retest.body).toMatchObject({ ok: false, status: 'error' });
    } finally {
      await api.close();
    }
  });

  it('Sentry: follows Link pagination, fetches the latest event of new issues, keeps a cursor', async () => {
    const issues = fixture<Obj[]>('sentry/api-list-project-issues.sentry-openapi.json');
    const latest = fixture<Obj>('sentry/api-retrieve-issue-event-latest.sentry-openapi.json');
    const now = Date.now();
    const page1 = issues.map((i, n) => ({
      ...i,
      id: `10${n}`,
      firstSeen: new Date(now - 60_000).toISOString(),
      lastSeen: new Date(now - 30_000).toISOString(),
    }));
    const page2 = issues.map((i, n) => ({
      ...i,
      id: `20${n}`,
      title: `Second page ${n}`,
      firstSeen: new Date(now - 7 * 86_400_000).toISOString(),
      lastSeen: new Date(now - 20_000).toISOString(),
    }));
    const api = await FakeApi.start((req) => {
      if (req.headers['authorization'] !== `Bearer ${SENTRY_TOKEN}`)
        return { status: 401, body: { detail: 'Invalid token' } };
      const p = req.url.pathname;
      if (p === '/api/0/organizations/acme/projects/') return { body: [{ slug: 'pump-station' }] };
      if (p === '/api/0/projects/acme/pump-station/issues/') {
        const cursor = req.url.searchParams.get('cursor');
        const link = (c: string, more: boolean) =>
          `<${api.url}/api/0/projects/acme/pump-station/issues/?cursor=${c}>; rel="next"; results="${more}"; cursor="${c}"`;
        if (!cursor) return { body: page1, headers: { Link: link('0:100:0', true) } };
        if (cursor === '0:100:0') return { body: page2, headers: { Link: link('0:200:0', false) } };
        return { status: 400, body: {} };
      }
      if (/^\/api\/0\/organizations\/acme\/issues\/\d+\/events\/latest\/$/.test(p)) return { body: latest };
      return { status: 404, body: { detail: 'not found' } };
    });
    try {
      const pid = await project('sentry-pull');
      const acct = await connect(
        t,
        auth,
        pid,
        'sentry',
        { auth_token: SENTRY_TOKEN },
        { base_url: api.url, organization: 'acme', projects: ['pump-station'] },
      );
      expect(acct.status).toBe('active');
      await firstCollection(t, auth, acct.id);
      const issuePages = api.requests.filter((r) => r.url.pathname.endsWith('/issues/'));
      expect(issuePages.map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '0:100:0']);
      expect(issuePages[0].url.searchParams.get('query')).toMatch(/^is:unresolved lastSeen:>/);
      // Only the issues first seen in the window are new: their latest event is fetched.
      const latestCalls = api.requests.filter((r) => r.url.pathname.includes('/events/latest/'));
      expect(latestCalls.map((r) => r.url.pathname.split('/')[6]).sort()).toEqual(page1.map((i) => i.id).sort());
      const alerts = (await incidentDetails(t, auth, pid)).flatMap((d) => d.alerts);
      expect(alerts).toHaveLength(page1.length + page2.length);

      // Next time the query starts where the last one ended; nothing older comes back.
      api.requests.length = 0;
      const run = await fetchNow(t, auth, pid);
      expect(run.accounts[0]).toMatchObject({ status: 'done' });
      const q = api.requests.find((r) => r.url.pathname.endsWith('/issues/'))?.url.searchParams.get('query') ?? '';
      expect(Date.parse(q.replace('is:unresolved lastSeen:>', ''))).toBe(now - 20_000);
    } finally {
      await api.close();
    }
  });

  it('Sentry: waits as told on 429 (Retry-After) and succeeds; a 5xx that persists fails only that account', async () => {
    let calls = 0;
    const flaky = await FakeApi.start((req) => {
      if (req.url.pathname.endsWith('/projects/')) {
        calls++;
        return calls === 1 ? { status: 429, headers: { 'Retry-After': '1' }, body: {} } : { body: [{ slug: 'a' }] };
      }
      return { body: [] };
    });
    const broken = await FakeApi.start(() => ({ status: 503, body: {} }));
    const slow = await FakeApi.start(() => ({ delayMs: 3_000, body: [] }));
    try {
      const pid = await project('sentry-faults');
      const ok = await connect(
        t,
        auth,
        pid,
        'sentry',
        { auth_token: SENTRY_TOKEN },
        { base_url: flaky.url, organization: 'acme' },
      );
      expect(ok.status).toBe('active');
      expect(calls).toBe(2);
      const bad = await connect(
        t,
        auth,
        pid,
        'sentry',
        { auth_token: SENTRY_TOKEN },
        { base_url: broken.url, organization: 'acme' },
      );
      expect(bad).toMatchObject({ status: 'error', last_error: expect.stringMatching(/failed \(503\)/) });
      expect(broken.requests.length).toBe(3); // one attempt and two retries
      const late = await connect(
        t,
        auth,
        pid,
        'sentry',
        { auth_token: SENTRY_TOKEN },
        { base_url: slow.url, organization: 'acme' },
      );
      expect(late).toMatchObject({
        status: 'error',
        last_error: expect.stringMatching(/did not answer within 1000 ms/),
      });
      await firstCollection(t, auth, ok.id);
      const run = await fetchNow(t, auth, pid);
      const by = Object.fromEntries(run.accounts.map((a) => [a.account_id, a]));
      expect(by[ok.id]).toMatchObject({ status: 'done' });
      expect(by[bad.id]).toMatchObject({ status: 'failed', error: expect.stringMatching(/503/) });
      expect(by[late.id]).toMatchObject({ status: 'failed', error: expect.stringMatching(/did not answer/) });
    } finally {
      await Promise.all([flaky.close(), broken.close(), slow.close()]);
    }
  });

  it('refuses cloud metadata endpoints whatever the policy', async () => {
    const pid = await project('metadata');
    const acct = await connect(
      t,
      auth,
      pid,
      'grafana',
      { token: GRAFANA_TOKEN },
      { base_url: 'http://169.254.169.254/latest' },
    );
    expect(acct).toMatchObject({ status: 'error', last_error: 'cloud metadata endpoints are not allowed' });
  });

  it('tests a connect form without saving it', async () => {
    const api = await FakeApi.start(grafana({ alerts: [] }));
    try {
      const res = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: 'grafana', credentials: { token: GRAFANA_TOKEN }, config: { base_url: api.url } })
        .expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 'active', detail: '1 alert rules, 0 firing', error: null });
      await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: 'grafana', credentials: {} })
        .expect(400);
      await t
        .http()
        .post('/api/v1/accounts/test')
        .send({ service_type: 'grafana', credentials: { token: 'x' } })
        .expect(401);
    } finally {
      await api.close();
    }
  });
});
