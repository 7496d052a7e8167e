import { Signal } from '@mozaic/contracts';
import { fixture, jsonLines } from '../test/fixtures';
import { mapDockerEvent } from './docker/docker-events.mapper';
import { mapKubernetesEvent } from './kubernetes/kubernetes-events.mapper';
import { mapAlertmanager } from './alertmanager/alertmanager.mapper';
import { mapCloudWatchAlarm, mapEventBridgeAlarm } from './cloudwatch/cloudwatch-alarm.mapper';
import { mapSentry } from './sentry/sentry-webhook.mapper';

const P = 'project-1';

function expectValid(s: Signal): void {
  expect(s.projectId).toBe(P);
  expect(Number.isNaN(Date.parse(s.occurredAt))).toBe(false);
  expect(['low', 'medium', 'high', 'critical']).toContain(s.severity);
  expect(['firing', 'resolved']).toContain(s.status);
  expect(s.title.length).toBeGreaterThan(0);
  expect(s.title.length).toBeLessThanOrEqual(500);
}

describe('Sentry mapper', () => {
  it.each([
    // Sentry's "error" is one exception: medium (see normalizeSeverity).
    ['issue-created.sentry-docs.json', 'issue', 'firing', 'issue:1170820242', 'medium'],
    ['issue-resolved.zulip-fixture.json', 'issue', 'resolved', 'issue:1638821441', 'medium'], // level error
    ['issue-assigned.zulip-fixture.json', 'issue', 'firing', 'issue:1638844654', 'low'], // level info
    ['issue-ignored.zulip-fixture.json', 'issue', 'resolved', 'issue:1638821441', 'medium'],
    ['event-alert-triggered.sentry-docs.json', 'event_alert', 'firing', 'issue:1117540176', 'medium'],
    // No issue id in this real event: keyed by its event_id; level info.
    [
      'event-alert-triggered-real.zulip-fixture.json',
      'event_alert',
      'firing',
      'event:01ecb45633bc4f5ca940ada671124c8f',
      'low',
    ],
    ['metric-alert-critical.CONSTRUCTED.json', 'metric_alert', 'firing', 'metric:4', 'critical'],
    ['metric-alert-warning.CONSTRUCTED.json', 'metric_alert', 'firing', 'metric:4', 'medium'],
    ['metric-alert-resolved.sentry-docs.json', 'metric_alert', 'resolved', 'metric:4', 'low'],
    ['legacy-webhooks-plugin.zulip-fixture.json', undefined, 'firing', 'issue:4218258981', 'medium'],
  ])('%s → one %s signal', (file, resource, status, ref, severity) => {
    const [s, ...rest] = mapSentry(P, resource, fixture(`sentry/${file}`));
    expect(rest).toHaveLength(0);
    expectValid(s);
    expect(s.status).toBe(status);
    expect(s.sourceRef).toBe(ref);
    expect(s.severity).toBe(severity);
  });

  it('maps the issue title, project and link', () => {
    const [s] = mapSentry(P, 'issue', fixture('sentry/issue-created.sentry-docs.json'));
    expect(s).toMatchObject({
      title: 'ReferenceError: blooopy is not defined',
      occurredAt: '2019-08-19T20:58:37.391Z',
      kind: 'error',
    });
    // The slug is weak evidence (one project may serve several services): kept as the project.
    expect(s.entities['project']).toBe('front-end');
    expect(s.entities.service).toBeUndefined();
  });

  it('takes the service, host and environment from event tags', () => {
    const [s] = mapSentry(P, undefined, fixture('sentry/legacy-webhooks-plugin.zulip-fixture.json'));
    expect(s.entities.environment).toBe('prod');
    expect(s.occurredAt).toBe('2023-07-09T20:41:24.772Z');
  });

  it('answers no signal for payloads it does not know', () => {
    expect(mapSentry(P, 'installation', { action: 'created', data: {} })).toEqual([]);
    expect(mapSentry(P, 'issue', { data: { issue: { id: 5 } } })).toEqual([]);
    expect(mapSentry(P, undefined, [1, 2, 3])).toEqual([]);
  });
});

describe('CloudWatch mapper', () => {
  it('maps an SNS alarm notification (ALARM and OK)', () => {
    const alarm = fixture<{ Message: string }>('cloudwatch/sns-notification-cloudwatch-alarm-ALARM.CONSTRUCTED.json');
    const [s] = mapCloudWatchAlarm(P, JSON.parse(alarm.Message));
    expectValid(s);
    expect(s).toMatchObject({
      source: 'cloudwatch',
      status: 'firing',
      severity: 'high',
      sourceRef: '123456789012:us-west-2:ServerCpuTooHigh',
      occurredAt: '2019-10-02T17:04:40.989Z',
      label: 'ServerCpuTooHigh',
    });
    expect(s.entities).toMatchObject({
      host: 'i-12345678901234567',
      region: 'us-west-2',
      alarm: 'ServerCpuTooHigh',
    });
    const ok = fixture<{ Message: string }>('cloudwatch/sns-notification-cloudwatch-alarm-OK.CONSTRUCTED.json');
    const [r] = mapCloudWatchAlarm(P, JSON.parse(ok.Message));
    expect(r.status).toBe('resolved');
    expect(r.sourceRef).toBe(s.sourceRef);
  });

  it.each(['single-metric', 'composite', 'metric-math', 'anomaly-detection'])(
    'maps the EventBridge %s alarm state change',
    (kind) => {
      const signals = mapEventBridgeAlarm(P, fixture(`cloudwatch/eventbridge-alarm-state-change-${kind}.docs.json`));
      expect(signals).toHaveLength(1);
      expectValid(signals[0]);
      expect(signals[0].source).toBe('cloudwatch');
    },
  );

  it('maps the alarm inside the Lambda-style SNS records', () => {
    for (const f of [
      'lambda-sns-record-cloudwatch-alarm-sns-payload-single-metric.aws-lambda-go.json',
      'lambda-sns-record-cloudwatch-alarm-sns-payload-multiple-metrics.aws-lambda-go.json',
    ]) {
      const msg = JSON.parse(
        fixture<{ Records: Array<{ Sns: { Message: string } }> }>(`cloudwatch/${f}`).Records[0].Sns.Message,
      );
      const [s] = mapCloudWatchAlarm(P, msg);
      expectValid(s);
    }
  });
});

describe('Alertmanager / Grafana mapper', () => {
  it('maps each alert of an Alertmanager v4 payload', () => {
    const signals = mapAlertmanager(P, fixture('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json'));
    expect(signals).toHaveLength(2);
    signals.forEach(expectValid);
    expect(signals[0]).toMatchObject({
      source: 'alertmanager',
      status: 'firing',
      severity: 'critical',
      sourceRef: 'a1bc48475b20e73d',
      label: 'High CPU Temperature',
    });
    expect(signals[0].entities.host).toBe('andromeda');
  });

  it('maps Grafana webhooks, firing and resolved', () => {
    const firing = mapAlertmanager(P, fixture('grafana/grafana-webhook-firing.grafana-docs.json'), 'grafana');
    expect(firing.length).toBeGreaterThan(0);
    firing.forEach(expectValid);
    expect(firing[0]).toMatchObject({
      source: 'grafana',
      status: 'firing',
      label: 'High memory usage',
    });
    const resolved = mapAlertmanager(P, fixture('grafana/grafana-webhook-resolved.zulip-fixture.json'), 'grafana');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((s) => s.status === 'resolved')).toBe(true);
  });
});

describe('Kubernetes event mapper', () => {
  it('maps every Warning event of the fixture', () => {
    const list = fixture<{ items: unknown[] }>('kubernetes/eventlist-warnings.CONSTRUCTED.json');
    const signals = list.items.map((e) => mapKubernetesEvent(P, e, 'prod')).filter((s): s is Signal => s !== null);
    expect(signals).toHaveLength(list.items.length);
    signals.forEach(expectValid);
    const backoff = signals.find((s) => s.label === 'CrashLoopBackOff');
    expect(backoff).toMatchObject({
      kind: 'crashloop',
      severity: 'high',
      sourceRef: 'a6501da1-0447-4262-98eb-c03d4002222e:BackOff',
      occurredAt: '2022-02-17T22:14:09.000Z',
    });
    expect(backoff?.entities).toMatchObject({
      namespace: 'default',
      pod: 'nginx-deployment-67d4bdd6f5-w6kd7',
      container: 'nginx',
      node: 'kube-worker-1',
      cluster: 'prod',
    });
  });

  it('ignores Normal events', () => {
    expect(
      mapKubernetesEvent(P, {
        type: 'Normal',
        reason: 'Pulled',
        lastTimestamp: '2022-02-17T22:01:30Z',
      }),
    ).toBeNull();
  });
});

describe('Docker event mapper', () => {
  it.each(['events-stream-api-1.52plus.CONSTRUCTED.jsonl', 'events-stream-legacy-pre-1.52.CONSTRUCTED.jsonl'])(
    'maps the failures of %s',
    (file) => {
      const signals = jsonLines(`docker/${file}`)
        .map((e) => mapDockerEvent(P, e, 'docker-host-1'))
        .filter((s): s is Signal => s !== null);
      signals.forEach(expectValid);
      const kinds = signals.map((s) => s.kind);
      expect(kinds).toContain('oom');
      expect(kinds).toContain('unhealthy');
      expect(kinds).toContain('exit');
      const oom = signals.find((s) => s.kind === 'oom');
      expect(oom?.entities).toMatchObject({
        container: 'my-container',
        node: 'docker-host-1',
      });
      expect(oom?.occurredAt).toBe('2021-08-21T19:38:15.515Z');
    },
  );

  it('reads timeNano only when it is digits (BigInt threw on anything else)', () => {
    const e = {
      Type: 'container',
      Action: 'oom',
      Actor: { ID: 'abc123', Attributes: { name: 'web' } },
      time: 1700000000,
      timeNano: '17e8x',
    };
    expect(mapDockerEvent(P, e, 'h')?.occurredAt).toBe('2023-11-14T22:13:20.000Z');
  });
});
