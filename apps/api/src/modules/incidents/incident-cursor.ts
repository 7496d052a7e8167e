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

export function decodeCursor(raw: string): IncidentCursor {
  const [timestamp, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!timestamp || !id || !isUuid(id) || Number.isNaN(Date.parse(timestamp))) {
    throw new InvalidInputError('cursor is not a valid page cursor');
  }
  return { timestamp, id };
}
