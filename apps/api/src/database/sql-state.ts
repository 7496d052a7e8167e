/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a PostgreSQL error, raised by pg itself or wrapped by TypeORM (QueryFailedError). */
export function sqlState(e: unknown): string | undefined {
  const own = (e as { code?: unknown } | null)?.code;
  const wrapped = (e as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  const code = typeof wrapped === 'string' ? wrapped : own;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
