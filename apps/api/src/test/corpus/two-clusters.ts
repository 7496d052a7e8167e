import { Alert, appAlert, ksmObject, ksmPod, kubeletVolume, watchdog } from './kube-labels';
import { Episode, notify } from './notifier';
import { Story, StoryBuilder } from './story';

/**
 * Two production clusters (prod-eu, prod-us: Prometheus' external label `cluster`) running the
 * same applications, both posting to one MOZAIC project; one Sentry project per application for
 * both clusters (events tell the cluster only through the pod name in server_name); Grafana
 * rules over the Prometheus data source keep the series' labels.
 *
 * The true incidents:
 *  eu-checkout      checkout crash-looping in prod-eu
 *  us-checkout      checkout crash-looping in prod-us two minutes later (same names, other cluster)
 *  us-node          node ip-10-1-4-40 (prod-us) not ready; pods of cart, search and auth on it
 *                   stop being ready at the same moment (their alerts do not name the node)
 *  eu-catalog-flap  catalog's HPA flapping at max replicas for an hour (fires and clears every
 *                   few minutes): one incident, not six
 *  us-prometheus    Prometheus in prod-us failing rule evaluations (its own alerts)
 *  eu-ledger        ledger's PVC filling in prod-eu, a Grafana rule on the same PVC
 *  us-cart-image    cart stuck on ImagePullBackOff in prod-us
 *  eu-cart-crash    cart crash-looping in prod-eu two minutes later
 *  eu-payments      payments-api error rate and its Sentry errors (prod-eu pods)
 *  us-payments      payments-api error rate in prod-us twenty minutes later
 */
export function twoClusters(): Story {
  const s = new StoryBuilder(
    'two-clusters',
    'two kube-prometheus-stack clusters with the same apps, one project',
    Date.parse('2026-11-14T01:00:00Z'),
    37,
  );
  const m = (x: number) => s.t(x);
  const am: Episode[] = [];
  const gf: Episode[] = [];
  const inCluster = (a: Alert, cluster: string): Alert => ({ ...a, labels: { ...a.labels, cluster } });
  const ep = (
    list: Episode[],
    a: Alert,
    cluster: string,
    start: number,
    end: number | undefined,
    truth: string | null,
  ) => list.push(s.episode(inCluster(a, cluster), start, end, truth));

  ep(am, watchdog(), 'prod-eu', -300, undefined, null);
  ep(am, watchdog(), 'prod-us', -280, undefined, null);

  const euCk = 'checkout-6b8d9f7c5-eu1aa';
  const usCk = 'checkout-6b8d9f7c5-us7zz';
  ep(am, ksmPod('KubePodCrashLooping', 'warning', 'shop', euCk, 'checkout'), 'prod-eu', 5, 25, 'eu-checkout');
  ep(
    am,
    ksmObject(
      'KubeDeploymentReplicasMismatch',
      'warning',
      'shop',
      { deployment: 'checkout' },
      'Deployment has not matched the expected number of replicas.',
    ),
    'prod-eu',
    8,
    25,
    'eu-checkout',
  );
  ep(am, ksmPod('KubePodCrashLooping', 'warning', 'shop', usCk, 'checkout'), 'prod-us', 7, 28, 'us-checkout');
  ep(
    am,
    ksmObject(
      'KubeDeploymentReplicasMismatch',
      'warning',
      'shop',
      { deployment: 'checkout' },
      'Deployment has not matched the expected number of replicas.',
    ),
    'prod-us',
    10,
    28,
    'us-checkout',
  );

  // us-node: the node and the pods on it, at the same moment.
  ep(
    am,
    ksmObject('KubeNodeNotReady', 'warning', '', { node: 'ip-10-1-4-40.ec2.internal' }, 'Node is not ready.'),
    'prod-us',
    30,
    55,
    'us-node',
  );
  ep(am, ksmPod('KubePodNotReady', 'warning', 'shop', 'cart-7f9c8d6b5-n0d3a', 'cart'), 'prod-us', 31, 50, 'us-node');
  ep(am, ksmPod('KubePodNotReady', 'warning', 'platform', 'search-1', 'search'), 'prod-us', 31, 52, 'us-node');
  ep(
    am,
    ksmPod('KubePodNotReady', 'warning', 'platform', 'auth-5d6f7c8b9-n0d3b', 'auth'),
    'prod-us',
    32,
    50,
    'us-node',
  );

  // eu-catalog-flap: six short episodes of the same alert.
  for (const [a, b] of [
    [40, 44],
    [49, 52],
    [57, 61],
    [66, 69],
    [74, 78],
    [83, 86],
  ])
    ep(
      am,
      ksmObject(
        'KubeHpaMaxedOut',
        'warning',
        'shop',
        { horizontalpodautoscaler: 'catalog' },
        'HPA is running at max replicas',
      ),
      'prod-eu',
      a,
      b,
      'eu-catalog-flap',
    );

  // us-prometheus: Prometheus' own alerts carry its own pod as the scrape target.
  const prom = (alertname: string): Alert => ({
    labels: {
      alertname,
      severity: 'critical',
      job: 'kps-prometheus',
      service: 'kps-prometheus',
      namespace: 'monitoring',
      pod: 'prometheus-kps-prometheus-0',
      container: 'prometheus',
      instance: '10.1.9.12:9090',
      endpoint: 'http-web',
      prometheus: 'monitoring/kps-prometheus',
    },
    annotations: {
      summary: `${alertname}`,
      description: `Prometheus monitoring/prometheus-kps-prometheus-0: ${alertname}`,
    },
  });
  ep(am, prom('PrometheusRuleFailures'), 'prod-us', 45, 70, 'us-prometheus');
  ep(am, prom('PrometheusMissingRuleEvaluations'), 'prod-us', 47, 70, 'us-prometheus');

  // eu-ledger
  ep(
    am,
    kubeletVolume(
      'KubePersistentVolumeFillingUp',
      'warning',
      'payments',
      'data-ledger-0',
      'ip-10-0-7-71.eu-west-1.compute.internal',
      '10.0.7.71',
    ),
    'prod-eu',
    60,
    95,
    'eu-ledger',
  );
  ep(
    gf,
    {
      labels: {
        alertname: 'Ledger volume usage',
        severity: 'warning',
        persistentvolumeclaim: 'data-ledger-0',
        namespace: 'payments',
        team: 'payments',
      },
      annotations: { summary: 'ledger volume above 90%' },
    },
    'prod-eu',
    62,
    94,
    'eu-ledger',
  );

  // us-cart-image then eu-cart-crash
  ep(
    am,
    ksmPod('KubeContainerWaiting', 'warning', 'shop', 'cart-8a7b6c5d4-us2bb', 'cart', { reason: 'ImagePullBackOff' }),
    'prod-us',
    80,
    95,
    'us-cart-image',
  );
  ep(
    am,
    ksmObject(
      'KubeDeploymentRolloutStuck',
      'warning',
      'shop',
      { deployment: 'cart' },
      'Deployment rollout is not progressing.',
    ),
    'prod-us',
    83,
    95,
    'us-cart-image',
  );
  ep(
    am,
    ksmPod('KubePodCrashLooping', 'warning', 'shop', 'cart-8a7b6c5d4-eu3cc', 'cart'),
    'prod-eu',
    82,
    96,
    'eu-cart-crash',
  );

  // eu-payments / us-payments
  ep(
    am,
    appAlert(
      'PaymentsErrorRate',
      'critical',
      'payments',
      'payments-api',
      'payments 5xx above 2%',
      'payments-api-6c5d4e3f2-eu4dd',
    ),
    'prod-eu',
    100,
    112,
    'eu-payments',
  );
  ep(
    am,
    appAlert(
      'PaymentsErrorRate',
      'critical',
      'payments',
      'payments-api',
      'payments 5xx above 2%',
      'payments-api-6c5d4e3f2-us5ee',
    ),
    'prod-us',
    120,
    131,
    'us-payments',
  );

  const end = m(140);
  notify(s, am, end, {
    source: 'alertmanager',
    haDoubleSend: 0.1,
    routes: [{ receiver: 'default', groupBy: ['cluster', 'namespace'] }],
  });
  notify(s, gf, end, {
    source: 'grafana',
    routes: [{ receiver: 'oncall', groupBy: ['grafana_folder', 'alertname'] }],
    folder: (l) => l['team'] ?? 'General',
  });

  const issue = (id: string, project: string, title: string) => ({ id, project, title, culprit: `${project}.handler` });
  // One Sentry project per app for both clusters: the pod in server_name tells which cluster.
  for (const t of [6, 9, 15])
    s.sentryEvent(
      m(t),
      issue('6630001', 'checkout', "KeyError: 'currency'"),
      { environment: 'production', server_name: euCk },
      'eu-checkout',
    );
  for (const t of [8, 12])
    s.sentryEvent(
      m(t),
      issue('6630002', 'checkout', 'TypeError: quote is None'),
      { environment: 'production', server_name: usCk },
      'us-checkout',
    );
  for (const t of [101, 104, 109])
    s.sentryEvent(
      m(t),
      issue('6630003', 'payments-api', 'CardDeclinedError: processor unavailable'),
      { environment: 'production', server_name: 'payments-api-6c5d4e3f2-eu4dd' },
      'eu-payments',
    );
  return s.build();
}
