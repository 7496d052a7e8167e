import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** The migrations must build exactly the schema the entities describe (no forgotten migration). */
describe('database schema (e2e)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(typeormOptions(process.env['TEST_DATABASE_URL'] as string)).initialize();
  });
  afterAll(() => ds.destroy());

  it('has no drift between the entities and the migrated database', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('enforces one open incident per grouping key', async () => {
    const [{ id: userId }] = await ds.query(
      `INSERT INTO users (email, password_hash) VALUES ('schema-${Date.now()}@example.com', 'x') RETURNING id`,
    );
    const [{ id: projectId }] = await ds.query(
      `INSERT INTO projects (name, user_id) VALUES ('schema', $1) RETURNING id`,
      [userId],
    );
    const insert = (status: string) =>
      ds.query(
        `INSERT INTO incidents (project_id, source, severity, title, status, grouping_key, timestamp, last_seen)
         VALUES ($1, 'sentry', 'low', 't', $2, 'service=checkout', now(), now())`,
        [projectId, status],
      );
    await insert('resolved');
    await insert('resolved');
    await insert('open');
    await expect(insert('acknowledged')).rejects.toThrow(/ux_incidents_open_grouping_key/);
  });
});
