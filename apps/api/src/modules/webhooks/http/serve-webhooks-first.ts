import { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { WebhookHttpAdapter } from './webhook-http-adapter.service';
import { matchWebhookRoute } from './webhook-route';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Puts the lean webhook adapter in front of Express on the app's HTTP server: webhook deliveries
 * are answered by it, every other request goes to Express as before.
 */
export function serveWebhooksFirst(app: INestApplication, securityHeaders: Middleware): void {
  const adapter = app.get(WebhookHttpAdapter);
  adapter.useHeaders(headersSetBy(securityHeaders));
  const server = app.getHttpServer() as Server;
  const rest = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const route = matchWebhookRoute(req);
    if (route) adapter.handle(req, res, route);
    else for (const l of rest) l(req, res);
  });
}

/** The (static) headers a middleware such as helmet() sets, collected once. */
function headersSetBy(middleware: Middleware): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const res = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name] = value;
      return res;
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
    getHeader: (name: string) => headers[name],
  };
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}
