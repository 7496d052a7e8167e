import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A request as the fake API saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** JSON (objects, arrays) or raw text/bytes. */
  body?: unknown;
  /** Wait this long before answering (latency, timeouts). */
  delayMs?: number;
}

export type FakeRoute = (req: SeenRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * A local HTTP server speaking a vendor's API for tests: a handler answers each request (from the
 * shared fixtures), every request is recorded, and the handler can be swapped mid-test.
 */
export class FakeApi {
  readonly requests: SeenRequest[] = [];
  private constructor(
    private readonly server: Server,
    public handler: FakeRoute,
  ) {}

  static async start(handler: FakeRoute): Promise<FakeApi> {
    const holder: { api?: FakeApi } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen: SeenRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://fake'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        holder.api?.requests.push(seen);
        void Promise.resolve(holder.api?.handler(seen) ?? { status: 500 })
          .then(async (a) => {
            if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
            if (res.destroyed) return;
            const raw = typeof a.body === 'string' || Buffer.isBuffer(a.body);
            res.writeHead(a.status ?? 200, {
              'Content-Type': raw ? 'text/plain' : 'application/json',
              ...a.headers,
            });
            res.end(a.body === undefined ? undefined : raw ? (a.body as string | Buffer) : JSON.stringify(a.body));
          })
          .catch(() => {
            res.writeHead(500);
            res.end();
          });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    holder.api = new FakeApi(server, handler);
    return holder.api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
