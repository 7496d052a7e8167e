import { Severity } from '@mozaic/contracts';
import { headline, cut } from './wording';
import { json, Renderer } from './message';

const PRIORITY: Record<Severity, string> = { low: 'P5', medium: 'P3', high: 'P2', critical: 'P1' };

/**
 * Opsgenie Alert API v2, by alias = the incident id: opened, updated and reopened create (Opsgenie
 * de-duplicates an open alert of the same alias), acknowledged and resolved acknowledge and close it.
 */
export const opsgenieMessage: Renderer = (b, settings, secrets) => {
  const i = b.incident;
  const base = String(settings['url']);
  const auth = { Authorization: `GenieKey ${secrets['api_key']}` };
  const alias = encodeURIComponent(i.id);
  if (b.type === 'incident.acknowledged' || b.type === 'incident.resolved') {
    const verb = b.type === 'incident.acknowledged' ? 'acknowledge' : 'close';
    return json(
      `${base}/v2/alerts/${alias}/${verb}?identifierType=alias`,
      { source: 'MOZAIC', note: `${headline(b)} in MOZAIC: ${i.url}` },
      auth,
    );
  }
  return json(
    `${base}/v2/alerts`,
    {
      message: cut(i.title, 130),
      alias: i.id,
      description: cut([headline(b), ...i.why.map((w) => `Why grouped: ${w}`), i.url].join('\n'), 15000),
      priority: PRIORITY[i.severity],
      source: 'MOZAIC',
      entity: cut(i.services[0] ?? i.hosts[0] ?? '', 512) || undefined,
      tags: [...i.sources, ...i.services.map((s) => `service:${s}`)].slice(0, 20).map((t) => cut(t, 50)),
      details: {
        status: i.status,
        alerts: String(i.alert_count),
        services: i.services.join(', '),
        namespaces: i.namespaces.join(', '),
        url: i.url,
      },
    },
    auth,
  );
};
