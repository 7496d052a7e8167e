/** Monitoring systems MOZAIC can connect to (pull) or receive from (push). */
export const SERVICE_TYPES = ['kubernetes', 'docker', 'cloudwatch', 'grafana', 'sentry'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Where a signal came from: a connected service or a push-only sender. */
export const SIGNAL_SOURCES = [...SERVICE_TYPES, 'alertmanager'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** Normalised severity, lowest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ACCOUNT_STATUSES = ['active', 'inactive', 'error'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Orders severities so that the highest can be picked with a plain comparison. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
