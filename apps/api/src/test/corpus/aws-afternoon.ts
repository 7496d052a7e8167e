import { Episode, notify } from './notifier';
import { AlarmSpec, alarmStateChange, compositeStateChange, SentryIssueSpec } from './payloads';
import { Story, StoryBuilder } from './story';

/**
 * Three hours of a team on AWS without Kubernetes: ECS services and Lambda functions behind load
 * balancers, RDS, SQS, DynamoDB, OpenSearch; two prod regions (eu-west-1, us-east-1) of account
 * 111122223333 and a staging account 444455556666 — the same resource names in each. CloudWatch
 * alarms arrive through EventBridge, Grafana alerts (CloudWatch data source, some labelled by
 * dimension, some not) and Sentry issues of the services.
 *
 * The true incidents:
 *  orders-db-eu       RDS orders-db-prod overloaded (eu-west-1): its CPU and connections, the
 *                     replica's lag, the orders ALB's 5xx and latency, the orders-api ECS service,
 *                     the orders-worker Lambda, the orders queue and its DLQ, the composite alarm
 *                     over them, Grafana's orders panels, Sentry errors of orders-api
 *  orders-db-staging  the same database in staging, at the same time (another account)
 *  orders-db-us       the same database name in us-east-1, overlapping in time (another region)
 *  sessions-throttle  DynamoDB sessions-prod throttled; the auth Lambda behind it throttles
 *  image-resizer      image-resizer Lambda: duration and errors
 *  payments-cpu       payments-api ECS CPU, payments ALB 5xx, Sentry payments-api
 *  report-timeout     report-generator Lambda errors (alone)
 *  notifications-q    notifications queue backing up, its DLQ, the notifier Lambda, Sentry notifier
 *  orders-5xx-again   the orders ALB 5xx again 60 minutes after the outage, with a new Sentry issue
 *  bastion-cpu        one EC2 instance's CPU (alone)
 *  search-red         OpenSearch search-prod red and low on storage, Grafana search panel
 *  staging-payments   a staging payments alarm (alone)
 *  public-api-5xx     API Gateway public-api-prod 5xx and its handler Lambda's errors
 *  billing-disk       RDS billing-db-prod low on storage and billing-service's Sentry errors
 *  orders-queue-us    the us-east-1 orders queue backing up, 80 minutes after orders-db-us
 *  checkout-web       checkout-web's Sentry errors about orders-api during the outage: a client of
 *                     the failing service — scored as part of orders-db-eu
 * The third hour:
 *  cache-evictions    ElastiCache sessions-cache-prod evicting and hot; auth-service's Sentry
 *                     errors name the cache
 *  clickstream-lag    Kinesis clickstream-prod iterator age and its processor Lambda's errors
 *  us-payments        payments-api ECS and the payments ALB in us-east-1
 *  billing-close      the billing-close Step Functions state machine failing, billing-service
 *                     Sentry errors (45 minutes after billing-disk)
 *  staging-deploy     a staging orders-api deploy: ECS and the staging ALB
 *  orders-tg          unhealthy hosts in the orders target group, late in the day
 *  sqs-dlq-late       the orders DLQ of eu-west-1 filling again (a new alarm episode)
 */
const PROD = '111122223333';
const STAGING = '444455556666';

export function awsAfternoon(): Story {
  const s = new StoryBuilder(
    'aws-afternoon',
    'three hours of CloudWatch via EventBridge, Grafana and Sentry on ECS, Lambda, RDS, SQS',
    Date.parse('2026-11-12T13:00:00Z'),
    23,
  );
  const m = (x: number) => s.t(x);
  const alarm = (
    truth: string,
    spec: Omit<AlarmSpec, 'account' | 'region'> & { account?: string; region?: string },
    start: number,
    end: number | undefined,
    value = 97,
  ) => {
    const full: AlarmSpec = { account: PROD, region: 'eu-west-1', ...spec };
    s.add({
      at: m(start) + 20_000,
      source: 'cloudwatch',
      body: alarmStateChange(full, 'ALARM', m(start), value, s.id('evt-')),
      truth: [truth],
    });
    if (end !== undefined)
      s.add({
        at: m(end) + 20_000,
        source: 'cloudwatch',
        body: alarmStateChange(full, 'OK', m(end), value / 4, s.id('evt-')),
        truth: [truth],
      });
  };
  const rds = (id: string, metric: string, threshold: number) => ({
    name: `${id}-${metric.toLowerCase()}`,
    namespace: 'AWS/RDS',
    metric,
    threshold,
    dimensions: { DBInstanceIdentifier: id },
  });
  const alb = (name: string, metric: string, threshold: number) => ({
    name: `${name}-${metric === 'TargetResponseTime' ? 'latency' : '5xx'}`,
    namespace: 'AWS/ApplicationELB',
    metric,
    threshold,
    statistic: 'Sum',
    dimensions: { LoadBalancer: `app/${name}/50dc6c495c0c9188` },
  });
  const lambda = (fn: string, metric: string, threshold: number) => ({
    name: `${fn}-${metric.toLowerCase()}`,
    namespace: 'AWS/Lambda',
    metric,
    threshold,
    statistic: 'Sum',
    dimensions: { FunctionName: fn },
  });
  const sqs = (q: string, metric: string, threshold: number) => ({
    name: `${q}-${metric === 'ApproximateAgeOfOldestMessage' ? 'age' : 'visible'}`,
    namespace: 'AWS/SQS',
    metric,
    threshold,
    statistic: 'Maximum',
    dimensions: { QueueName: q },
  });
  const ecs = (service: string, metric: string, threshold: number) => ({
    name: `${service}-${metric.toLowerCase()}`,
    namespace: 'AWS/ECS',
    metric,
    threshold,
    dimensions: { ClusterName: 'prod', ServiceName: service },
  });

  // orders-db-eu (10 – 40)
  alarm('orders-db-eu', rds('orders-db-prod', 'CPUUtilization', 90), 10, 40);
  alarm('orders-db-eu', rds('orders-db-prod', 'DatabaseConnections', 400), 11, 39, 512);
  alarm('orders-db-eu', rds('orders-db-prod-replica-1', 'ReplicaLag', 30), 12, 38, 240);
  alarm('orders-db-eu', alb('orders-prod-alb', 'HTTPCode_Target_5XX_Count', 50), 12, 37, 812);
  alarm('orders-db-eu', alb('orders-prod-alb', 'TargetResponseTime', 2), 13, 37, 9.4);
  alarm('orders-db-eu', ecs('orders-api', 'CPUUtilization', 85), 14, 36);
  alarm('orders-db-eu', lambda('orders-worker-prod', 'Errors', 5), 13, 38, 64);
  alarm('orders-db-eu', sqs('orders-events-prod', 'ApproximateAgeOfOldestMessage', 300), 16, 40, 1800);
  alarm('orders-db-eu', sqs('orders-events-prod-dlq', 'ApproximateNumberOfMessagesVisible', 0), 20, undefined, 148);
  s.add({
    at: m(12) + 25_000,
    source: 'cloudwatch',
    body: compositeStateChange(
      PROD,
      'eu-west-1',
      'orders-prod-degraded',
      ['orders-db-prod-cpuutilization', 'orders-prod-alb-5xx'],
      'ALARM',
      m(12),
      s.id('evt-'),
    ),
    truth: ['orders-db-eu'],
  });
  s.add({
    at: m(38) + 25_000,
    source: 'cloudwatch',
    body: compositeStateChange(
      PROD,
      'eu-west-1',
      'orders-prod-degraded',
      ['orders-db-prod-cpuutilization', 'orders-prod-alb-5xx'],
      'OK',
      m(38),
      s.id('evt-'),
    ),
    truth: ['orders-db-eu'],
  });

  // orders-db-staging (15 – 30), another account, same names but -staging
  alarm('orders-db-staging', { ...rds('orders-db-staging', 'CPUUtilization', 90), account: STAGING }, 15, 30);
  alarm(
    'orders-db-staging',
    { ...alb('orders-staging-alb', 'HTTPCode_Target_5XX_Count', 50), account: STAGING },
    17,
    29,
    77,
  );

  // orders-db-us (25 – 45), same names as eu, another region
  alarm('orders-db-us', { ...rds('orders-db-prod', 'DatabaseConnections', 400), region: 'us-east-1' }, 25, 45, 455);
  alarm('orders-db-us', { ...lambda('orders-worker-prod', 'Errors', 5), region: 'us-east-1' }, 27, 44, 31);

  // sessions-throttle (35 – 50)
  alarm(
    'sessions-throttle',
    {
      name: 'sessions-prod-throttles',
      namespace: 'AWS/DynamoDB',
      metric: 'ThrottledRequests',
      threshold: 10,
      statistic: 'Sum',
      dimensions: { TableName: 'sessions-prod', Operation: 'GetItem' },
    },
    35,
    50,
    240,
  );
  alarm('sessions-throttle', lambda('auth-authorizer-prod', 'Throttles', 1), 36, 49, 55);

  // image-resizer (50 – 60)
  alarm('image-resizer', lambda('image-resizer-prod', 'Duration', 10000), 50, 60, 14800);
  alarm('image-resizer', lambda('image-resizer-prod', 'Errors', 5), 52, 60, 22);

  // payments-cpu (55 – 75)
  alarm('payments-cpu', ecs('payments-api', 'CPUUtilization', 85), 55, 75);
  alarm('payments-cpu', alb('payments-prod-alb', 'HTTPCode_Target_5XX_Count', 50), 57, 74, 95);

  // report-timeout (60 – 64)
  alarm('report-timeout', lambda('report-generator-prod', 'Errors', 1), 60, 64, 3);

  // notifications-q (70 – 95)
  alarm('notifications-q', sqs('notifications-prod', 'ApproximateAgeOfOldestMessage', 600), 70, 95, 2400);
  alarm('notifications-q', sqs('notifications-prod-dlq', 'ApproximateNumberOfMessagesVisible', 0), 74, undefined, 31);
  alarm('notifications-q', lambda('notifier-prod', 'Errors', 5), 71, 93, 120);

  // orders-5xx-again (100 – 112)
  alarm('orders-5xx-again', alb('orders-prod-alb', 'HTTPCode_Target_5XX_Count', 50), 100, 112, 140);

  // bastion-cpu (85 – 95)
  alarm(
    'bastion-cpu',
    {
      name: 'bastion-cpu-high',
      namespace: 'AWS/EC2',
      metric: 'CPUUtilization',
      threshold: 90,
      dimensions: { InstanceId: 'i-0a1b2c3d4e5f67890' },
    },
    85,
    95,
  );

  // search-red (90 – 110)
  const es = (metric: string, threshold: number) => ({
    name: `search-prod-${metric.toLowerCase()}`,
    namespace: 'AWS/ES',
    metric,
    threshold,
    statistic: 'Maximum',
    dimensions: { DomainName: 'search-prod', ClientId: PROD },
  });
  alarm('search-red', es('ClusterStatus.red', 0), 90, 110, 1);
  alarm('search-red', es('FreeStorageSpace', 20480), 91, 110, 9800);

  // staging-payments (95 – 105)
  alarm(
    'staging-payments',
    { ...ecs('payments-api', 'CPUUtilization', 85), account: STAGING, name: 'payments-api-staging-cpu' },
    95,
    105,
  );

  // public-api-5xx (100 – 118)
  alarm(
    'public-api-5xx',
    {
      name: 'public-api-prod-5xx',
      namespace: 'AWS/ApiGateway',
      metric: '5XXError',
      threshold: 10,
      statistic: 'Sum',
      dimensions: { ApiName: 'public-api-prod', Stage: 'v1' },
    },
    100,
    118,
    88,
  );
  alarm('public-api-5xx', lambda('public-api-handler-prod', 'Errors', 5), 101, 117, 70);

  // billing-disk (105 – 118)
  alarm('billing-disk', rds('billing-db-prod', 'FreeStorageSpace', 5e9), 105, 118, 1.2e9);

  // orders-queue-us (110 – 120)
  alarm(
    'orders-queue-us',
    { ...sqs('orders-events-prod', 'ApproximateAgeOfOldestMessage', 300), region: 'us-east-1' },
    110,
    undefined,
    900,
  );

  // The third hour (120 – 180)
  alarm(
    'cache-evictions',
    {
      name: 'sessions-cache-prod-evictions',
      namespace: 'AWS/ElastiCache',
      metric: 'Evictions',
      threshold: 1000,
      statistic: 'Sum',
      dimensions: { CacheClusterId: 'sessions-cache-prod-001' },
    },
    122,
    140,
    5400,
  );
  alarm(
    'cache-evictions',
    {
      name: 'sessions-cache-prod-cpu',
      namespace: 'AWS/ElastiCache',
      metric: 'EngineCPUUtilization',
      threshold: 80,
      dimensions: { CacheClusterId: 'sessions-cache-prod-001' },
    },
    123,
    139,
    93,
  );
  alarm(
    'clickstream-lag',
    {
      name: 'clickstream-prod-iterator-age',
      namespace: 'AWS/Kinesis',
      metric: 'GetRecords.IteratorAgeMilliseconds',
      threshold: 60000,
      statistic: 'Maximum',
      dimensions: { StreamName: 'clickstream-prod' },
    },
    128,
    150,
    420000,
  );
  alarm('clickstream-lag', lambda('clickstream-processor-prod', 'Errors', 5), 129, 149, 80);
  alarm('us-payments', { ...ecs('payments-api', 'CPUUtilization', 85), region: 'us-east-1' }, 135, 152);
  alarm(
    'us-payments',
    { ...alb('payments-prod-alb', 'HTTPCode_Target_5XX_Count', 50), region: 'us-east-1' },
    136,
    151,
    66,
  );
  alarm(
    'billing-close',
    {
      name: 'billing-close-prod-failed',
      namespace: 'AWS/States',
      metric: 'ExecutionsFailed',
      threshold: 1,
      statistic: 'Sum',
      dimensions: { StateMachineArn: `arn:aws:states:eu-west-1:${PROD}:stateMachine:billing-close-prod` },
    },
    163,
    175,
    3,
  );
  alarm(
    'staging-deploy',
    { ...ecs('orders-api', 'CPUUtilization', 85), account: STAGING, name: 'orders-api-staging-cpu' },
    150,
    160,
  );
  alarm(
    'staging-deploy',
    { ...alb('orders-staging-alb', 'HTTPCode_Target_5XX_Count', 50), account: STAGING },
    151,
    160,
    40,
  );
  alarm(
    'orders-tg',
    {
      name: 'orders-api-tg-unhealthy',
      namespace: 'AWS/ApplicationELB',
      metric: 'UnHealthyHostCount',
      threshold: 0,
      statistic: 'Maximum',
      dimensions: {
        TargetGroup: 'targetgroup/orders-api-tg/73e2d6bc24d8a067',
        LoadBalancer: 'app/orders-prod-alb/50dc6c495c0c9188',
      },
    },
    170,
    178,
    2,
  );
  alarm(
    'sqs-dlq-late',
    {
      ...sqs('orders-events-prod-dlq', 'ApproximateNumberOfMessagesVisible', 500),
      name: 'orders-events-prod-dlq-high',
    },
    175,
    undefined,
    612,
  );

  // Grafana (CloudWatch data source): some rules labelled by dimension, some only by folder.
  const gf: Episode[] = [];
  const g = (
    truth: string,
    folder: string,
    name: string,
    labels: Record<string, string>,
    start: number,
    end?: number,
  ) =>
    gf.push(
      s.episode(
        {
          labels: { alertname: name, ...labels, team: folder },
          annotations: { summary: name, description: `${name} (CloudWatch)` },
        },
        start,
        end,
        truth,
      ),
    );
  g('orders-db-eu', 'Orders', 'Orders API p99 latency', {}, 13, 37);
  g(
    'orders-db-eu',
    'Orders',
    'RDS connections',
    { DBInstanceIdentifier: 'orders-db-prod', region: 'eu-west-1' },
    12,
    39,
  );
  g(
    'payments-cpu',
    'Payments',
    'Payments 5xx',
    { LoadBalancer: 'app/payments-prod-alb/50dc6c495c0c9188', region: 'eu-west-1' },
    58,
    73,
  );
  g('search-red', 'Search', 'Search latency', {}, 92, 109);
  g(
    'notifications-q',
    'Notifications',
    'Notification backlog',
    { QueueName: 'notifications-prod', region: 'eu-west-1' },
    72,
    94,
  );
  g(
    'us-payments',
    'Payments',
    'Payments 5xx',
    { LoadBalancer: 'app/payments-prod-alb/50dc6c495c0c9188', region: 'us-east-1' },
    137,
    150,
  );
  g('clickstream-lag', 'Analytics', 'Clickstream freshness', {}, 130, 148);
  notify(s, gf, m(180), {
    repeatIntervalMs: 20 * 60_000,
    source: 'grafana',
    routes: [{ receiver: 'oncall', groupBy: ['grafana_folder', 'alertname'] }],
    folder: (l) => l['team'] ?? 'General',
  });

  // Sentry
  const sentry = (truth: string, issue: SentryIssueSpec, times: number[], tags: Record<string, string>) => {
    s.sentryIssue(m(times[0]), 'created', issue, truth);
    // Events between the listed ones, as an issue alert rule with a 1-minute interval sends them.
    const extra = times.slice(1).map((t, i) => times[i] + (t - times[i]) * s.random());
    for (const t of [...times, ...extra]) s.sentryEvent(m(t), issue, { environment: 'production', ...tags }, truth);
  };
  sentry(
    'orders-db-eu',
    {
      id: '5520001',
      project: 'orders-api',
      title: 'OperationalError: FATAL: remaining connection slots are reserved',
      culprit: 'orders.db in get_connection',
    },
    [11, 15, 22, 30],
    { server_name: 'ip-10-20-1-17.eu-west-1.compute.internal', region: 'eu-west-1' },
  );
  sentry(
    'checkout-web',
    {
      id: '5520002',
      project: 'checkout-web',
      title: 'HTTPError: 503 Service Unavailable from orders-api',
      culprit: 'checkout/api/orders',
    },
    [13, 18, 26],
    { browser: 'Chrome 131' },
  );
  sentry(
    'payments-cpu',
    {
      id: '5520003',
      project: 'payments-api',
      title: 'TimeoutError: charge took longer than 10s',
      culprit: 'payments.charge in create',
    },
    [56, 63, 70],
    { server_name: 'ip-10-20-3-9.eu-west-1.compute.internal' },
  );
  sentry(
    'notifications-q',
    {
      id: '5520004',
      project: 'notifier',
      title: 'ClientError: SendEmail rate exceeded',
      culprit: 'notifier.ses in send',
    },
    [71, 78, 88],
    {},
  );
  sentry(
    'orders-5xx-again',
    {
      id: '5520005',
      project: 'orders-api',
      title: "ValueError: invalid literal for int() with base 10: ''",
      culprit: 'orders.api in list_orders',
    },
    [100, 104, 110],
    { server_name: 'ip-10-20-1-22.eu-west-1.compute.internal', region: 'eu-west-1' },
  );
  sentry(
    'billing-disk',
    {
      id: '5520006',
      project: 'billing-service',
      title: 'DiskFullError: could not extend file',
      culprit: 'billing.ledger in append',
    },
    [106, 112],
    {},
  );
  sentry(
    'cache-evictions',
    {
      id: '5520007',
      project: 'auth-service',
      title: 'TimeoutError: Timeout connecting to sessions-cache-prod-001',
      culprit: 'auth.sessions in load',
    },
    [124, 127, 131, 136],
    {},
  );
  sentry(
    'billing-close',
    {
      id: '5520008',
      project: 'billing-service',
      title: 'StateMachineError: close_month step CloseLedger failed',
      culprit: 'billing.close in run',
    },
    [164, 168],
    {},
  );
  sentry(
    'us-payments',
    {
      id: '5520009',
      project: 'payments-api',
      title: 'TimeoutError: charge took longer than 10s',
      culprit: 'payments.charge in create',
    },
    [136, 140, 146],
    { server_name: 'ip-10-30-3-9.ec2.internal' },
  );
  const story = s.build();
  // checkout-web's errors are the outage's: score them with it.
  for (const d of story.deliveries) d.truth = d.truth.map((t) => (t === 'checkout-web' ? 'orders-db-eu' : t));
  return story;
}
