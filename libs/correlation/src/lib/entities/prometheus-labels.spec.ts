import { entityProfile } from './entities';
import { compositeChildren, entitiesFromCloudWatchDimensions } from './cloudwatch-dimensions';
import { entitiesFromPrometheusLabels, isMetaAlert } from './prometheus-labels';

const ksm = {
  job: 'kube-state-metrics',
  service: 'rel-kube-state-metrics',
  instance: '10.9.0.4:8080',
  endpoint: 'http',
};
const keysOf = (labels: Record<string, string>) => entityProfile(entitiesFromPrometheusLabels(labels)).keys;

describe('Prometheus label conventions', () => {
  it("takes the workload of a kube-state-metrics object alert, never the exporter's service or pod", () => {
    const e = entitiesFromPrometheusLabels({
      ...ksm,
      namespace: 'web',
      deployment: 'billing',
      pod: 'rel-kube-state-metrics-5f6d7-abcde',
      container: 'kube-state-metrics',
    });
    expect(e).toMatchObject({ workload: 'billing', namespace: 'web' });
    expect(e.service).toBeUndefined();
    expect(e.pod).toBeUndefined();
    expect(e.host).toBeUndefined();
    expect(keysOf({ ...ksm, namespace: 'web', deployment: 'billing' })[0]).toBe('service:billing');
  });

  it('keeps the pod of a pod-level kube-state-metrics alert (honorLabels) and derives its workload', () => {
    expect(keysOf({ ...ksm, namespace: 'web', pod: 'billing-6c7d8e9f0-zz1yy', container: 'billing' })).toEqual([
      'service:billing',
      'pod:billing-6c7d8e9f0-zz1yy',
      'system:billing',
    ]);
  });

  it.each([
    [{ job_name: 'report-28999123' }, 'report'],
    [{ persistentvolumeclaim: 'data-kafka-2' }, 'kafka'],
    [{ horizontalpodautoscaler: 'api-gw' }, 'api-gw'],
    [{ statefulset: 'kafka' }, 'kafka'],
  ])('derives the workload from %j', (object, workload) => {
    expect(entitiesFromPrometheusLabels({ ...ksm, namespace: 'x', ...object }).workload).toBe(workload);
  });

  it("takes a node exporter's instance for the machine, and a kubelet's node only for node-level alerts", () => {
    expect(
      entitiesFromPrometheusLabels({
        job: 'node-exporter',
        instance: '10.1.2.3:9100',
        namespace: 'mon',
        pod: 'ne-abcde',
        container: 'node-exporter',
      }),
    ).toMatchObject({ host: '10.1.2.3' });
    const pvc = entitiesFromPrometheusLabels({
      job: 'kubelet',
      persistentvolumeclaim: 'data-pg-0',
      namespace: 'db',
      node: 'worker-7',
      instance: '10.1.2.7:10250',
    });
    expect(pvc).toMatchObject({ workload: 'pg', node: 'worker-7' });
    expect(pvc.host).toBeUndefined();
    expect(entitiesFromPrometheusLabels({ ...ksm, node: 'worker-7', alertname: 'KubeNodeNotReady' })).toMatchObject({
      host: 'worker-7',
      scope: 'node-down',
    });
  });

  it("never takes a pod's IP for a host; a VM target's instance is one", () => {
    expect(
      entitiesFromPrometheusLabels({ job: 'billing', service: 'billing', namespace: 'web', instance: '10.4.5.6:8080' })
        .host,
    ).toBeUndefined();
    expect(entitiesFromPrometheusLabels({ job: 'mysql', instance: 'db7.lan:9104' })).toMatchObject({
      service: 'mysql',
      host: 'db7.lan',
    });
  });

  it('reads a probe of an in-cluster Service as that Service, an external probe as its endpoint', () => {
    expect(
      entitiesFromPrometheusLabels({
        job: 'probe/web/billing',
        instance: 'http://billing.web.svc.cluster.local:80/ready',
      }),
    ).toMatchObject({ service: 'billing', namespace: 'web' });
    expect(entitiesFromPrometheusLabels({ job: 'blackbox', instance: 'https://status.example.org/' })).toMatchObject({
      endpoint: 'status.example.org',
    });
  });

  it('reads a Grafana rule over CloudWatch by its dimensions, and keeps its folder as weak evidence', () => {
    const e = entitiesFromPrometheusLabels({
      alertname: 'x',
      DBInstanceIdentifier: 'ledger-db-staging',
      grafana_folder: 'Ledger',
    });
    expect(e).toMatchObject({ service: 'ledger-db', environment: 'staging', folder: 'Ledger' });
    expect(entityProfile(entitiesFromPrometheusLabels({ alertname: 'y', grafana_folder: 'Ledger' })).keys).toEqual([
      'system:ledger',
    ]);
  });

  it('recognises heartbeats and meta alerts', () => {
    expect(['Watchdog', 'DeadMansSwitch', 'InfoInhibitor'].map(isMetaAlert)).toEqual([true, true, true]);
    expect(isMetaAlert('WatchdogTimerHigh')).toBe(false);
  });
});

describe('CloudWatch conventions', () => {
  it('names the resource, moves its environment word into the context, keeps the raw name', () => {
    expect(entitiesFromCloudWatchDimensions({ LoadBalancer: 'app/shop-prod-alb/0123abcd' })).toMatchObject({
      service: 'shop-alb',
      environment: 'production',
      resource: 'shop-prod-alb',
    });
    expect(entitiesFromCloudWatchDimensions({ ClusterName: 'c1', ServiceName: 'cart' })).toMatchObject({
      service: 'cart',
      cluster: 'c1',
    });
  });

  it("reads a composite alarm's children from its rule", () => {
    expect(
      compositeChildren('ALARM("a-cpu") OR (ALARM(b) AND NOT OK(arn:aws:cloudwatch:eu-west-1:1:alarm:c))'),
    ).toEqual(['a-cpu', 'b', 'c']);
    expect(compositeChildren(undefined)).toEqual([]);
  });

  it('keys a composite alarm on the alarms it aggregates, and account and region are context', () => {
    const p = entityProfile({ alarm: 'shop-degraded', aggregates: 'a-cpu,b', account: '1', region: 'eu-west-1' });
    expect(p.keys).toEqual(['alarm:shop-degraded', 'alarm:a-cpu', 'alarm:b']);
    expect(p.context).toEqual({ account: '1', region: 'eu-west-1' });
  });
});
