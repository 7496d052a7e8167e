import { Client } from 'pg';
import { runMigrations } from '../database/run-migrations';
import { RetentionService } from '../modules/retention/retention.service';
import { SignalProcessor } from '../modules/incidents/processing/signal-processor.service';
import { k8sBackOff } from './scenarios/stories';
import { createDatabase, dropDatabase, withDatabase } from './test-database';
import { createTestApp, LoggedInUser, registerAndLogin, TestApp } from './test-app';

/**
 * Retention on a database of its own (a run deletes across every project): per-project days within
 * the operator's limit, raw deliveries, signals, resolved incidents and their alerts expire; pending
 * deliveries, recent data and open incidents stay.
 */
describe('retention (e2e)', () => {
  let t: TestApp;
  let u: LoggedInUser;
  let db: Client;
  let dbName: string;
  const admin = () => process.env['TEST_DATABASE_URL'] as string;

  beforeAll(async () => {
    dbName = `mozaic_retention_${process.pid}`;
    await dropDatabase(admin(), dbName);
    const url = await createDatabase(admin(), dbName);
    await runMigrations(url);
    t = await createTestApp({ DATABASE_URL: url, RUN_WORKERS: 'false', RETENTION_MAX_DAYS: '1000' });
    u = await registerAndLogin(t, 'retention');
    db = new Client({ connectionString: withDatabase(admin(), dbName) });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dbName) await dropDatabase(admin(), dbName);
  });

  const project = async (body: Record<string, unknown>) =>
    (await t.http().post('/api/v1/projects').set(u.auth).send(body).expect(201)).body as {
      id: string;
      retention: Record<string, number>;
    };

  it('keeps the defaults, takes a project its own days, and refuses more than the operator allows', async () => {
    expect((await project({ name: 'defaults' })).retention).toEqual({
      deliveries_days: 14,
      signals_days: 30,
      incidents_days: 400,
    });
    const own = await project({ name: 'own', retention_deliveries_days: 2 });
    expect(own.retention.deliveries_days).toBe(2);
    const over = await t
      .http()
      .put(`/api/v1/projects/${own.id}`)
      .set(u.auth)
      .send({ retention_incidents_days: 1001 })
      .expect(400);
    expect(over.body.message).toMatch(/retention_incidents_days must be at most 1000/);
    const under = await t.http().put(`/api/v1/projects/${own.id}`).set(u.auth).send({ retention_signals_days: 0 });
    expect(under.status).toBe(400);
  });

  it('deletes what each project keeps no longer, in batches, and nothing else', async () => {
    const a = await project({ name: 'a' }); // defaults: 14 / 30 / 400 days
    const b = await project({ name: 'b', retention_deliveries_days: 1 });
    const delivery = (projectId: string, key: string, status: string, daysAgo: number) =>
      db.query(
        `INSERT INTO inbound_events (project_id, source, dedup_key, status, body, received_at)
         VALUES ($1, 'alertmanager', $2, $3, '{}', now() - make_interval(days => $4))`,
        [projectId, key, status, daysAgo],
      );
    await delivery(a.id, 'a-old', 'processed', 20);
    await delivery(a.id, 'a-old-failed', 'failed', 20);
    await delivery(a.id, 'a-recent', 'processed', 5);
    await delivery(a.id, 'a-pending', 'pending', 30); // never processed: never deleted
    await delivery(b.id, 'b-2days', 'processed', 2);
    for (let i = 0; i < 2_500; i++) await delivery(b.id, `b-bulk-${i}`, 'processed', 3); // several batches

    const processor = t.app.get(SignalProcessor);
    const old = await processor.process(a.id, [
      { ...k8sBackOff(0, 'checkout-old', 'shop', 'uid-old'), projectId: a.id },
    ]);
    const open = await processor.process(a.id, [
      { ...k8sBackOff(1, 'ledger-open', 'bank', 'uid-open'), projectId: a.id },
    ]);
    // The first incident was resolved 401 days ago and its alert last seen then; its signal is 31 days old.
    await db.query(
      `UPDATE incidents SET status = 'resolved', resolved_at = now() - interval '401 days' WHERE id = $1`,
      [old.incidentIds[0]],
    );
    await db.query(
      `UPDATE alerts SET last_seen = now() - interval '401 days'
        WHERE id IN (SELECT alert_id FROM incident_alerts WHERE incident_id = $1)`,
      [old.incidentIds[0]],
    );
    await db.query(
      `UPDATE signals SET occurred_at = now() - interval '31 days'
        WHERE alert_id IN (SELECT alert_id FROM incident_alerts WHERE incident_id = $1)`,
      [old.incidentIds[0]],
    );

    const run = await t.app.get(RetentionService).run();
    expect(run).toEqual({ deliveries: 2_503, signals: 1, incidents: 1, alerts: 1 });

    const keys = (await db.query('SELECT dedup_key FROM inbound_events ORDER BY dedup_key')).rows.map(
      (r: { dedup_key: string }) => r.dedup_key,
    );
    expect(keys).toEqual(['a-pending', 'a-recent']);
    const incidents = (await db.query('SELECT id FROM incidents')).rows.map((r: { id: string }) => r.id);
    expect(incidents).toEqual(open.incidentIds);
    expect((await db.query('SELECT count(*)::int AS n FROM signals')).rows[0].n).toBe(1);
    // A second run finds nothing more.
    expect(await t.app.get(RetentionService).run()).toEqual({ deliveries: 0, signals: 0, incidents: 0, alerts: 0 });
  }, 60_000);
});
