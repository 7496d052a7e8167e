import { until } from './support/until';
import { fixture } from './support/fixtures';
import { FakeApi, SeenRequest } from './support/fake-api';
import { sigV4Problem } from './support/sigv4';
import { connect, createProject, fetchNow, firstCollection, incidentDetails } from './support/sources';
import { createTestApp, registerAndLogin, TestApp } from './test-app';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixture JSON

const K8S_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.k8s-service-account-token';
const AWS = { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** The Kubernetes API's JSON from the fixtures, moved to the last minutes (the provider looks back an hour). */
function kubernetes() {
  const events = fixture<Obj>('kubernetes/eventlist-warnings.CONSTRUCTED.json');
  for (const e of events['items']) {
    if (e.lastTimestamp) e.lastTimestamp = ago(120_000);
    if (e.firstTimestamp) e.firstTimestamp = ago(600_000);
    if (e.eventTime) e.eventTime = ago(120_000);
  }
  const pods = fixture<Obj>('kubernetes/podlist-crashloopbackoff.CONSTRUCTED.json');
  for (const p of pods['items'])
    for (const c of p.status.containerStatuses ?? [])
      if (c.lastState?.terminated) c.lastState.terminated.finishedAt = ago(60_000);
  const log = `${ago(70_000)} starting nginx\n${ago(65_000)} ERROR upstream checkout timed out\n${ago(61_000)} fatal: out of memory\n`;
  return (req: SeenRequest) => {
    if (req.headers['authorization'] !== `Bearer ${K8S_TOKEN}`)
      return {
        status: 401,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        },
      };
    const p = req.url.pathname;
    if (p === '/api/v1/namespaces')
      return {
        body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: 'default' } }] },
      };
    if (p === '/api/v1/namespaces/default/events') return { body: events };
    if (p === '/api/v1/namespaces/default/pods') return { body: pods };
    if (p === '/api/v1/namespaces/default/services')
      return { body: fixture('kubernetes/servicelist.CONSTRUCTED.json') };
    if (p === '/apis/networking.k8s.io/v1/namespaces/default/ingresses')
      return { body: fixture('kubernetes/ingresslist.CONSTRUCTED.json') };
    if (/^\/api\/v1\/namespaces\/default\/pods\/[^/]+\/log$/.test(p)) return { body: log };
    return { status: 404, body: { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 } };
  };
}

/** CloudWatch (JSON 1.0 protocol) and CloudWatch Logs (JSON 1.1) behind a SigV4 check. */
function aws(region: string) {
  const alarms = fixture<Obj>('cloudwatch/describe-alarms-response.awsjson1_0.CONSTRUCTED.json');
  const alarm = { ...alarms['MetricAlarms'][0], StateValue: 'ALARM', StateUpdatedTimestamp: Date.now() / 1000 - 90 };
  const second = {
    ...alarm,
    AlarmName: 'checkout-5xx',
    AlarmArn: alarm.AlarmArn.replace('myalarm', 'checkout-5xx'),
    Dimensions: [{ Name: 'LoadBalancer', Value: 'app/checkout/0123' }],
  };
  const logs = fixture<Obj>('cloudwatch/filter-log-events.aws-cli-example-output.json');
  const events = logs['events'].map((e: Obj, i: number) => ({
    ...e,
    timestamp: Date.now() - 50_000 + i,
    message: `ERROR ${e.message}`,
  }));
  return (req: SeenRequest) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const service = target.startsWith('Logs_') ? 'logs' : 'monitoring';
    const problem = sigV4Problem(req, AWS.secret_access_key, region, service);
    if (problem)
      return {
        status: 403,
        headers: { 'Content-Type': 'application/x-amz-json-1.0' },
        body: { __type: 'InvalidSignatureException', message: problem },
      };
    const body = JSON.parse(req.body || '{}') as Obj;
    const json = (b: unknown, v = '1.0') => ({ headers: { 'Content-Type': `application/x-amz-json-${v}` }, body: b });
    switch (target) {
      case 'GraniteServiceVersion20100801.DescribeAlarms':
        return body['NextToken']
          ? json({ MetricAlarms: [second], CompositeAlarms: [] })
          : json({ MetricAlarms: [alarm], CompositeAlarms: [], NextToken: 'page-2' });
      case 'GraniteServiceVersion20100801.DescribeAlarmHistory':
        return json({
          AlarmHistoryItems: [
            // db-cpu fired and recovered between two polls: it shows up only here.
            ...[
              ['ALARM', 'Threshold Crossed: 3 datapoints were greater than the threshold (80.0)', 120],
              ['OK', 'Threshold Crossed: back to normal', 30],
            ].map(([state, reason, secondsAgo]) => ({
              AlarmName: 'db-cpu',
              AlarmType: 'MetricAlarm',
              Timestamp: Date.now() / 1000 - Number(secondsAgo),
              HistoryItemType: 'StateUpdate',
              HistorySummary: `Alarm updated to ${state}`,
              HistoryData: JSON.stringify({ version: '1.0', newState: { stateValue: state, stateReason: reason } }),
            })),
          ],
        });
      case 'Logs_20140328.FilterLogEvents':
        return body['nextToken']
          ? json({ events: events.slice(1) }, '1.1')
          : json({ events: events.slice(0, 1), nextToken: 'more' }, '1.1');
      default:
        return { status: 400, body: { __type: 'UnknownOperationException' } };
    }
  };
}

describe('pulling Kubernetes and CloudWatch (e2e, real SDKs at the wire)', () => {
  let t: TestApp;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ SOURCE_TIMEOUT_MS: '2000' });
    auth = (await registerAndLogin(t, 'pull2')).auth;
  });
  afterAll(() => t.close());

  const project = (name: string) => createProject(t, auth, name);

  it('Kubernetes: Warning events, pods in trouble and failing containers’ previous logs, in the allowed namespaces only', async () => {
    const api = await FakeApi.start(kubernetes());
    try {
      const pid = await project('k8s-pull');
      const acct = await connect(
        t,
        auth,
        pid,
        'kubernetes',
        { server: api.url, token: K8S_TOKEN },
        { namespaces: ['default'] },
      );
      expect(acct).toMatchObject({ status: 'active', last_error: null });
      await firstCollection(t, auth, acct.id);
      const paths = api.requests.map((r) => r.url.pathname);
      expect(
        paths.every(
          (p) =>
            p.startsWith('/api/v1/namespaces/default/') ||
            p.startsWith('/apis/networking.k8s.io/v1/namespaces/default/'),
        ),
      ).toBe(true);
      expect(api.requests.find((r) => r.url.pathname.endsWith('/events'))?.url.searchParams.get('fieldSelector')).toBe(
        'type=Warning',
      );
      const logReq = api.requests.find((r) => r.url.pathname.endsWith('/log'));
      expect(Object.fromEntries(logReq?.url.searchParams ?? [])).toMatchObject({
        container: 'nginx',
        previous: 'true',
        timestamps: 'true',
      });

      const details = await incidentDetails(t, auth, pid);
      const labels = details.flatMap((d) => d.alerts.map((a: Obj) => a.label)).sort();
      expect(labels).toEqual(
        expect.arrayContaining(['CrashLoopBackOff', 'OOMKilled', 'FailedScheduling', 'log errors']),
      );
      const logs = details.flatMap((d) => d.logs_json.map((l: Obj) => l.message));
      expect(logs).toEqual(expect.arrayContaining(['ERROR upstream checkout timed out', 'fatal: out of memory']));
      const crash = details.find((d) => d.alerts.some((a: Obj) => a.label === 'CrashLoopBackOff'));
      expect(crash?.severity).toMatch(/high|critical/);

      // The Service and the Ingress state dependencies: kept as project rules...
      const rules = (await t.http().get(`/api/v1/projects/${pid}/correlation-rules`).set(auth).expect(200)).body;
      expect(rules.map((r: Obj) => `${r.key_a} ~ ${r.key_b}`).sort()).toEqual([
        'endpoint:shop.example.com ~ service:my-nginx',
        'endpoint:shop.example.com ~ service:nginx',
        'service:my-nginx ~ service:nginx',
      ]);
      // ...so a failing probe of the Ingress host joins the crash-looping Deployment behind it.
      const { token } = (await t.http().post(`/api/v1/projects/${pid}/webhooks/token`).set(auth).expect(201)).body;
      const probe = fixture<Obj>('grafana/alertmanager-webhook-v4-firing.zulip-fixture.json');
      probe['alerts'] = [
        {
          ...probe['alerts'][0],
          fingerprint: 'probe0000000001',
          startsAt: new Date().toISOString(),
          labels: {
            alertname: 'ProbeFailed',
            severity: 'critical',
            job: 'blackbox',
            instance: 'https://shop.example.com/testpath',
          },
        },
      ];
      await t
        .http()
        .post(`/webhooks/alertmanager/${pid}`)
        .set('Authorization', `Bearer ${token}`)
        .send(probe)
        .expect(202);
      await until('the probe grouped', async () => {
        const all = await incidentDetails(t, auth, pid);
        const inc = all.find((d) => d.alerts.some((a: Obj) => a.label === 'ProbeFailed'));
        return inc && inc.alerts.some((a: Obj) => a.label === 'CrashLoopBackOff') ? inc : undefined;
      });

      // A second poll with nothing new adds nothing.
      const run = await fetchNow(t, auth, pid);
      expect(run.accounts[0]).toMatchObject({ status: 'done', signal_count: 0 });
    } finally {
      await api.close();
    }
  });

  it('Kubernetes: a kubeconfig works too; a wrong token is a 401 with the reason', async () => {
    const api = await FakeApi.start(kubernetes());
    try {
      const kubeconfig = [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: prod`,
        `  cluster: { server: "${api.url}" }`,
        'users:',
        `- name: ci`,
        `  user: { token: "${K8S_TOKEN}" }`,
        'contexts:',
        '- name: prod-ci',
        '  context: { cluster: prod, user: ci }',
        'current-context: prod-ci',
      ].join('\n');
      const ok = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: 'kubernetes', credentials: { kubeconfig } })
        .expect(200);
      expect(ok.body).toMatchObject({ ok: true, detail: '1 namespaces visible' });
      const bad = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: 'kubernetes', credentials: { server: api.url, token: 'wrong-token-value' } })
        .expect(200);
      expect(bad.body).toMatchObject({ ok: false, error: 'The Kubernetes API refused the credentials (401)' });
      // A server that never answers in time: the request is aborted at the timeout.
      api.handler = () => ({ delayMs: 5_000, body: {} });
      const slow = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({ service_type: 'kubernetes', credentials: { server: api.url, token: K8S_TOKEN } })
        .expect(200);
      expect(slow.body).toMatchObject({ ok: false, error: 'the Kubernetes API did not answer within 2000 ms' });
    } finally {
      await api.close();
    }
  });

  it('CloudWatch: SigV4-signed DescribeAlarms (paginated), alarm history and FilterLogEvents become signals', async () => {
    const region = 'us-east-1';
    const api = await FakeApi.start(aws(region));
    try {
      const pid = await project('cw-pull');
      const acct = await connect(t, auth, pid, 'cloudwatch', AWS, {
        region,
        endpoint: api.url,
        log_group_names: ['/aws/lambda/checkout'],
        filter_pattern: 'ERROR',
      });
      expect(acct).toMatchObject({ status: 'active', last_error: null });
      await firstCollection(t, auth, acct.id);
      const targets = api.requests.map((r) => r.headers['x-amz-target']);
      expect(targets.filter((x) => x === 'GraniteServiceVersion20100801.DescribeAlarms').length).toBeGreaterThanOrEqual(
        3,
      ); // test + 2 pages
      expect(targets).toContain('GraniteServiceVersion20100801.DescribeAlarmHistory');
      expect(targets.filter((x) => x === 'Logs_20140328.FilterLogEvents')).toHaveLength(2);
      const filter = JSON.parse(
        api.requests.find((r) => r.headers['x-amz-target'] === 'Logs_20140328.FilterLogEvents')?.body ?? '{}',
      );
      expect(filter).toMatchObject({ logGroupName: '/aws/lambda/checkout', filterPattern: 'ERROR' });
      const details = await incidentDetails(t, auth, pid);
      const alerts = details.flatMap((d) => d.alerts.map((a: Obj) => `${a.label}:${a.status}`)).sort();
      expect(alerts).toEqual(['checkout logs:firing', 'checkout-5xx:firing', 'db-cpu:resolved', 'myalarm:firing']);
    } finally {
      await api.close();
    }
  });

  it('CloudWatch: a wrong secret fails the signature check: error, and no secret in the reason', async () => {
    const api = await FakeApi.start(aws('eu-west-1'));
    try {
      const res = await t
        .http()
        .post('/api/v1/accounts/test')
        .set(auth)
        .send({
          service_type: 'cloudwatch',
          credentials: { ...AWS, secret_access_key: 'not-the-secret-0123456789' },
          config: { region: 'eu-west-1', endpoint: api.url },
        })
        .expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 'error' });
      expect(res.body.error).toMatch(/refused the credentials \(InvalidSignatureException\)/);
      expect(JSON.stringify(res.body)).not.toContain('not-the-secret');
      expect(JSON.stringify(res.body)).not.toContain(AWS.access_key_id);
    } finally {
      await api.close();
    }
  });
});
