import {
  Alert,
  appAlert,
  clusterAlert,
  cpuThrottling,
  infoInhibitor,
  ksmObject,
  ksmPod,
  kubeletVolume,
  nodeExporter,
  probeFailed,
  watchdog,
} from './kube-labels';
import { Episode, notify } from './notifier';
import { SentryIssueSpec } from './payloads';
import { Story, StoryBuilder } from './story';

/**
 * A three-hour on-call day on one kube-prometheus-stack cluster: 12 services in 3 namespaces
 * (shop, payments, platform), Alertmanager with two receivers (everything by namespace; critical
 * alerts again by alertname) and an HA pair that sometimes double-sends, Grafana-managed alerts
 * per team folder, and Sentry — one project per service for the shop, one shared
 * "platform-backend" project for four platform services, told apart by the `service` tag.
 *
 * The true incidents, from the causal design:
 *  checkout-deploy    bad checkout release: two pods crash-loop, the deployment is short of
 *                     replicas, error-rate and probe alerts, a Grafana latency panel, Sentry errors
 *  node3-disk         containerd's filesystem on node 10.0.3.33 filling (two node-exporter alerts)
 *  catalog-load       catalog's HPA maxed out, its pods throttled, slow requests — same namespace
 *                     and same hour as checkout-deploy, a different workload
 *  cpu-overcommit     cluster-level KubeCPUOvercommit (no workload)
 *  cart-image         cart rollout stuck on ImagePullBackOff
 *  ledger-disk        ledger statefulset: PVC filling, pod not ready, replicas mismatch
 *  frontend-js        frontend JS errors in Sentry plus a Grafana 5xx panel
 *  search-slow        search latency (app rule, Grafana), a search pod not ready
 *  auth-errors        auth login failures (app rule, Grafana) and its Sentry errors (shared project)
 *  notif-smtp         notifications' SMTP errors (shared project) and its queue alert, same time as auth
 *  invoicing-job      invoicing CronJob run failed; its Sentry issue arrives first without tags
 *  gateway-5xx        gateway 5xx: probe, app rule, Grafana
 *  memory-overcommit  cluster-level KubeMemoryOvercommit, 110 minutes after cpu-overcommit
 *  checkout-again     checkout error rate again, 85 minutes after checkout-deploy ended (a recurrence)
 *  fraud-crash        fraud-worker crash loop and replicas mismatch
 *  node2-notready     node ip-10-0-2-22 not ready and unreachable
 *  payments-latency   payments-api latency (app rule, Grafana)
 *  prom-disk          Prometheus' own PVC filling
 *  cart-crash         cart crash-looping, two hours after cart-image
 *  catalog-errors     catalog Sentry errors and its error-rate rule, late in the day
 *  apiserver-budget   KubeAPIErrorBudgetBurn
 * Watchdog (always firing) and InfoInhibitor are heartbeats/meta alerts: no incident.
 */
export function kubernetesDay(): Story {
  const s = new StoryBuilder(
    'kubernetes-day',
    'three hours of kube-prometheus-stack, Grafana and Sentry on 12 services',
    Date.parse('2026-11-10T08:00:00Z'),
    11,
  );
  const m = (x: number) => s.t(x);
  const am: Episode[] = [];
  const gf: Episode[] = [];
  const ep = (list: Episode[], a: Alert, start: number, end: number | undefined, truth: string | null) =>
    list.push(s.episode(a, start, end, truth));
  const grafanaAlert = (name: string, severity: string, labels: Record<string, string>, summary: string): Alert => ({
    labels: { alertname: name, severity, ...labels },
    annotations: { summary, description: summary },
  });

  // Heartbeats and meta alerts.
  ep(am, watchdog(), -600, undefined, null);
  ep(am, infoInhibitor('shop'), 21, 49, null);

  // checkout-deploy (5 – 40)
  const ck1 = 'checkout-7d9f8b6c5d-x2k4p';
  const ck2 = 'checkout-7d9f8b6c5d-9wq7m';
  ep(
    am,
    ksmPod('KubePodCrashLooping', 'warning', 'shop', ck1, 'checkout', { reason: 'CrashLoopBackOff', uid: 'c1' }),
    6,
    38,
    'checkout-deploy',
  );
  ep(
    am,
    ksmPod('KubePodCrashLooping', 'warning', 'shop', ck2, 'checkout', { reason: 'CrashLoopBackOff', uid: 'c2' }),
    7,
    38,
    'checkout-deploy',
  );
  ep(
    am,
    ksmObject(
      'KubeDeploymentReplicasMismatch',
      'warning',
      'shop',
      { deployment: 'checkout' },
      'Deployment has not matched the expected number of replicas.',
    ),
    10,
    39,
    'checkout-deploy',
  );
  ep(
    am,
    appAlert('CheckoutHighErrorRate', 'critical', 'shop', 'checkout', 'Checkout 5xx ratio above 5%'),
    6,
    37,
    'checkout-deploy',
  );
  ep(
    am,
    probeFailed('shop', 'http://checkout.shop.svc.cluster.local:8080/healthz', 'checkout-http'),
    8,
    36,
    'checkout-deploy',
  );
  ep(
    gf,
    grafanaAlert(
      'Checkout p99 latency',
      'warning',
      { service: 'checkout', namespace: 'shop', team: 'shop' },
      'p99 above 2s',
    ),
    7,
    39,
    'checkout-deploy',
  );

  // node3-disk (12 – 30)
  ep(
    am,
    nodeExporter(
      'NodeFilesystemSpaceFillingUp',
      'warning',
      '10.0.3.33',
      '/var/lib/containerd',
      'kps-prometheus-node-exporter-x8k2d',
    ),
    12,
    31,
    'node3-disk',
  );
  ep(
    am,
    nodeExporter(
      'NodeFilesystemAlmostOutOfSpace',
      'critical',
      '10.0.3.33',
      '/var/lib/containerd',
      'kps-prometheus-node-exporter-x8k2d',
    ),
    19,
    30,
    'node3-disk',
  );

  // catalog-load (20 – 50), same namespace and hour as checkout-deploy
  ep(
    am,
    ksmObject(
      'KubeHpaMaxedOut',
      'warning',
      'shop',
      { horizontalpodautoscaler: 'catalog' },
      'HPA is running at max replicas',
    ),
    20,
    50,
    'catalog-load',
  );
  ep(am, cpuThrottling('shop', 'catalog-5c8d7f9b4-abcde', 'catalog'), 21, 49, 'catalog-load');
  ep(am, cpuThrottling('shop', 'catalog-5c8d7f9b4-fghij', 'catalog'), 22, 48, 'catalog-load');
  ep(
    am,
    appAlert('CatalogSlowRequests', 'warning', 'shop', 'catalog', 'Catalog p95 above 800ms', 'catalog-5c8d7f9b4-abcde'),
    23,
    47,
    'catalog-load',
  );

  // cpu-overcommit (10 – 25)
  ep(
    am,
    clusterAlert('KubeCPUOvercommit', 'Cluster has overcommitted CPU resource requests.'),
    10,
    25,
    'cpu-overcommit',
  );

  // cart-image (28 – 45)
  ep(
    am,
    ksmPod('KubeContainerWaiting', 'warning', 'shop', 'cart-6c9f7d8b7-p4q5r', 'cart', { reason: 'ImagePullBackOff' }),
    28,
    44,
    'cart-image',
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
    31,
    45,
    'cart-image',
  );

  // ledger-disk (35 – 70)
  ep(
    am,
    kubeletVolume(
      'KubePersistentVolumeFillingUp',
      'critical',
      'payments',
      'data-ledger-1',
      'ip-10-0-1-11.eu-west-1.compute.internal',
      '10.0.1.11',
    ),
    35,
    70,
    'ledger-disk',
  );
  ep(am, ksmPod('KubePodNotReady', 'warning', 'payments', 'ledger-1', 'ledger'), 41, 66, 'ledger-disk');
  ep(
    am,
    ksmObject(
      'KubeStatefulSetReplicasMismatch',
      'warning',
      'payments',
      { statefulset: 'ledger' },
      'StatefulSet has not matched the expected number of replicas.',
    ),
    43,
    66,
    'ledger-disk',
  );

  // frontend-js (60 – 75): Sentry (below) and Grafana
  ep(
    gf,
    grafanaAlert(
      'Frontend 5xx',
      'warning',
      { service: 'frontend', namespace: 'shop', team: 'shop' },
      'frontend 5xx above 1%',
    ),
    61,
    74,
    'frontend-js',
  );

  // search-slow (70 – 95)
  ep(am, appAlert('SearchLatencyHigh', 'warning', 'platform', 'search', 'Search p95 above 1s'), 70, 95, 'search-slow');
  ep(am, ksmPod('KubePodNotReady', 'warning', 'platform', 'search-2', 'search'), 73, 92, 'search-slow');
  ep(
    gf,
    grafanaAlert(
      'Search p95',
      'warning',
      { service: 'search', namespace: 'platform', team: 'platform' },
      'search p95 above 1s',
    ),
    71,
    94,
    'search-slow',
  );

  // auth-errors (80 – 100) and notif-smtp (82 – 100), same namespace, same Sentry project
  ep(
    am,
    appAlert('AuthLoginFailures', 'warning', 'platform', 'auth', 'Login failures above 10/s', 'auth-6f7c9d8b5-k2j4h'),
    80,
    99,
    'auth-errors',
  );
  ep(
    gf,
    grafanaAlert(
      'Auth error rate',
      'critical',
      { service: 'auth', namespace: 'platform', team: 'platform' },
      'auth 5xx above 5%',
    ),
    81,
    98,
    'auth-errors',
  );
  ep(
    am,
    appAlert('NotificationsQueueBacklog', 'warning', 'platform', 'notifications', 'Mail queue above 10k'),
    84,
    100,
    'notif-smtp',
  );

  // invoicing-job (90 – 110)
  ep(
    am,
    ksmObject('KubeJobFailed', 'warning', 'platform', { job_name: 'invoicing-29381220' }, 'Job failed to complete.'),
    90,
    110,
    'invoicing-job',
  );

  // gateway-5xx (100 – 120)
  ep(
    am,
    probeFailed('platform', 'http://gateway.platform.svc.cluster.local/healthz', 'gateway-http'),
    101,
    118,
    'gateway-5xx',
  );
  ep(
    am,
    appAlert('GatewayHigh5xx', 'critical', 'platform', 'gateway', 'Gateway 5xx above 2%', 'gateway-58d9c7b6f4-zz9xk'),
    100,
    119,
    'gateway-5xx',
  );
  ep(
    gf,
    grafanaAlert(
      'Gateway errors',
      'critical',
      { service: 'gateway', namespace: 'platform', team: 'platform' },
      'gateway errors',
    ),
    102,
    117,
    'gateway-5xx',
  );

  // memory-overcommit (120 – 135): entity-less like cpu-overcommit, 110 minutes later
  ep(
    am,
    clusterAlert('KubeMemoryOvercommit', 'Cluster has overcommitted memory resource requests.'),
    120,
    135,
    'memory-overcommit',
  );

  // checkout-again (125 – 150): same rule, same labels as in checkout-deploy
  ep(
    am,
    appAlert('CheckoutHighErrorRate', 'critical', 'shop', 'checkout', 'Checkout 5xx ratio above 5%'),
    125,
    148,
    'checkout-again',
  );

  // fraud-crash (130 – 140)
  ep(
    am,
    ksmPod('KubePodCrashLooping', 'warning', 'payments', 'fraud-worker-5f6d7c8b9-mn3op', 'fraud-worker', {
      reason: 'CrashLoopBackOff',
    }),
    130,
    141,
    'fraud-crash',
  );
  ep(
    am,
    ksmObject(
      'KubeDeploymentReplicasMismatch',
      'warning',
      'payments',
      { deployment: 'fraud-worker' },
      'Deployment has not matched the expected number of replicas.',
    ),
    133,
    141,
    'fraud-crash',
  );

  // node2-notready (140 – 160)
  ep(
    am,
    ksmObject(
      'KubeNodeNotReady',
      'warning',
      '',
      { node: 'ip-10-0-2-22.eu-west-1.compute.internal' },
      'Node is not ready.',
    ),
    140,
    160,
    'node2-notready',
  );
  ep(
    am,
    ksmObject(
      'KubeNodeUnreachable',
      'warning',
      '',
      { node: 'ip-10-0-2-22.eu-west-1.compute.internal' },
      'Node is unreachable.',
    ),
    141,
    159,
    'node2-notready',
  );

  // payments-latency (150 – 165)
  ep(
    am,
    appAlert('PaymentsLatencyHigh', 'warning', 'payments', 'payments-api', 'payments p99 above 1.5s'),
    150,
    165,
    'payments-latency',
  );
  ep(
    gf,
    grafanaAlert(
      'Payments p99',
      'warning',
      { service: 'payments-api', namespace: 'payments', team: 'payments' },
      'payments p99',
    ),
    151,
    164,
    'payments-latency',
  );

  // prom-disk (155 – 178)
  ep(
    am,
    kubeletVolume(
      'KubePersistentVolumeFillingUp',
      'warning',
      'monitoring',
      'prometheus-kps-prometheus-db-prometheus-kps-prometheus-0',
      'ip-10-0-3-33.eu-west-1.compute.internal',
      '10.0.3.33',
    ),
    155,
    178,
    'prom-disk',
  );

  // cart-crash (160 – 170)
  ep(
    am,
    ksmPod('KubePodCrashLooping', 'warning', 'shop', 'cart-6c9f7d8b7-t7u8v', 'cart', { reason: 'CrashLoopBackOff' }),
    160,
    171,
    'cart-crash',
  );

  // catalog-errors (165 – 178)
  ep(
    am,
    appAlert('CatalogErrorRate', 'warning', 'shop', 'catalog', 'Catalog 5xx above 1%'),
    166,
    178,
    'catalog-errors',
  );

  // apiserver-budget (45 – 60)
  ep(
    am,
    {
      labels: {
        alertname: 'KubeAPIErrorBudgetBurn',
        severity: 'warning',
        long: '6h',
        short: '30m',
        job: 'apiserver',
        prometheus: 'monitoring/kps-prometheus',
      },
      annotations: {
        summary: 'The API server is burning too much error budget.',
        description: 'The API server is burning too much error budget.',
      },
    },
    45,
    60,
    'apiserver-budget',
  );

  const end = m(180);
  notify(s, am, end, {
    source: 'alertmanager',
    haDoubleSend: 0.15,
    routes: [
      { receiver: 'default', groupBy: ['namespace'] },
      { receiver: 'critical-pager', groupBy: ['namespace', 'alertname'], match: (l) => l['severity'] === 'critical' },
    ],
    repeatIntervalMs: 30 * 60_000,
  });
  notify(s, gf, end, {
    source: 'grafana',
    routes: [{ receiver: 'oncall', groupBy: ['grafana_folder', 'alertname'] }],
    folder: (l) => l['team'] ?? 'General',
  });

  // Sentry
  const sentry = (
    issue: SentryIssueSpec,
    times: number[],
    tags: Record<string, string>,
    truth: string,
    issueFirst = true,
  ) => {
    if (issueFirst) s.sentryIssue(m(times[0]), 'created', issue, truth);
    // Events between the listed ones, as an issue alert rule with a short interval sends them.
    const extra = times.slice(1).map((t, i) => times[i] + (t - times[i]) * s.random());
    for (const t of [...times, ...extra]) s.sentryEvent(m(t), issue, { environment: 'production', ...tags }, truth);
  };
  sentry(
    { id: '4410001', project: 'checkout', title: "KeyError: 'currency'", culprit: 'checkout.pricing in quote' },
    [7, 12, 20, 31],
    { server_name: ck1, release: 'checkout@2.14.0' },
    'checkout-deploy',
  );
  sentry(
    {
      id: '4410002',
      project: 'frontend',
      title: "TypeError: Cannot read properties of undefined (reading 'items')",
      culprit: 'app/cart/CartView',
    },
    [60, 63, 66, 70, 73],
    { browser: 'Chrome 131', release: 'frontend@9.2.1' },
    'frontend-js',
  );
  s.sentryIssue(
    m(68),
    'resolved',
    {
      id: '4410002',
      project: 'frontend',
      title: "TypeError: Cannot read properties of undefined (reading 'items')",
      culprit: 'app/cart/CartView',
    },
    'frontend-js',
  );
  sentry(
    {
      id: '4410003',
      project: 'platform-backend',
      title: 'InvalidTokenError: signature has expired',
      culprit: 'auth.tokens in verify',
    },
    [81, 86, 92],
    { service: 'auth', server_name: 'auth-6f7c9d8b5-k2j4h' },
    'auth-errors',
  );
  sentry(
    {
      id: '4410004',
      project: 'platform-backend',
      title: 'SMTPServerDisconnected: Connection unexpectedly closed',
      culprit: 'notifications.mailer in send',
    },
    [83, 88, 95],
    { service: 'notifications', server_name: 'notifications-7b8c9d6f5-q1w2e' },
    'notif-smtp',
  );
  sentry(
    {
      id: '4410005',
      project: 'platform-backend',
      title: 'IntegrityError: duplicate key value violates unique constraint "invoice_number"',
      culprit: 'invoicing.run in close_month',
    },
    [91, 92],
    { service: 'invoicing', server_name: 'invoicing-29381220-h7j8k' },
    'invoicing-job',
  );
  sentry(
    {
      id: '4410006',
      project: 'checkout',
      title: 'ConnectionError: payments-api timed out',
      culprit: 'checkout.client in charge',
    },
    [126, 131, 140],
    { server_name: 'checkout-8e1f2a3b4c-r5t6y', release: 'checkout@2.14.1' },
    'checkout-again',
  );
  sentry(
    {
      id: '4410007',
      project: 'catalog',
      title: 'OperationalError: canceling statement due to statement timeout',
      culprit: 'catalog.db in query',
    },
    [165, 170, 176],
    { server_name: 'catalog-5c8d7f9b4-abcde' },
    'catalog-errors',
  );
  return s.build();
}
