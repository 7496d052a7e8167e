import { Signal } from '@mozaic/contracts';
import { mapAlertmanager, mapCloudWatchAlarm, mapDockerEvent, mapKubernetesEvent, mapSentry } from '@mozaic/sources';
import { fixture, jsonLines, variant } from '../support/fixtures';

/**
 * Multi-source stories built from the real payloads in tools/fixtures: each helper takes a
 * fixture, changes only what the story needs (names, times, states), and maps it with the same
 * mapper production uses.
 */
export const P = 'project-story';
export const T0 = Date.parse('2026-11-02T10:00:00Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON is edited freely

export function k8sBackOff(
  minute: number,
  pod = 'checkout-7d9f8b6c5d-x2k4p',
  namespace = 'shop',
  uid = 'uid-checkout-pod',
): Signal {
  const list = fixture<{ items: Obj[] }>('kubernetes/eventlist-warnings.CONSTRUCTED.json');
  const e = list.items.find((i) => i['reason'] === 'BackOff') as Obj;
  e['involvedObject'] = { ...e['involvedObject'], name: pod, namespace, uid };
  e['metadata'] = { ...e['metadata'], namespace };
  e['lastTimestamp'] = at(minute);
  return mapKubernetesEvent(P, e, 'prod-eu') as Signal;
}

export function cloudWatchAlarm(
  minute: number,
  state: 'ALARM' | 'OK',
  name = 'checkout-5xx',
  lb = 'app/checkout-alb/50dc6c495c0c9188',
): Signal {
  const sns = fixture<{ Message: string }>(`cloudwatch/sns-notification-cloudwatch-alarm-${state}.CONSTRUCTED.json`);
  const msg = JSON.parse(sns.Message) as Obj;
  msg['AlarmName'] = name;
  msg['AlarmArn'] = `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`;
  msg['StateChangeTime'] = at(minute);
  msg['Trigger'] = {
    ...msg['Trigger'],
    MetricName: 'HTTPCode_Target_5XX_Count',
    Namespace: 'AWS/ApplicationELB',
    Dimensions: [{ name: 'LoadBalancer', value: lb }],
  };
  return mapCloudWatchAlarm(P, msg)[0];
}

export function sentryEvent(minute: number, project = 'checkout', issueId = '1117540176'): Signal {
  const payload = variant<Obj>('sentry/event-alert-triggered.sentry-docs.json', (p) => {
    const ev = p['data']['event'];
    ev['issue_id'] = issueId;
    ev['url'] = `https://sentry.io/api/0/projects/acme/${project}/events/${ev['event_id']}/`;
    ev['datetime'] = at(minute);
    ev['tags'] = [
      ['environment', 'production'],
      ['server_name', `web-${project}`],
    ];
  });
  return mapSentry(P, 'event_alert', payload)[0];
}

export function sentryIssue(
  minute: number,
  action: 'created' | 'resolved',
  project = 'checkout',
  issueId = '1117540176',
): Signal {
  const file =
    action === 'created' ? 'sentry/issue-created.sentry-docs.json' : 'sentry/issue-resolved.zulip-fixture.json';
  const payload = variant<Obj>(file, (p) => {
    const issue = p['data']['issue'];
    issue['id'] = issueId;
    issue['project'] = { ...issue['project'], slug: project };
    issue['lastSeen'] = at(minute);
  });
  return mapSentry(P, 'issue', payload)[0];
}

export function alertmanager(
  minute: number,
  status: 'firing' | 'resolved',
  labels: Obj = {},
  fp = 'a1bc48475b20e73d',
): Signal {
  const payload = variant<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json', (p) => {
    const a = p['alerts'][0];
    p['alerts'] = [a];
    a['status'] = status;
    a['fingerprint'] = fp;
    a['labels'] = { ...a['labels'], ...labels };
    a['startsAt'] = at(minute);
    a['endsAt'] = status === 'resolved' ? at(minute) : '0001-01-01T00:00:00Z';
  });
  return mapAlertmanager(P, payload)[0];
}

export function dockerEvent(
  minute: number,
  action: 'oom' | 'die',
  container = 'shop-payments-1',
  service = 'payments',
): Signal {
  const events = jsonLines('docker/events-stream-api-1.52plus.CONSTRUCTED.jsonl') as Obj[];
  const e = structuredClone(events.find((x) => x['Action'] === action)) as Obj;
  e['Actor']['Attributes'] = {
    ...e['Actor']['Attributes'],
    name: container,
    'com.docker.compose.service': service,
  };
  e['Actor']['ID'] = `${container}-id`;
  e['timeNano'] = String(BigInt(Date.parse(at(minute))) * 1_000_000n);
  return mapDockerEvent(P, e, 'docker-host-1') as Signal;
}
