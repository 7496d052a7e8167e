import { Client } from 'pg';

/** Direct SQL for tests that need rows no endpoint writes yet (incidents come from ingestion). */
export async function withDb<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface SeedIncident {
  title: string;
  severity?: string;
  status?: string;
  source?: string;
  /** Sources of the members (default: [source]); source is then "multiple" unless given. */
  sources?: string[];
  timestamp: Date;
}

/** Inserts incidents into a project; returns their ids in input order. */
export async function seedIncidents(projectId: string, incidents: SeedIncident[]): Promise<string[]> {
  return withDb(async (c) => {
    const ids: string[] = [];
    for (const [n, i] of incidents.entries()) {
      const r = await c.query<{ id: string }>(
        `INSERT INTO incidents (project_id, source, sources, severity, title, status, grouping_key, timestamp, last_seen)
         VALUES ($1, $2::varchar, $8::text[], $3, $4, $5, $6, $7, $7) RETURNING id`,
        [
          projectId,
          i.source ?? (i.sources && i.sources.length > 1 ? 'multiple' : (i.sources?.[0] ?? 'sentry')),
          i.severity ?? 'medium',
          i.title,
          i.status ?? 'open',
          `seed:${n}:${i.title}`,
          i.timestamp,
          i.sources ?? [i.source ?? 'sentry'],
        ],
      );
      ids.push(r.rows[0].id);
    }
    return ids;
  });
}
