import { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsRegistry } from './metrics-registry.service';

/** Counts and times every request Express answers, by route template (never a concrete path). */
export function httpMetrics(metrics: MetricsRegistry): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const template = (req.route as { path?: string } | undefined)?.path;
      const route = template ? `${req.baseUrl}${template}` : 'unmatched';
      const labels = { method: req.method, route };
      metrics.httpRequests.inc({ ...labels, status: String(res.statusCode) });
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
