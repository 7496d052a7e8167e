import { SignalSource } from '@mozaic/contracts';
import { AlertState, IncidentState } from './model';

const SOURCE_NAMES: Record<SignalSource, string> = {
  kubernetes: 'Kubernetes',
  docker: 'Docker',
  cloudwatch: 'CloudWatch',
  grafana: 'Grafana',
  alertmanager: 'Alertmanager',
  sentry: 'Sentry',
};

/** What the incident is about: its service, else its host, else the first member's label. */
export function incidentSubject(incident: IncidentState, members: AlertState[]): string {
  const key = incident.groupingKey;
  const m = /^(?:service|host):([^|]+)/.exec(key);
  if (m) return m[1];
  return members[0]?.label ?? 'incident';
}

/**
 * A title a person can read: "checkout: CrashLoopBackOff + 5xx alarm + 143 Sentry errors".
 * Sentry members are counted (events), others listed by label, sources in order of appearance.
 */
export function incidentTitle(incident: IncidentState, members: AlertState[]): string {
  const ordered = [...members].sort(
    (a, b) => a.firstSeen - b.firstSeen || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );
  const parts: string[] = [];
  const bySource = new Map<SignalSource, AlertState[]>();
  for (const a of ordered) {
    const list = bySource.get(a.source) ?? [];
    list.push(a);
    bySource.set(a.source, list);
  }
  for (const [source, alerts] of bySource) {
    if (source === 'sentry') {
      const n = alerts.reduce((sum, a) => sum + a.count, 0);
      parts.push(`${n} ${SOURCE_NAMES.sentry} error${n === 1 ? '' : 's'}`);
      continue;
    }
    const labels = [...new Set(alerts.map((a) => a.label))];
    parts.push(...labels.slice(0, 3));
    if (labels.length > 3) parts.push(`${labels.length - 3} more ${SOURCE_NAMES[source]} alerts`);
  }
  return `${incidentSubject(incident, ordered)}: ${parts.join(' + ')}`.slice(0, 500);
}
