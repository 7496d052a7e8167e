import { InvalidInputError } from '../../common/errors';
import { isUuid } from '../../common/ids/uuid';

/** Position after the last incident of a page, in (timestamp desc, id desc) order. */
export interface IncidentCursor {
  timestamp: string;
  id: string;
}

export function encodeCursor(c: IncidentCursor): string {
  return Buffer.from(`${c.timestamp}|${c.id}`, 'utf8').toString('base64url');
}

const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00Z');

export function decodeCursor(raw: string): IncidentCursor {
  const [timestamp, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const at = Date.parse(timestamp ?? '');
  // Years 0001..9999 only: PostgreSQL's timestamptz cannot hold all that Date can (year -200000).
  if (!timestamp || !id || !isUuid(id) || !(at >= YEAR_1) || !(at < YEAR_10000)) {
    throw new InvalidInputError('cursor is not a valid page cursor');
  }
  return { timestamp, id };
}
