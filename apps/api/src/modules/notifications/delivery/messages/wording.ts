import { NotificationBody, Severity } from '@mozaic/contracts';

/** What happened, in a few words: "Opened", "Severity raised to high", "3 more alerts", … */
export function headline(b: NotificationBody): string {
  switch (b.type) {
    case 'incident.opened':
      return 'Opened';
    case 'incident.acknowledged':
      return 'Acknowledged';
    case 'incident.resolved':
      return 'Resolved';
    case 'incident.reopened':
      return 'Reopened';
    case 'incident.updated':
      return b.change === 'severity_raised'
        ? `Severity raised from ${b.previous_severity ?? '?'} to ${b.incident.severity}`
        : `Now ${b.incident.alert_count} alerts`;
  }
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** One line per fact, for text bodies and fact lists: label → value (only facts that are known). */
export function facts(b: NotificationBody): Array<[string, string]> {
  const i = b.incident;
  const out: Array<[string, string]> = [
    ['Severity', SEVERITY_LABEL[i.severity]],
    ['Status', i.status],
    ['Alerts', `${i.alert_count} (${i.signal_count} signals)`],
    ['Sources', i.sources.join(', ')],
  ];
  if (i.services.length) out.push(['Services', i.services.slice(0, 5).join(', ')]);
  if (i.namespaces.length) out.push(['Namespaces', i.namespaces.slice(0, 5).join(', ')]);
  if (i.hosts.length) out.push(['Hosts', i.hosts.slice(0, 5).join(', ')]);
  out.push(['Started', i.started_at]);
  return out;
}

export const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
