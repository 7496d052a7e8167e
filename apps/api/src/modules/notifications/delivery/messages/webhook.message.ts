import { createHmac } from 'node:crypto';
import { json, Renderer } from './message';

/** `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` (Stripe's scheme: the timestamp is signed, so a replay shows). */
export function signature(secret: string, body: string, t: number): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** The generic webhook: the documented NotificationBody as JSON, signed with the channel's secret. */
export const webhookMessage: Renderer = (b, _settings, secrets, nowS) => {
  const msg = json(secrets['url'], b, {
    'User-Agent': 'MOZAIC-Notifications/1',
    'X-Mozaic-Event': b.type,
    'X-Mozaic-Delivery': b.id,
  });
  msg.headers['X-Mozaic-Signature'] = signature(secrets['signing_secret'], msg.body, nowS);
  return msg;
};
