import { looksLikePod, normalizeSeverity } from '@mozaic/correlation';
import { EntityLabels, Signal } from '@mozaic/contracts';
import { arr, at, clip, isoTime, Json, num, obj, str } from '../json/read';
import { clean } from '../labels';

/** Sentry event tags come as [[key, value], …] or [{key, value}, …]. */
export function sentryTags(event: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of arr(event, 'tags')) {
    const k = str(t, 0) ?? str(t, 'key');
    const v = str(t, 1) ?? str(t, 'value');
    if (k && v) out[k] = v;
  }
  return out;
}

/**
 * Sentry's tags → entities. A `service` (or `app`) tag names the service; `server_name` is a pod
 * name on Kubernetes (its workload is the service) and a host elsewhere. The project slug is weak
 * evidence — one project often serves several services — kept as `project`, used only when
 * nothing else names the service, and overridden when a later event's tags do.
 */
export function sentryEntities(
  project: string | undefined,
  t: Record<string, string>,
  environment?: string,
): EntityLabels {
  const server = t['server_name'];
  const pod = server && looksLikePod(server) ? server : undefined;
  return clean({
    service: t['service'] ?? t['app'] ?? t['service.name'],
    pod,
    host: pod ? undefined : server,
    project,
    environment: environment ?? t['environment'],
    release: t['release'],
  });
}

const ISSUE_RESOLVED = new Set(['resolved', 'ignored', 'archived']);

/**
 * Sentry integration-platform webhooks (resource in the Sentry-Hook-Resource header) and the
 * legacy webhooks plugin. Issues and their event alerts share one alert (keyed by the issue id);
 * metric alerts are keyed by the incident id Sentry gives them.
 */
export function mapSentry(projectId: string, resource: string | undefined, payload: Json): Signal[] {
  const action = str(payload, 'action');
  if (resource === 'issue') {
    const issue = obj(payload, 'data', 'issue');
    const id = str(issue, 'id');
    const occurredAt = isoTime(str(issue, 'lastSeen')) ?? isoTime(str(issue, 'firstSeen'));
    if (!issue || !id || !occurredAt) return [];
    const title = str(issue, 'title') ?? 'Sentry issue';
    const resolved =
      ISSUE_RESOLVED.has(action ?? '') || (action !== 'unresolved' && ISSUE_RESOLVED.has(str(issue, 'status') ?? ''));
    return [
      {
        projectId,
        source: 'sentry',
        sourceRef: clip(`issue:${id}`, 200),
        occurredAt,
        severity: normalizeSeverity('sentry', str(issue, 'level') ?? 'error'),
        status: resolved ? 'resolved' : 'firing',
        title: clip(title, 500),
        label: clip(str(issue, 'shortId') ?? title, 100),
        kind: 'error',
        message: clip(`${title}${str(issue, 'culprit') ? ` in ${str(issue, 'culprit')}` : ''}`, 4000),
        entities: sentryEntities(str(issue, 'project', 'slug'), {}),
        link: str(issue, 'permalink') ?? str(issue, 'web_url') ?? null,
        raw: payload,
      },
    ];
  }
  if (resource === 'event_alert' || resource === 'error') {
    const event = obj(payload, 'data', 'event') ?? obj(payload, 'data', 'error');
    const issueId = str(event, 'issue_id') ?? str(event, 'groupID');
    const occurredAt = isoTime(str(event, 'datetime')) ?? isoTime(num(event, 'timestamp'));
    if (!event || !occurredAt) return [];
    const title = str(event, 'title') ?? str(event, 'message') ?? 'Sentry event';
    const project = str(event, 'url')?.match(/\/projects\/[^/]+\/([^/]+)\//)?.[1];
    return [
      {
        projectId,
        source: 'sentry',
        sourceRef: clip(issueId ? `issue:${issueId}` : `event:${str(event, 'event_id') ?? title}`, 200),
        occurredAt,
        severity: normalizeSeverity('sentry', str(event, 'level') ?? 'error'),
        status: 'firing',
        title: clip(title, 500),
        label: clip(title, 100),
        kind: 'error',
        message: clip(
          str(event, 'message') || `${title}${str(event, 'culprit') ? ` in ${str(event, 'culprit')}` : ''}`,
          4000,
        ),
        entities: sentryEntities(project, sentryTags(event), str(event, 'environment')),
        link: str(event, 'web_url') ?? null,
        raw: payload,
      },
    ];
  }
  if (resource === 'metric_alert') {
    const ma = obj(payload, 'data', 'metric_alert');
    const id = str(ma, 'id');
    const resolved = action === 'resolved';
    const occurredAt =
      (resolved ? isoTime(str(ma, 'date_closed')) : undefined) ??
      isoTime(str(ma, 'date_detected')) ??
      isoTime(str(ma, 'date_started'));
    if (!ma || !id || !occurredAt) return [];
    const rule = str(ma, 'alert_rule', 'name') ?? str(ma, 'title') ?? 'metric alert';
    const level = action === 'critical' ? 'critical' : action === 'warning' ? 'warning' : num(ma, 'status');
    return [
      {
        projectId,
        source: 'sentry',
        sourceRef: clip(`metric:${id}`, 200),
        occurredAt,
        severity: resolved ? 'low' : normalizeSeverity('sentry', level ?? 'warning'),
        status: resolved ? 'resolved' : 'firing',
        title: clip(str(payload, 'data', 'description_title') ?? rule, 500),
        label: clip(rule, 100),
        kind: 'alert',
        message: clip(str(payload, 'data', 'description_text') ?? rule, 4000),
        entities: sentryEntities(
          str(ma, 'alert_rule', 'projects', 0) ?? str(ma, 'projects', 0),
          {},
          str(ma, 'alert_rule', 'environment'),
        ),
        link: str(payload, 'data', 'web_url') ?? null,
        raw: payload,
      },
    ];
  }
  // The legacy WebHooks plugin: no resource header, a top-level group id and an event.
  if (!resource && str(payload, 'id') && at(payload, 'event') !== undefined) {
    const event = obj(payload, 'event') ?? {};
    const occurredAt =
      isoTime(num(event, 'timestamp') ?? str(event, 'timestamp')) ??
      isoTime(str(event, 'datetime')) ??
      isoTime(num(event, 'received'));
    if (!occurredAt) return [];
    const title = str(payload, 'message') ?? str(event, 'title') ?? 'Sentry event';
    return [
      {
        projectId,
        source: 'sentry',
        sourceRef: clip(`issue:${str(payload, 'id') as string}`, 200),
        occurredAt,
        severity: normalizeSeverity('sentry', str(payload, 'level') ?? 'error'),
        status: 'firing',
        title: clip(title, 500),
        label: clip(title, 100),
        kind: 'error',
        message: clip(`${title}${str(payload, 'culprit') ? ` in ${str(payload, 'culprit')}` : ''}`, 4000),
        entities: sentryEntities(
          str(payload, 'project_slug') ?? str(payload, 'project'),
          sentryTags(event),
          str(event, 'environment'),
        ),
        link: str(payload, 'url') ?? null,
        raw: payload,
      },
    ];
  }
  return [];
}
