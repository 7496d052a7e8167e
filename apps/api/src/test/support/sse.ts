import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp } from '../test-app';

export interface SseEvent {
  event: string;
  data: string;
}

/** Opens an SSE stream on the test app; collects events until `until` says enough or time runs out. */
export async function openStream(t: TestApp, path: string, headers: Record<string, string>) {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const events: SseEvent[] = [];
  let status = 0;
  let buffer = '';
  let ended = false;
  const req = request({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } });
  const opened = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('end', () => (ended = true));
      res.on('close', () => (ended = true));
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) events.push({ event, data });
        }
      });
      resolve(status);
    });
    req.on('error', reject);
  });
  req.end();
  return {
    status: await opened,
    events,
    async waitFor(pred: (e: SseEvent) => boolean, ms = 15_000): Promise<SseEvent> {
      const end = Date.now() + ms;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > end) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** Whether the server ended the stream. */
    get ended() {
      return ended;
    },
    close: () => req.destroy(),
  };
}
