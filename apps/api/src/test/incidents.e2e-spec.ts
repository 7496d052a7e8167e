import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';
import { seedIncidents, withDb } from './seed';

describe('incidents read API (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let projectId: string;
  let ids: string[];
  const base = Date.parse('2026-11-01T12:00:00Z');
  const at = (min: number) => new Date(base + min * 60_000);

  beforeAll(async () => {
    t = await createTestApp();
    u = await registerAndLogin(t, 'inc');
    projectId = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'incidents' }).expect(201)).body.id;
    ids = await seedIncidents(projectId, [
      {
        title: 'checkout: CrashLoopBackOff',
        severity: 'critical',
        source: 'kubernetes',
        timestamp: at(0),
      },
      {
        title: 'checkout: 5xx alarm',
        severity: 'high',
        source: 'cloudwatch',
        timestamp: at(1),
      },
      {
        title: 'search: slow queries',
        severity: 'low',
        source: 'grafana',
        timestamp: at(2),
        status: 'resolved',
      },
      {
        title: 'payments: 100% errors',
        severity: 'critical',
        source: 'sentry',
        timestamp: at(3),
      },
      {
        title: 'payments_v2 timeout',
        severity: 'medium',
        source: 'sentry',
        timestamp: at(4),
        status: 'acknowledged',
      },
    ]);
  });
  afterAll(() => t.close());

  const list = (query = '') => t.http().get(`/api/v1/incidents/project/${projectId}${query}`).set(u.auth);

  it('lists newest first with the original fields', async () => {
    const res = await list().expect(200);
    expect(res.body.map((i: { id: string }) => i.id)).toEqual([...ids].reverse());
    expect(res.body[0]).toMatchObject({
      id: ids[4],
      project_id: projectId,
      source: 'sentry',
      severity: 'medium',
      title: 'payments_v2 timeout',
      timestamp: at(4).toISOString(),
      resolved: false,
      status: 'acknowledged',
    });
    expect(res.body[2].resolved).toBe(true);
    expect(res.headers['x-next-cursor']).toBeUndefined();
  });

  it('pages with a keyset cursor until the last page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.map((i: { id: string }) => i.id));
      cursor = res.headers['x-next-cursor'];
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('keeps a stable order for incidents with the same timestamp', async () => {
    const p = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'ties' }).expect(201)).body.id;
    const same = await seedIncidents(
      p,
      Array.from({ length: 5 }, (_, n) => ({
        title: `tie ${n}`,
        timestamp: at(10),
      })),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t
        .http()
        .get(`/api/v1/incidents/project/${p}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(u.auth)
        .expect(200);
      seen.push(...res.body.map((i: { id: string }) => i.id));
      cursor = res.headers['x-next-cursor'];
    } while (cursor);
    expect([...seen].sort()).toEqual([...same].sort());
    expect(new Set(seen).size).toBe(5);
  });

  it.each([
    ['?severity=critical', [3, 0]],
    ['?severity=critical,high', [3, 1, 0]],
    ['?severity=low&severity=medium', [4, 2]],
    ['?status=open', [3, 1, 0]],
    ['?status=resolved', [2]],
    ['?source=sentry', [4, 3]],
    [`?from=${encodeURIComponent(at(1).toISOString())}&to=${encodeURIComponent(at(3).toISOString())}`, [2, 1]],
    ['?q=CHECKOUT', [1, 0]],
    ['?q=100%25', [3]],
    ['?q=_v2', [4]],
    ['?severity=critical&q=payments', [3]],
  ])('filters %s', async (query, expected) => {
    const res = await list(query).expect(200);
    expect(res.body.map((i: { id: string }) => i.id)).toEqual(expected.map((n) => ids[n]));
  });

  it('lists an incident of several sources under each of them (a member from that source)', async () => {
    const other = (await t.http().post('/api/v1/projects').set(u.auth).send({ name: 'multi' }).expect(201)).body.id;
    const [multi, single] = await seedIncidents(other, [
      { title: 'checkout: crash loop + 5xx', sources: ['kubernetes', 'sentry'], timestamp: at(10) },
      { title: 'search: slow', source: 'grafana', timestamp: at(11) },
    ]);
    const ids = async (q: string) =>
      (await t.http().get(`/api/v1/incidents/project/${other}${q}`).set(u.auth).expect(200)).body.map(
        (i: { id: string }) => i.id,
      );
    expect(await ids('?source=sentry')).toEqual([multi]);
    expect(await ids('?source=kubernetes')).toEqual([multi]);
    expect(await ids('?source=grafana')).toEqual([single]);
    expect(await ids('?source=cloudwatch')).toEqual([]);
  });

  it.each([
    ['?severity=urgent', 'severity'],
    ['?status=closed', 'status'],
    ['?source=nagios', 'source'],
    ['?from=yesterday', 'from'],
    ['?limit=500', 'limit'],
    ['?cursor=!!', 'cursor'],
    [`?cursor=${Buffer.from('garbage').toString('base64url')}`, 'cursor'],
  ])('answers 400 for %s', async (query, field) => {
    const res = await list(query).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(field);
  });

  it('shows the detail with member alerts and the reason each was grouped', async () => {
    const alertId = await withDb(async (c) => {
      const a = await c.query<{ id: string }>(
        `INSERT INTO alerts (project_id, fingerprint, source, source_ref, title, severity, status, count, first_seen, last_seen, entities)
         VALUES ($1, 'fp-1', 'kubernetes', 'uid-1/BackOff', 'Back-off restarting failed container', 'high', 'firing', 3, $2, $2, '{"workload":"checkout"}') RETURNING id`,
        [projectId, at(0)],
      );
      await c.query(`INSERT INTO incident_alerts (incident_id, alert_id, reason) VALUES ($1, $2, $3)`, [
        ids[0],
        a.rows[0].id,
        {
          matched_entities: ['workload=checkout'],
          time_distance_s: 0,
          shared_templates: [],
          summary: 'first alert',
        },
      ]);
      return a.rows[0].id;
    });
    const res = await t.http().get(`/api/v1/incidents/${ids[0]}`).set(u.auth).expect(200);
    expect(res.body).toMatchObject({
      id: ids[0],
      title: 'checkout: CrashLoopBackOff',
      logs_json: [],
      correlation_data: {},
      resolved: false,
    });
    expect(res.body.alerts).toEqual([
      expect.objectContaining({
        id: alertId,
        count: 3,
        entities: { workload: 'checkout' },
        reason: expect.objectContaining({
          matched_entities: ['workload=checkout'],
        }),
      }),
    ]);
  });

  it('answers 404 for an unknown incident and 401 without a token', async () => {
    await t.http().get('/api/v1/incidents/00000000-0000-4000-8000-000000000000').set(u.auth).expect(404);
    await t.http().get(`/api/v1/incidents/${ids[0]}`).expect(401);
    await t.http().get(`/api/v1/incidents/project/${projectId}`).expect(401);
  });
});
