import { Severity, severityRank, SignalSource } from '@mozaic/contracts';

/** The highest of the given severities ('low' for none). */
export function maxSeverity(severities: Iterable<Severity>): Severity {
  let best: Severity = 'low';
  for (const s of severities) if (severityRank(s) > severityRank(best)) best = s;
  return best;
}

export function atLeast(s: Severity, floor: Severity): Severity {
  return severityRank(s) >= severityRank(floor) ? s : floor;
}

const COMMON: Record<string, Severity> = {
  fatal: 'critical',
  critical: 'critical',
  crit: 'critical',
  emergency: 'critical',
  emerg: 'critical',
  page: 'critical',
  p1: 'critical',
  disaster: 'critical',
  alert: 'critical',
  error: 'high',
  err: 'high',
  high: 'high',
  major: 'high',
  p2: 'high',
  alarm: 'high',
  warning: 'medium',
  warn: 'medium',
  medium: 'medium',
  minor: 'medium',
  p3: 'medium',
  average: 'medium',
  insufficient_data: 'medium',
  info: 'low',
  informational: 'low',
  notice: 'low',
  low: 'low',
  debug: 'low',
  trace: 'low',
  ok: 'low',
  none: 'low',
  p4: 'low',
  p5: 'low',
};

/**
 * Sentry's event levels describe one exception, not the outage: an `error` is any exception
 * (medium), `fatal` a crash (high). Metric alerts say critical or warning.
 */
const SENTRY: Record<string, Severity> = {
  fatal: 'high',
  critical: 'critical',
  error: 'medium',
  warning: 'medium',
  info: 'low',
  debug: 'low',
};

/**
 * One source's level name in MOZAIC's four severities. Unknown levels are 'medium' for sources
 * that only speak up when something is wrong, 'low' otherwise.
 */
export function normalizeSeverity(source: SignalSource, level: string | number | null | undefined): Severity {
  if (typeof level === 'number') {
    // Sentry metric alert status: 20 critical, 10 warning, 1 open, 2 closed.
    if (source === 'sentry') return level >= 20 ? 'critical' : level >= 10 ? 'medium' : 'low';
    return level >= 4 ? 'critical' : level === 3 ? 'high' : level === 2 ? 'medium' : 'low';
  }
  const key = (level ?? '').toString().trim().toLowerCase();
  if (source === 'sentry' && key in SENTRY) return SENTRY[key];
  if (key in COMMON) return COMMON[key];
  if (source === 'kubernetes' && key === 'normal') return 'low';
  return source === 'sentry' || source === 'cloudwatch' || source === 'alertmanager' || source === 'grafana'
    ? 'medium'
    : 'low';
}
