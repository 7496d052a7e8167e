import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './fixtures';
import { TestApp } from '../test-app';
import { withDb } from '../seed';

/** The exact bytes of a fixture file (signatures are over bytes). */
export function fixtureBytes(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

/**
 * Posts exact bytes to a webhook endpoint. Sent as a string: superagent would JSON-encode a Buffer
 * under a JSON content type (the fixtures are UTF-8, so the bytes stay the same).
 */
export function postWebhook(t: TestApp, path: string, body: Buffer | string, headers: Record<string, string>) {
  let req = t.http().post(path);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send(typeof body === 'string' ? body : body.toString('utf8'));
}

/** Waits until every delivery of the project is processed (or one failed); returns the rows. */
export async function waitForDeliveries(projectId: string, expected: number, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const rows = await withDb(
      async (c) =>
        (
          await c.query('SELECT id, status, last_error, signal_count FROM inbound_events WHERE project_id = $1', [
            projectId,
          ])
        ).rows as Array<{ id: string; status: string; last_error: string | null; signal_count: number }>,
    );
    const done = rows.filter((r) => r.status !== 'pending');
    if (rows.length >= expected && done.length === rows.length) return rows;
    if (Date.now() > end) throw new Error(`deliveries not processed in time: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
