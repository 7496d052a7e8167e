import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- receivers' JSON, checked by each test
  at: number;
}

/** An answer to give instead of the receiver's own (a fault). */
export interface ScriptedAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** Hold the answer this long (a slow receiver). */
  delayMs?: number;
}

type Check = (r: Received) => string | null;

/**
 * What each receiver's API checks and answers, from their documentation: Slack answers `ok` or
 * 400 `invalid_payload`; PagerDuty Events v2 answers 202 {status, message, dedup_key} or 400 with
 * errors; Teams workflows answer 202; Opsgenie answers 202 {result, took, requestId} and wants a
 * GenieKey; a generic webhook answers 200.
 */
const CHECKS: Array<{ prefix: string; check: Check; ok: (r: Received) => ScriptedAnswer }> = [
  {
    prefix: '/slack/',
    check: (r) =>
      typeof r.body?.text === 'string' &&
      Array.isArray(r.body.blocks) &&
      r.body.blocks.every((b: any) => typeof b.type === 'string') // eslint-disable-line @typescript-eslint/no-explicit-any
        ? null
        : 'invalid_payload',
    ok: () => ({ status: 200, body: 'ok', headers: { 'Content-Type': 'text/html' } }),
  },
  {
    prefix: '/pagerduty/',
    check: (r) => {
      const b = r.body;
      if (!b || typeof b.routing_key !== 'string' || !/^[A-Za-z0-9]{32}$/.test(b.routing_key))
        return 'Invalid routing key';
      if (!['trigger', 'acknowledge', 'resolve'].includes(b.event_action)) return 'Invalid event_action';
      if (b.event_action !== 'trigger') return typeof b.dedup_key === 'string' ? null : 'dedup_key is required';
      const p = b.payload;
      if (!p || typeof p.summary !== 'string' || !p.summary || p.summary.length > 1024)
        return "'payload.summary' is missing or blank";
      if (typeof p.source !== 'string' || !p.source) return "'payload.source' is missing or blank";
      if (!['critical', 'error', 'warning', 'info'].includes(p.severity)) return "'payload.severity' is invalid";
      return null;
    },
    ok: (r) => ({
      status: 202,
      body: JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: r.body.dedup_key }),
      headers: { 'Content-Type': 'application/json' },
    }),
  },
  {
    prefix: '/teams/',
    check: (r) => {
      const a = r.body?.attachments?.[0];
      return r.body?.type === 'message' &&
        a?.contentType === 'application/vnd.microsoft.card.adaptive' &&
        a.content?.type === 'AdaptiveCard' &&
        Array.isArray(a.content.body)
        ? null
        : 'Invalid Adaptive Card';
    },
    ok: () => ({ status: 202, body: '' }),
  },
  {
    prefix: '/opsgenie/',
    check: (r) => {
      if (!/^GenieKey [A-Za-z0-9-]+$/.test(String(r.headers['authorization'] ?? ''))) return 'Could not authenticate';
      if (r.path.endsWith('/v2/alerts') && (typeof r.body?.message !== 'string' || r.body.message.length > 130))
        return 'Message can not be empty or longer than 130 characters';
      return null;
    },
    ok: () => ({
      status: 202,
      body: JSON.stringify({
        result: 'Request will be processed',
        took: 0.01,
        requestId: '43a29c5c-3dbf-4fa4-9c26-f4f71023e120',
      }),
      headers: { 'Content-Type': 'application/json' },
    }),
  },
  { prefix: '/hook/', check: () => null, ok: () => ({ status: 200, body: 'thanks' }) },
];

/** One local HTTP server playing every receiver, recording what it got; faults are scripted per path prefix. */
export class Receivers {
  /** Requests answered as the receiver would (faults excluded). */
  readonly received: Received[] = [];
  /** Every request as it arrived, before any answer (a send cut short still shows here). */
  readonly arrived: Received[] = [];
  private readonly script = new Map<string, ScriptedAnswer[]>();
  private server: Server | null = null;
  private readonly holds = new Set<NodeJS.Timeout>();
  port = 0;

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => (this.server as Server).listen(port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening (the receiver is down) — start(port) brings it back on the same port. */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const h of this.holds) clearTimeout(h);
    this.holds.clear();
    if (!s) return;
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }

  /** The next answers for paths starting with `prefix`, before the receiver's own. */
  fail(prefix: string, ...answers: ScriptedAnswer[]): void {
    this.script.set(prefix, [...(this.script.get(prefix) ?? []), ...answers]);
  }

  at(prefix: string): Received[] {
    return this.received.filter((r) => r.path.startsWith(prefix));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    const path = req.url ?? '/';
    const r: Received = { path, headers: req.headers, raw, body, at: Date.now() };
    this.arrived.push(r);
    const prefix = [...this.script.keys()].find((p) => path.startsWith(p));
    const scripted = prefix ? this.script.get(prefix)?.shift() : undefined;
    let answer: ScriptedAnswer;
    if (scripted) {
      answer = scripted;
    } else {
      const kind = CHECKS.find((c) => path.startsWith(c.prefix));
      const problem = kind ? kind.check(r) : 'no such receiver';
      answer = problem ? { status: 400, body: problem } : (kind as (typeof CHECKS)[number]).ok(r);
      if (!problem) this.received.push(r);
    }
    if (answer.delayMs)
      await new Promise<void>((x) => {
        const h = setTimeout(() => {
          this.holds.delete(h);
          x();
        }, answer.delayMs);
        this.holds.add(h);
      });
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  }
}

/** A mail a real SMTP server (smtp-server) accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP server for nodemailer to talk to (no TLS, no auth: a local relay). */
export async function startSmtp(): Promise<{ port: number; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const parts: Buffer[] = [];
      stream.on('data', (d: Buffer) => parts.push(d));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(parts).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}
