import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/** Any constant: serialises migrations between processes that start at once. */
const MIGRATION_LOCK = 724_011;

/** Applies pending migrations under a PostgreSQL advisory lock; returns the names applied. */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource({
    ...typeormOptions(databaseUrl),
    extra: { max: 1 },
  });
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await ds.destroy();
  }
}
