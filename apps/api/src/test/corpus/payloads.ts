import { createHash } from 'node:crypto';
import { fixture } from '../support/fixtures';

/**
 * Webhook bodies in the senders' real shapes, each started from a real payload in tools/fixtures
 * and changed only where a story needs it (names, labels, times, states).
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON is edited freely
export type Labels = Record<string, string>;

const iso = (ms: number) => new Date(ms).toISOString();
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Alertmanager's fingerprint: a stable 16-hex hash of the label set. */
export function labelFingerprint(labels: Labels): string {
  const text = Object.keys(labels)
    .sort()
    .map((k) => `${k}\u00ff${labels[k]}`)
    .join('\u00ff');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export interface PromAlert {
  labels: Labels;
  annotations?: Record<string, string>;
  startsAt: number;
  /** Set for a resolved alert. */
  endsAt?: number;
}

function alertJson(a: PromAlert, generatorURL: string): Obj {
  return {
    status: a.endsAt !== undefined ? 'resolved' : 'firing',
    labels: a.labels,
    annotations: a.annotations ?? {},
    startsAt: iso(a.startsAt),
    endsAt: a.endsAt !== undefined ? iso(a.endsAt) : ZERO_TIME,
    generatorURL,
    fingerprint: labelFingerprint(a.labels),
  };
}

function common(alerts: PromAlert[], pick: (a: PromAlert) => Record<string, string>): Record<string, string> {
  const [first, ...rest] = alerts.map(pick);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(first ?? {})) if (rest.every((r) => r[k] === v)) out[k] = v;
  return out;
}

/** An Alertmanager webhook (version 4) notification for one alert group. */
export function alertmanagerNotification(
  receiver: string,
  groupBy: string[],
  alerts: PromAlert[],
  externalURL = 'http://alertmanager.monitoring:9093',
): Obj {
  const base = fixture<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
  const groupLabels: Labels = {};
  for (const k of groupBy) if (alerts[0]?.labels[k]) groupLabels[k] = alerts[0].labels[k];
  return {
    ...base,
    receiver,
    status: alerts.some((a) => a.endsAt === undefined) ? 'firing' : 'resolved',
    alerts: alerts.map((a) =>
      alertJson(a, `http://prometheus.monitoring:9090/graph?g0.expr=${encodeURIComponent(a.labels['alertname'])}`),
    ),
    groupLabels,
    commonLabels: common(alerts, (a) => a.labels),
    commonAnnotations: common(alerts, (a) => a.annotations ?? {}),
    externalURL,
    groupKey: `{}/{}:{${Object.entries(groupLabels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`,
    truncatedAlerts: 0,
  };
}

/** A Grafana-managed alerting webhook notification (Grafana adds org, folder, links and values). */
export function grafanaNotification(receiver: string, folder: string, alerts: PromAlert[]): Obj {
  const base = fixture<Obj>('grafana/grafana-webhook-firing.grafana-docs.json');
  const withFolder = alerts.map((a) => ({ ...a, labels: { ...a.labels, grafana_folder: folder } as Labels }));
  const firing = withFolder.filter((a) => a.endsAt === undefined).length;
  return {
    ...base,
    receiver,
    status: firing > 0 ? 'firing' : 'resolved',
    alerts: withFolder.map((a) => {
      const j = alertJson(a, `https://grafana.example.com/alerting/grafana/${labelFingerprint(a.labels)}/view`);
      const matchers = Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return {
        ...j,
        silenceURL: `https://grafana.example.com/alerting/silence/new?alertmanager=grafana&matchers=${encodeURIComponent(matchers)}`,
        dashboardURL: `https://grafana.example.com/d/${folder}-overview`,
        panelURL: `https://grafana.example.com/d/${folder}-overview?viewPanel=4`,
        values: { B: 97.5, C: 1 },
      };
    }),
    groupLabels: { grafana_folder: folder, alertname: withFolder[0]?.labels['alertname'] ?? '' },
    commonLabels: common(withFolder, (a) => a.labels),
    commonAnnotations: common(withFolder, (a) => a.annotations ?? {}),
    externalURL: 'https://grafana.example.com/',
    title: `[${firing > 0 ? `FIRING:${firing}` : 'RESOLVED'}] ${withFolder[0]?.labels['alertname'] ?? ''} (${folder})`,
    state: firing > 0 ? 'alerting' : 'ok',
  };
}

export interface SentryIssueSpec {
  id: string;
  project: string;
  title: string;
  culprit: string;
  level?: string;
}

/** A Sentry integration-platform `issue` webhook (created, resolved, …). */
export function sentryIssueWebhook(action: 'created' | 'resolved', issue: SentryIssueSpec, at: number): Obj {
  const p = fixture<Obj>('sentry/issue-created.sentry-docs.json');
  const i = p['data']['issue'];
  p['action'] = action;
  Object.assign(i, {
    id: issue.id,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level ?? 'error',
    firstSeen: iso(at),
    lastSeen: iso(at),
    status: action === 'resolved' ? 'resolved' : 'unresolved',
    shortId: `${issue.project.toUpperCase()}-${issue.id.slice(-3)}`,
    project: { id: String(issue.project.length), name: issue.project, platform: 'python', slug: issue.project },
    metadata: { type: issue.title.split(':')[0], value: issue.title.split(': ')[1] ?? issue.title },
  });
  return p;
}

/** A Sentry `event_alert` webhook (an issue alert rule fired for one event), with the event's tags. */
export function sentryEventAlert(issue: SentryIssueSpec, at: number, tags: Labels, eventId: string): Obj {
  const p = fixture<Obj>('sentry/event-alert-triggered.sentry-docs.json');
  const e = p['data']['event'];
  Object.assign(e, {
    issue_id: issue.id,
    issue_url: `https://sentry.io/api/0/issues/${issue.id}/`,
    event_id: eventId,
    datetime: iso(at),
    timestamp: at / 1000,
    received: at / 1000,
    title: issue.title,
    culprit: issue.culprit,
    level: issue.level ?? 'error',
    platform: 'python',
    environment: tags['environment'],
    release: tags['release'] ?? null,
    tags: Object.entries(tags),
    url: `https://sentry.io/api/0/projects/acme/${issue.project}/events/${eventId}/`,
    web_url: `https://sentry.io/organizations/acme/issues/${issue.id}/events/${eventId}/`,
    metadata: { type: issue.title.split(':')[0], value: issue.title.split(': ')[1] ?? issue.title },
  });
  return p;
}

export interface AlarmSpec {
  account: string;
  region: string;
  name: string;
  description?: string;
  namespace: string;
  metric: string;
  dimensions: Labels;
  threshold: number;
  statistic?: string;
}

/** An EventBridge "CloudWatch Alarm State Change" for a metric alarm. */
export function alarmStateChange(spec: AlarmSpec, state: 'ALARM' | 'OK', at: number, value: number, id: string): Obj {
  const e = fixture<Obj>('cloudwatch/eventbridge-alarm-state-change-single-metric.docs.json');
  const arn = `arn:aws:cloudwatch:${spec.region}:${spec.account}:alarm:${spec.name}`;
  const stamp = new Date(at).toISOString().replace('Z', '+0000');
  const crossed = state === 'ALARM' ? 'was greater than' : 'was not greater than';
  const d = e['detail'];
  Object.assign(e, {
    id,
    account: spec.account,
    region: spec.region,
    time: iso(at).slice(0, 19) + 'Z',
    resources: [arn],
  });
  d['alarmName'] = spec.name;
  d['configuration']['description'] = spec.description ?? '';
  const metric = d['configuration']['metrics'][0];
  metric['id'] = id.slice(0, 8);
  metric['metricStat'] = {
    metric: { dimensions: spec.dimensions, name: spec.metric, namespace: spec.namespace },
    period: 60,
    stat: spec.statistic ?? 'Average',
  };
  d['previousState'] = { ...d['previousState'], value: state === 'ALARM' ? 'OK' : 'ALARM' };
  d['state'] = {
    reason: `Threshold Crossed: 1 out of the last 1 datapoints [${value} (${stamp.slice(0, 16)})] ${crossed} the threshold (${spec.threshold}) (minimum 1 datapoint for ${state === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`,
    reasonData: JSON.stringify({
      version: '1.0',
      statistic: spec.statistic ?? 'Average',
      period: 60,
      recentDatapoints: [value],
      threshold: spec.threshold,
    }),
    timestamp: stamp,
    value: state,
  };
  return e;
}

/** An EventBridge state change of a composite alarm whose rule names its children. */
export function compositeStateChange(
  account: string,
  region: string,
  name: string,
  children: string[],
  state: 'ALARM' | 'OK',
  at: number,
  id: string,
): Obj {
  const e = fixture<Obj>('cloudwatch/eventbridge-alarm-state-change-composite.docs.json');
  const arn = (n: string) => `arn:aws:cloudwatch:${region}:${account}:alarm:${n}`;
  const stamp = new Date(at).toISOString().replace('Z', '+0000');
  Object.assign(e, { id, account, region, time: iso(at).slice(0, 19) + 'Z', resources: [arn(name)] });
  const d = e['detail'];
  d['alarmName'] = name;
  d['state'] = {
    value: state,
    reason: `${arn(children[0])} transitioned to ${state} at ${new Date(at).toUTCString()}`,
    reasonData: JSON.stringify({
      triggeringAlarms: [{ arn: arn(children[0]), state: { value: state, timestamp: stamp } }],
    }),
    timestamp: stamp,
  };
  d['configuration'] = { alarmRule: children.map((c) => `ALARM("${c}")`).join(' OR ') };
  return e;
}
