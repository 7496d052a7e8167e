import { NotificationBody, Severity } from '@mozaic/contracts';
import { headline, cut } from './wording';
import { json, Renderer } from './message';

const PD_SEVERITY: Record<Severity, string> = { low: 'info', medium: 'warning', high: 'error', critical: 'critical' };

function action(b: NotificationBody): 'trigger' | 'acknowledge' | 'resolve' {
  if (b.type === 'incident.acknowledged') return 'acknowledge';
  if (b.type === 'incident.resolved') return 'resolve';
  return 'trigger';
}

/**
 * PagerDuty Events API v2. dedup_key = the incident id, so PagerDuty's incident follows MOZAIC's:
 * opened, updated and reopened trigger (an open one is updated), acknowledged and resolved follow.
 */
export const pagerDutyMessage: Renderer = (b, settings, secrets) => {
  const i = b.incident;
  const event_action = action(b);
  const base = { routing_key: secrets['routing_key'], event_action, dedup_key: i.id };
  if (event_action !== 'trigger') return json(String(settings['url']), base);
  return json(String(settings['url']), {
    ...base,
    payload: {
      summary: cut(i.title, 1024),
      source: i.services[0] ?? i.hosts[0] ?? (i.sources.join(',') || 'mozaic'),
      severity: PD_SEVERITY[i.severity],
      timestamp: i.started_at,
      component: i.services[0],
      group: i.namespaces[0],
      class: i.sources.join(','),
      custom_details: {
        change: headline(b),
        status: i.status,
        alerts: i.alert_count,
        signals: i.signal_count,
        services: i.services,
        namespaces: i.namespaces,
        hosts: i.hosts,
        why_grouped: i.why,
      },
    },
    client: 'MOZAIC',
    client_url: i.url,
    links: [{ href: i.url, text: 'Open in MOZAIC' }],
  });
};
