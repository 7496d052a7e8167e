import { EntityLabels } from '@mozaic/contracts';

/**
 * The common entity model. Every source maps its own names into EntityLabels; this derives from
 * them the keys that identify *what* is affected (strong keys: a service, a host) and the context
 * that must not conflict (environment, namespace, cluster, region).
 */
export interface EntityProfile {
  /** e.g. ["service:checkout", "host:ip-10-0-1-7"], most specific first. */
  keys: string[];
  context: Record<string, string>;
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
const INFRA_AFFIX = /(?:^(?:app|net|k8s)[-/])|(?:[-_](?:alb|elb|nlb|lb|tg|svc|service|deployment|deploy|api))+$/;

export function normalizeName(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '-');
}

/** Whether a name has the shape of a Kubernetes pod name (a workload plus generated suffixes). */
export function looksLikePod(name: string): boolean {
  return /-(?:[a-z0-9]{6,10}-[a-z0-9]{5}|\d{8,}-[a-z0-9]{5})$/.test(name.trim().toLowerCase());
}

/** The workload a pod name stands for: Deployment, StatefulSet, DaemonSet or CronJob-run pods. */
export function workloadOfPod(pod: string): string {
  return normalizeName(pod).replace(/-\d{8,}-[a-z0-9]{5}$/, '').replace(POD_SUFFIX, '');
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

export function entityProfile(labels: EntityLabels): EntityProfile {
  const keys: string[] = [];
  const service = serviceName(labels);
  if (service) keys.push(`service:${service}`);
  // A host identifies what is affected only when no service is named: containers and pods share
  // hosts (nodes) with unrelated neighbours, so mappers put those under "node" instead.
  else if (labels.host) keys.push(`host:${normalizeName(labels.host)}`);
  else if (labels['endpoint']) keys.push(`endpoint:${normalizeName(labels['endpoint'])}`);
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
