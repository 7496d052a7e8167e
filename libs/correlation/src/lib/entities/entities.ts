import { EntityLabels } from '@mozaic/contracts';

/**
 * The common entity model. Every source maps its own names into EntityLabels; this derives from
 * them the keys that identify *what* is affected and the context that must not conflict
 * (account, environment, namespace, cluster, region).
 *
 * Keys, strongest first:
 * - `service:` (or `host:`, `endpoint:`) — what is affected;
 * - `alarm:` — a CloudWatch alarm by name; a composite alarm carries its children's, so it joins
 *   the incident of what it aggregates;
 * - `system:` — weak: the first word of a service's name (`orders` for orders-db, orders-worker,
 *   the orders ALB) or a Grafana folder. Resources of one system that start failing within moments
 *   of each other are one cascade; far apart in time, a shared system says nothing.
 */
export interface EntityProfile {
  /** e.g. ["service:checkout", "system:checkout"], strongest first. */
  keys: string[];
  context: Record<string, string>;
}

export const WEAK_KEY_PREFIX = 'system:';
export const isWeakKey = (k: string) => k.startsWith(WEAK_KEY_PREFIX);

/** Words that name no system: infrastructure, environments, generic prefixes. */
const GENERIC_WORDS = new Set([
  'api',
  'app',
  'web',
  'www',
  'svc',
  'service',
  'srv',
  'server',
  'backend',
  'frontend',
  'db',
  'k8s',
  'kube',
  'aws',
  'gcp',
  'azure',
  'prod',
  'production',
  'staging',
  'stage',
  'stg',
  'dev',
  'test',
  'qa',
  'my',
  'the',
  'internal',
  'external',
  'general',
  'default',
  'team',
  'ip',
  'i',
  'kps',
  'prometheus',
  'grafana',
]);

/** The system a service name belongs to (its first meaningful word), if any. */
export function systemOf(name: string): string | undefined {
  const word = normalizeName(name)
    .split(/[-_./\s]+/)
    .find((w) => w.length >= 3 && !GENERIC_WORDS.has(w) && !/^\d/.test(w));
  return word;
}

/** An environment word inside a resource name (orders-db-prod, payments-staging-alb). */
const ENV_WORD = /(?:^|[-_.])(prod|production|prd|staging|stage|stg|dev|development|qa)(?=$|[-_.])/;

/** Splits the environment out of a resource name: "orders-db-prod" → orders-db, production. */
export function splitEnvironment(name: string): { name: string; environment?: string } {
  const n = normalizeName(name);
  const m = n.match(ENV_WORD);
  if (!m) return { name: n };
  const rest = (n.slice(0, m.index) + n.slice((m.index ?? 0) + m[0].length))
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .replace(/([-_.])[-_.]+/g, '$1');
  return { name: rest || n, environment: ENVIRONMENTS[m[1]] ?? m[1] };
}

/** Where something runs: alerts that name different values of one of these never group. */
export const CONTEXT_LABELS = ['account', 'environment', 'namespace', 'cluster', 'region'] as const;

/** Spellings of one environment, so that Sentry's "production" and a label's "prod" agree. */
const ENVIRONMENTS: Record<string, string> = {
  prod: 'production',
  prd: 'production',
  live: 'production',
  stage: 'staging',
  stg: 'staging',
  dev: 'development',
  develop: 'development',
};

/** Kubernetes pod names: <workload>-<replicaset hash>-<5 chars>, or <statefulset>-<ordinal>. */
const POD_SUFFIX = /-(?:[a-z0-9]{6,10}-[a-z0-9]{5}|[a-z0-9]{5}|\d+)$/;
/** Docker compose / swarm replicas: <project>-<service>-<n>, <service>_<n>, <service>.<n>.<id>. */
const REPLICA_SUFFIX = /(?:[-_.]\d+)(?:\.[a-z0-9]{10,})?$/;
/** Infrastructure words around a service name in load balancer, target group or alarm names. */
const INFRA_AFFIX =
  /(?:^(?:app|net|k8s)[-/])|(?:[-_](?:alb|elb|nlb|lb|tg|svc|service|deployment|deploy|api|dlq|deadletter|dead-letter|replica(?:-\d+)?|read-replica))+$/;

export function normalizeName(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Whether a name has the shape of a Kubernetes pod name (a workload plus generated suffixes). */
export function looksLikePod(name: string): boolean {
  return /-(?:[a-z0-9]{6,10}-[a-z0-9]{5}|\d{8,}-[a-z0-9]{5})$/.test(name.trim().toLowerCase());
}

/** The workload a pod name stands for: Deployment, StatefulSet, DaemonSet or CronJob-run pods. */
export function workloadOfPod(pod: string): string {
  return normalizeName(pod)
    .replace(/-\d{8,}-[a-z0-9]{5}$/, '')
    .replace(POD_SUFFIX, '');
}

/**
 * The service a workload, pod, container or load-balancer name stands for. `project` (e.g. a
 * Sentry project slug) is the weakest evidence: used only when nothing names the service.
 */
export function serviceName(labels: EntityLabels): string | undefined {
  if (labels.service) return stripInfra(normalizeName(labels.service));
  if (labels.workload) return stripInfra(normalizeName(labels.workload));
  if (labels.pod) return stripInfra(workloadOfPod(labels.pod));
  if (labels.container)
    return stripInfra(normalizeName(labels.container).replace(/^\//, '').replace(REPLICA_SUFFIX, ''));
  if (labels['project']) return stripInfra(normalizeName(labels['project']));
  return undefined;
}

function stripInfra(name: string): string {
  let prev = '';
  let cur = name;
  while (cur !== prev) {
    prev = cur;
    cur = cur.replace(INFRA_AFFIX, '');
  }
  return cur || name;
}

/** A host as its short name (web01.internal and web01 are one machine); IP addresses stay whole. */
export function hostName(raw: string): string {
  const n = normalizeName(raw);
  if (/^[\d.]+$/.test(n) || n.includes(':')) return n;
  return n.split('.')[0] || n;
}

export function entityProfile(labels: EntityLabels): EntityProfile {
  const keys: string[] = [];
  const service = serviceName(labels);
  if (service) keys.push(`service:${service}`);
  // A host is a machine something runs on alone or with few others (a VM, an EC2 instance, a
  // node for node-level alerts): what fails there together belongs together. Containers and pods
  // share nodes with unrelated neighbours, so mappers put those under "node", which is no key.
  if (labels.host) keys.push(`host:${hostName(labels.host)}`);
  if (!service && !labels.host && labels['endpoint']) keys.push(`endpoint:${normalizeName(labels['endpoint'])}`);
  // The pod itself, when named: tells apart the same service's pods in two clusters (a Sentry
  // event's server_name against the crash-looping pod of one of them).
  if (labels.pod) keys.push(`pod:${normalizeName(labels.pod)}`);
  if (labels.alarm) keys.push(`alarm:${normalizeName(labels.alarm)}`);
  for (const child of (labels['aggregates'] ?? '').split(',').filter(Boolean))
    keys.push(`alarm:${normalizeName(child)}`);
  const system = (service && systemOf(service)) ?? (labels['folder'] ? systemOf(labels['folder']) : undefined);
  if (system) keys.push(`${WEAK_KEY_PREFIX}${system}`);
  const context: Record<string, string> = {};
  for (const k of CONTEXT_LABELS) {
    const v = labels[k];
    if (!v) continue;
    const name = normalizeName(v);
    context[k] = k === 'environment' ? (ENVIRONMENTS[name] ?? name) : name;
  }
  return { keys, context };
}

/** Two contexts conflict when both name the same dimension with different values. */
export function contextsConflict(a: Record<string, string>, b: Record<string, string>): boolean {
  for (const k of Object.keys(a)) if (b[k] !== undefined && b[k] !== a[k]) return true;
  return false;
}
