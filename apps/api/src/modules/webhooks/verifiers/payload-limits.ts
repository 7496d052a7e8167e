import { InvalidInputError, PayloadTooLargeError } from '../../../common/errors';

/**
 * What one webhook delivery may hold, checked before it is stored and acknowledged, so a delivery
 * that could never be processed is refused with the limit named instead of failing later in the
 * worker (and holding up other deliveries).
 */
export const PAYLOAD_LIMITS = {
  /** Levels of nesting: real payloads stay under 15 (Sentry events with stack frames). */
  depth: 64,
  /** Alerts in one Alertmanager or Grafana notification. */
  alerts: 1_000,
  /** Characters in any one string (a message, a stack trace, an annotation). */
  stringLength: 256 * 1024,
} as const;

/** Checks depth and string sizes of a parsed payload without recursion (a deep body cannot overflow the stack). */
export function checkPayloadLimits(body: unknown): void {
  const stack: Array<[unknown, number]> = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string') {
      if (v.length > PAYLOAD_LIMITS.stringLength)
        throw new PayloadTooLargeError(`A string in the payload is longer than ${PAYLOAD_LIMITS.stringLength} characters`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= PAYLOAD_LIMITS.depth)
      throw new InvalidInputError(`The payload is nested deeper than ${PAYLOAD_LIMITS.depth} levels`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}

/** At most PAYLOAD_LIMITS.alerts alerts in one notification. */
export function checkAlertCount(alerts: unknown[]): void {
  if (alerts.length > PAYLOAD_LIMITS.alerts)
    throw new PayloadTooLargeError(
      `The notification carries ${alerts.length} alerts; at most ${PAYLOAD_LIMITS.alerts} are accepted in one delivery (lower max_alerts or group more finely)`,
    );
}
