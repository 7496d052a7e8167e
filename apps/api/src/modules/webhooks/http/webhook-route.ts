import { IncomingMessage } from 'node:http';
import { WEBHOOK_SOURCES, WebhookSource } from '../webhook-settings.service';

/** `POST /webhooks/{source}/{project_id}[?query]` taken apart. */
export interface WebhookRoute {
  source: WebhookSource;
  projectId: string;
  query: string;
}

const PATH = /^\/webhooks\/([a-z]+)\/([^/?#]+)\/?$/;

/**
 * The webhook deliveries the lean adapter answers itself: POSTs to a known source with a plain body.
 * Anything else (another method, an unknown source, a compressed body) goes on to Express, which
 * answers it through the documented controller and its error handling.
 */
export function matchWebhookRoute(req: IncomingMessage): WebhookRoute | null {
  if (req.method !== 'POST') return null;
  const url = req.url ?? '';
  if (!url.startsWith('/webhooks/')) return null;
  const q = url.indexOf('?');
  const m = PATH.exec(q < 0 ? url : url.slice(0, q));
  if (!m || !WEBHOOK_SOURCES.includes(m[1] as WebhookSource)) return null;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return null;
  return { source: m[1] as WebhookSource, projectId: m[2], query: q < 0 ? '' : url.slice(q + 1) };
}

/** "512kb", "1mb", "300b" (BODY_LIMIT's validated forms) in bytes. */
export function parseByteLimit(limit: string): number {
  const m = /^(\d+)(b|kb|mb)$/i.exec(limit.trim());
  if (!m) throw new Error(`not a byte size: ${limit}`);
  const unit = m[2].toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/** The route template webhook deliveries are counted under in the HTTP metrics. */
export const WEBHOOK_ROUTE_TEMPLATE = '/webhooks/:source/:project_id';
