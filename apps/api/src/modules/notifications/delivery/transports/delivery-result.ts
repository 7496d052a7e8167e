/** How one attempt ended: delivered, worth another try (when, if the receiver said), or never. */
export interface DeliveryResult {
  outcome: 'sent' | 'retry' | 'failed';
  /** The receiver's HTTP status (or SMTP reply code); null when it was not reached. */
  status: number | null;
  /** What the receiver answered (cut to 500 characters), or why it was not reached. */
  answer: string;
  /** The receiver's Retry-After, in ms. */
  retryAfterMs?: number;
  durationMs: number;
}

export const MAX_ANSWER = 500;

export const cutAnswer = (s: string) => (s.length <= MAX_ANSWER ? s : `${s.slice(0, MAX_ANSWER - 1)}…`);

/** Retry-After in seconds or as an HTTP date, in ms from now. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/**
 * An HTTP answer's outcome: 2xx delivered; 429, 408 and 5xx transient; a redirect (never followed)
 * and any other 4xx permanent — the request will not get better by sending it again.
 */
export function httpOutcome(status: number): DeliveryResult['outcome'] {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 429 || status === 408 || status >= 500) return 'retry';
  return 'failed';
}
