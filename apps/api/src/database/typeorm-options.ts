import { DataSourceOptions } from 'typeorm';
// migrations/ sits at the workspace top level by design (DESIGN.md), outside any Nx project.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../../migrations';
import { ENTITIES } from './entities';

/** Every migration of this build (the readiness check compares them with the database's). */
export { MIGRATIONS };

/**
 * For the serving app (not migrations, which may run long): a frozen or unreachable server must not
 * hang requests, so connecting, statements and reads time out (503 with Retry-After in the filter).
 */
export const SERVING_TIMEOUTS = { connectionTimeoutMillis: 5_000, statement_timeout: 10_000, query_timeout: 12_000 };

/** One definition of the connection, shared by the app, the migration runner and the TypeORM CLI. */
export function typeormOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'mozaic' },
  };
}
