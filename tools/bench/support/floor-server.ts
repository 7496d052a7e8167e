/**
 * The floor bench:ingest measures MOZAIC against, in the same run on the same machine: a bare
 * `node:http` server that stores each request's body in PostgreSQL by group commit (what arrived
 * while one INSERT was in flight goes out in the next, at most every 2 ms) and answers 202 once its
 * row is committed — no verification, no queue, no framework. Run as a child process:
 * `node -r tools/scripts/ts-register.cjs tools/bench/support/floor-server.ts <port> <databaseUrl>`.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Client } from 'pg';

const [port, databaseUrl] = process.argv.slice(2);

interface Waiting {
  body: Buffer;
  res: ServerResponse;
}

async function main(): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(
    'CREATE TABLE IF NOT EXISTS floor_events (id bigserial PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT now(), body bytea NOT NULL)',
  );
  let queue: Waiting[] = [];
  let inFlight = false;
  const flush = async () => {
    if (inFlight || queue.length === 0) return;
    inFlight = true;
    const batch = queue;
    queue = [];
    try {
      await db.query('INSERT INTO floor_events (body) SELECT unnest($1::bytea[])', [batch.map((w) => w.body)]);
      for (const w of batch) w.res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    } catch {
      for (const w of batch) w.res.writeHead(503).end();
    } finally {
      inFlight = false;
    }
  };
  setInterval(() => void flush(), 2);
  createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => queue.push({ body: Buffer.concat(chunks), res }));
  }).listen(Number(port), '127.0.0.1', () => console.log(`floor listening on ${port}`));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
