import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AuthenticationError, InvalidInputError, UnsupportedMediaTypeError } from '../../common/errors';
import { at, Json, parseSnsMessage, str } from '@mozaic/sources';
import { matchesAnyDigest, sha256Hex } from '../../common/crypto/digest';
import { hmacHex, sameHex } from './verifiers/hmac';
import { checkAlertCount, checkPayloadLimits } from './verifiers/payload-limits';
import { SnsVerifier } from './verifiers/sns-verifier.service';
import { WebhookSecrets, WebhookSource } from './webhook-settings.service';

/** A delivery as it came in: raw bytes, lower-cased headers, the query string. */
export interface Delivery {
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  contentType: string;
}

export interface Verified {
  dedupKey: string;
  kind: string | null;
}

/** Sentry-Hook-Timestamp older (or newer) than this is refused as a replay. */
const MAX_SKEW_S = 300;

function header(d: Delivery, name: string): string | undefined {
  const v = d.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The webhook token from "Authorization: Bearer", basic auth (the password) or ?token=. */
function presentedToken(d: Delivery): string | undefined {
  const auth = header(d, 'authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i >= 0 ? decoded.slice(i + 1) : decoded;
  }
  const q = d.query['token'];
  return typeof q === 'string' ? q : undefined;
}

function parseJson(d: Delivery): Json {
  if (d.raw.length === 0) throw new InvalidInputError('The body is empty');
  let body: Json;
  try {
    body = JSON.parse(d.raw.toString('utf8')) as Json;
  } catch {
    throw new InvalidInputError('The body is not valid JSON');
  }
  checkPayloadLimits(body);
  return body;
}

function requireObject(body: Json, what: string): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new InvalidInputError(`${what} must be a JSON object`);
}

/** Each source's proof of origin, and the key that makes a redelivery a duplicate. */
@Injectable()
export class WebhookVerifier {
  constructor(
    private readonly sns: SnsVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async verify(source: WebhookSource, d: Delivery, s: WebhookSecrets): Promise<Verified> {
    switch (source) {
      case 'sentry':
        return this.sentry(d, s);
      case 'cloudwatch':
        return this.cloudwatch(d, s);
      case 'alertmanager':
      case 'grafana':
        return this.alerting(source, d, s);
    }
  }

  private sentry(d: Delivery, s: WebhookSecrets): Verified {
    this.requireJsonType(d, ['application/json']);
    const signature = header(d, 'sentry-hook-signature');
    if (signature) {
      if (!s.sentrySecret) throw new AuthenticationError('No Sentry client secret is configured for this project');
      if (!sameHex(hmacHex(s.sentrySecret, d.raw), signature))
        throw new AuthenticationError('Invalid Sentry-Hook-Signature');
      const ts = Number(header(d, 'sentry-hook-timestamp'));
      if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > MAX_SKEW_S) {
        throw new AuthenticationError('Sentry-Hook-Timestamp is missing or stale');
      }
    } else if (!matchesAnyDigest(presentedToken(d), s.tokenHashes)) {
      // The legacy webhooks plugin cannot sign: it must carry the project's webhook token.
      throw new AuthenticationError('A Sentry-Hook-Signature (or the webhook token) is required');
    }
    requireObject(parseJson(d), 'The Sentry payload');
    const requestId = header(d, 'request-id');
    // A signed delivery is keyed by its body: the signature covers only the body, so a captured
    // delivery re-sent with a fresh timestamp and Request-ID is the same delivery, not a new one.
    return {
      dedupKey:
        !signature && requestId && /^[A-Za-z0-9-]{8,64}$/.test(requestId)
          ? `rid:${requestId}`
          : `sha:${sha256Hex(d.raw)}`,
      kind: header(d, 'sentry-hook-resource')?.slice(0, 40) ?? (signature ? null : 'legacy'),
    };
  }

  private async cloudwatch(d: Delivery, s: WebhookSecrets): Promise<Verified> {
    this.requireJsonType(d, ['text/plain', 'application/json']);
    const body = parseJson(d);
    requireObject(body, 'The notification');
    if (str(body, 'detail-type') !== undefined) {
      // EventBridge (API destination): authenticated by the webhook token.
      if (!matchesAnyDigest(presentedToken(d), s.tokenHashes))
        throw new AuthenticationError('The webhook token is required');
      if (str(body, 'detail-type') !== 'CloudWatch Alarm State Change')
        throw new InvalidInputError('Only "CloudWatch Alarm State Change" events are accepted');
      const id = str(body, 'id');
      return {
        dedupKey: id && /^[A-Za-z0-9-]{1,100}$/.test(id) ? `eb:${id}` : `sha:${sha256Hex(d.raw)}`,
        kind: 'EventBridge',
      };
    }
    const msg = parseSnsMessage(body);
    if (msg.Type === 'Notification' && /^\s*[{[]/.test(msg.Message)) {
      try {
        checkPayloadLimits(JSON.parse(msg.Message));
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e; // not JSON after all: the worker reads it as text
      }
    }
    await this.sns.verify(msg);
    if (!s.snsTopicArns.includes(msg.TopicArn)) {
      throw new AuthenticationError(`Topic ${msg.TopicArn} is not in this project's SNS allow-list`);
    }
    return {
      dedupKey: /^[A-Za-z0-9-]{1,100}$/.test(msg.MessageId) ? `sns:${msg.MessageId}` : `sha:${sha256Hex(d.raw)}`,
      kind: msg.Type,
    };
  }

  private alerting(source: 'alertmanager' | 'grafana', d: Delivery, s: WebhookSecrets): Verified {
    this.requireJsonType(d, ['application/json']);
    if (!matchesAnyDigest(presentedToken(d), s.tokenHashes))
      throw new AuthenticationError('A valid webhook token is required (Bearer or basic auth)');
    if (source === 'grafana' && s.grafanaSecret) {
      const signature = header(d, 'x-grafana-alerting-signature');
      const ts = header(d, 'x-grafana-alerting-timestamp');
      const expected = hmacHex(s.grafanaSecret, ts ? Buffer.concat([Buffer.from(`${ts}:`), d.raw]) : d.raw);
      if (!signature || !sameHex(expected, signature))
        throw new AuthenticationError('Invalid X-Grafana-Alerting-Signature');
    }
    const body = parseJson(d);
    requireObject(body, 'The payload');
    const alerts = at(body, 'alerts');
    if (!Array.isArray(alerts)) throw new InvalidInputError('alerts must be an array');
    checkAlertCount(alerts, this.config.webhookMaxAlerts);
    return {
      dedupKey: `sha:${sha256Hex(`${str(body, 'groupKey') ?? ''}\n`.concat(d.raw.toString('utf8')))}`,
      kind: str(body, 'status')?.slice(0, 40) ?? null,
    };
  }

  private requireJsonType(d: Delivery, allowed: string[]): void {
    const type = d.contentType.split(';')[0].trim().toLowerCase();
    if (!allowed.includes(type)) throw new UnsupportedMediaTypeError(`Content-Type must be ${allowed.join(' or ')}`);
  }
}
