import { InvalidInputError, PayloadTooLargeError } from '../../../common/errors';
import { jsonBreach } from '../../../common/json/walk';

/**
 * What one webhook delivery may hold, checked before it is stored and acknowledged, so a delivery
 * that could never be processed is refused with the limit named instead of failing later in the
 * worker (and holding up other deliveries).
 */
export const PAYLOAD_LIMITS = {
  /** Levels of nesting: real payloads stay under 15 (Sentry events with stack frames). */
  depth: 64,
  /** Characters in any one string (a message, a stack trace, an annotation). */
  stringLength: 256 * 1024,
} as const;

/** Checks depth and string sizes of a parsed payload. */
export function checkPayloadLimits(body: unknown): void {
  const breach = jsonBreach(body, { maxDepth: PAYLOAD_LIMITS.depth, maxStringLength: PAYLOAD_LIMITS.stringLength });
  if (breach?.rule === 'depth')
    throw new InvalidInputError(`The payload is nested deeper than ${PAYLOAD_LIMITS.depth} levels`);
  if (breach)
    throw new PayloadTooLargeError(`A string in the payload is longer than ${PAYLOAD_LIMITS.stringLength} characters`);
}

/** At most `max` alerts in one Alertmanager or Grafana notification (WEBHOOK_MAX_ALERTS). */
export function checkAlertCount(alerts: unknown[], max: number): void {
  if (alerts.length > max)
    throw new PayloadTooLargeError(
      `The notification carries ${alerts.length} alerts; at most ${max} are accepted in one delivery (lower max_alerts or group more finely)`,
    );
}
