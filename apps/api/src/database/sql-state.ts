/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a PostgreSQL error, raised by pg itself or wrapped by TypeORM (QueryFailedError). */
export function sqlState(e: unknown): string | undefined {
  const own = (e as { code?: unknown } | null)?.code;
  const wrapped = (e as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  const code = typeof wrapped === 'string' ? wrapped : own;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Connection-level failures: the database is away or not answering (not a fault of the request). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE']);
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '08000', '08003', '08006']);
const UNAVAILABLE_TEXT =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout/i;

/** Whether an error means the database cannot be reached right now (answered 503 with Retry-After). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const state = sqlState(e);
  if (state) return UNAVAILABLE_STATES.has(state);
  const code =
    (e as { code?: unknown } | null)?.code ?? (e as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && UNAVAILABLE_TEXT.test(message);
}
