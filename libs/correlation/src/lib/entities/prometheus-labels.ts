import { EntityLabels } from '@mozaic/contracts';
import { entitiesFromCloudWatchDimensions, hasCloudWatchDimensions } from './cloudwatch-dimensions';

/**
 * What a Prometheus alert is about, from its labels, knowing the conventions of the ecosystems
 * MOZAIC claims (kube-prometheus-stack / kubernetes-mixin, the Prometheus operator's scrape
 * labels, node-exporter, blackbox, cAdvisor, Grafana-managed alerts).
 *
 * The trap: an alert computed from an *exporter's* metrics carries the exporter's scrape-target
 * labels — `job`, `service`, `instance`, `endpoint`, and (for metrics about objects other than
 * pods) its own `pod` and `container` — beside the labels of the object the metric describes
 * (`deployment`, `statefulset`, `daemonset`, `job_name`, `horizontalpodautoscaler`,
 * `persistentvolumeclaim`, `node`, and for pod metrics `pod`/`container`). Taking the exporter's
 * `service` for the workload joins every workload alert of a cluster into one "kube-state-metrics"
 * incident and keeps them out of their applications' incidents.
 */

/** Jobs whose metrics describe other things (the scraped exporter is not what is affected). */
const EXPORTER =
  /(?:^|[-_/])(?:kube-state-metrics|kubelet|cadvisor|(?:prometheus-)?node-exporter|node|blackbox(?:-exporter)?|probe|windows-exporter|process-exporter|kube-proxy)$/;
/** Exporters whose `instance` is the machine itself. */
const MACHINE_EXPORTER = /(?:^|[-_])(?:(?:prometheus-)?node-exporter|node|windows-exporter)$/;
/** Object labels of kube-state-metrics / kubelet series, most specific workload first. */
const WORKLOAD_LABELS = [
  'deployment',
  'statefulset',
  'daemonset',
  'cronjob',
  'replicaset',
  'job_name',
  'horizontalpodautoscaler',
  'persistentvolumeclaim',
] as const;
/** A Job created by a CronJob: <cronjob>-<scheduled minute>. */
const CRONJOB_RUN = /-\d{8,}$/;
/** A ReplicaSet: <deployment>-<pod-template-hash>. */
const REPLICASET = /-[a-z0-9]{8,10}$/;
/** A StatefulSet PVC: <claim template>-<statefulset>-<ordinal>. */
const STS_CLAIM = /^[a-z0-9]+-(.+)-\d+$/;
/** In-cluster DNS of a Service: <service>.<namespace>.svc[.cluster.local]. */
const SERVICE_DNS = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.[a-z0-9.-]+)?$/;
/** Heartbeats and meta alerts of kube-prometheus-stack and common setups. */
const META_ALERTS = /^(?:watchdog|deadmansswitch|dead-mans-switch|heartbeat|infoinhibitor)$/i;

/** Alerts that say a node is down (kubernetes-mixin, node-exporter setups): its pods fail with it. */
const NODE_DOWN_ALERTS = /^(?:KubeNodeNotReady|KubeNodeUnreachable|KubeletDown|NodeDown|NodeNotReady|HostDown)$/;

export function isMetaAlert(alertname: string | undefined): boolean {
  return !!alertname && META_ALERTS.test(alertname.trim());
}

function workloadOf(name: string, label: (typeof WORKLOAD_LABELS)[number]): string {
  if (label === 'job_name') return name.replace(CRONJOB_RUN, '');
  if (label === 'replicaset') return name.replace(REPLICASET, '');
  if (label === 'persistentvolumeclaim') return name.match(STS_CLAIM)?.[1] ?? name;
  return name;
}

/** host[:port] or a URL's host → the host name. */
function hostOf(instance: string): string {
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(instance)) return new URL(instance).hostname;
  } catch {
    /* not a URL */
  }
  return instance.replace(/^\[(.*)\](?::\d+)?$/, '$1').replace(/:\d+$/, '');
}

function clean(e: Record<string, string | undefined>): EntityLabels {
  const out: EntityLabels = {};
  for (const [k, v] of Object.entries(e)) if (v) out[k] = v.length > 200 ? v.slice(0, 200) : v;
  return out;
}

export function entitiesFromPrometheusLabels(labels: Record<string, string | undefined>): EntityLabels {
  const l = (k: string) => {
    const v = labels[k]?.trim();
    return v ? v : undefined;
  };
  const job = l('job');
  const scrapeService = l('service');
  const exporter =
    (job?.startsWith('probe/') ?? false) ||
    [job, scrapeService, l('container')].some((v) => v !== undefined && EXPORTER.test(v));
  const kubernetes = l('namespace') !== undefined || l('pod') !== undefined || l('node') !== undefined;

  // The object the series describes.
  let workload: string | undefined;
  for (const k of WORKLOAD_LABELS) {
    const v = l(k);
    if (v) {
      workload = workloadOf(v, k);
      break;
    }
  }
  // An exporter's own pod/container when the series is about another object (or a node).
  const exporterPod =
    exporter &&
    (workload !== undefined ||
      l('node') !== undefined ||
      EXPORTER.test(l('container') ?? '') ||
      (l('pod') ?? '').includes(scrapeService ?? '\u0000'));
  const pod = exporterPod ? undefined : l('pod');
  const container = exporterPod ? undefined : l('container');

  const instance = l('instance');
  const appLabel = [l('app_kubernetes_io_name'), l('app'), l('application')].find((v) => v && !EXPORTER.test(v));
  let service = exporter ? appLabel : (scrapeService ?? appLabel);
  let namespace = l('namespace');
  let host = l('node') ?? l('nodename') ?? l('host') ?? l('hostname');
  let endpoint: string | undefined;
  if (instance) {
    const h = hostOf(instance);
    const dns = h.match(SERVICE_DNS);
    if (dns) {
      // A probe of an in-cluster Service: that Service is what is affected.
      service ??= dns[1];
      namespace ??= dns[2];
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(instance)) {
      endpoint = h;
    } else if (!host && (!exporter ? !kubernetes : MACHINE_EXPORTER.test(job ?? scrapeService ?? ''))) {
      // A machine: a node exporter's target, or a target outside Kubernetes (its instance is a
      // host). A pod's IP is not a host: pods come and go on shared nodes.
      host = h;
    }
  }
  // A job outside Kubernetes and outside the exporters names the service (e.g. job="apiserver").
  if (!service && !workload && !pod && !container && job && !exporter && !job.includes('/')) service = job;
  // On Kubernetes a node hosts unrelated neighbours: it is what is affected only for node-level
  // alerts; for a workload's alert it stays a detail (`node`), never a key.
  let node: string | undefined;
  if (kubernetes && host && (service || workload || pod || container)) {
    node = host;
    host = undefined;
  }
  // A Grafana rule over CloudWatch is labelled by the dimensions of its series.
  const aws = !service && !workload && hasCloudWatchDimensions(labels) ? entitiesFromCloudWatchDimensions(labels) : {};
  return clean({
    ...aws,
    scope: host && NODE_DOWN_ALERTS.test(l('alertname') ?? '') ? 'node-down' : undefined,
    folder: l('grafana_folder'),
    service: service ?? aws.service,
    workload,
    pod,
    container,
    namespace,
    host: host ?? aws.host,
    node,
    endpoint,
    cluster: l('cluster') ?? l('k8s_cluster') ?? l('cluster_name') ?? aws.cluster,
    environment: l('environment') ?? l('env') ?? aws.environment,
    region: l('region'),
    job,
  });
}
