import { createServer, Server } from 'node:http';
import { matchesDigest, sha256Hex } from '../common/crypto/digest';
import { MetricsRegistry } from './metrics-registry.service';

/**
 * /metrics on a port of its own (METRICS_PORT): a worker process has no HTTP API, and an operator
 * may keep metrics off the public port. Same format and token as the API's /metrics.
 */
export function startMetricsServer(metrics: MetricsRegistry, port: number, token: string | null): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const presented = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token && !matchesDigest(presented, sha256Hex(token))) {
      res.writeHead(401, { 'Content-Type': 'text/plain' }).end('A metrics token is required');
      return;
    }
    metrics.registry.metrics().then(
      (text) =>
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
