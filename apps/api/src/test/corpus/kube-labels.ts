import { Labels } from './payloads';

/**
 * Label sets exactly as kube-prometheus-stack's rules produce them (kubernetes-mixin alerts,
 * ServiceMonitor target labels of release "kps"), so that the exporter's labels sit beside the
 * workload's as they do in a real cluster.
 */
const PROMETHEUS = { prometheus: 'monitoring/kps-prometheus' };
const RUNBOOK = 'https://runbooks.prometheus-operator.dev/runbooks';

export interface Alert {
  labels: Labels;
  annotations: Record<string, string>;
}

function withRunbook(group: string, alertname: string, summary: string, description: string): Record<string, string> {
  return { summary, description, runbook_url: `${RUNBOOK}/${group}/${alertname.toLowerCase()}` };
}

/** A kube-state-metrics alert about a pod: honorLabels keeps the pod's own pod/container. */
export function ksmPod(
  alertname: string,
  severity: string,
  ns: string,
  pod: string,
  container: string,
  extra: Labels = {},
): Alert {
  return {
    labels: {
      alertname,
      severity,
      namespace: ns,
      pod,
      container,
      job: 'kube-state-metrics',
      service: 'kps-kube-state-metrics',
      instance: '10.244.2.17:8080',
      endpoint: 'http',
      ...extra,
      ...PROMETHEUS,
    },
    annotations: withRunbook(
      'kubernetes',
      alertname,
      alertname === 'KubePodCrashLooping' ? 'Pod is crash looping.' : 'Container is waiting or not ready.',
      `Pod ${ns}/${pod} (${container}) is in waiting state (reason: "${extra['reason'] ?? 'CrashLoopBackOff'}").`,
    ),
  };
}

/** A kube-state-metrics alert about an object (deployment, statefulset, hpa, job, node): the target's pod/container are the exporter's. */
export function ksmObject(alertname: string, severity: string, ns: string, object: Labels, summary: string): Alert {
  const [kind, name] = Object.entries(object)[0] ?? ['object', '?'];
  return {
    labels: {
      alertname,
      severity,
      ...(ns ? { namespace: ns } : {}),
      ...object,
      job: 'kube-state-metrics',
      service: 'kps-kube-state-metrics',
      instance: '10.244.2.17:8080',
      endpoint: 'http',
      container: 'kube-state-metrics',
      pod: 'kps-kube-state-metrics-6b7d9c8f5-lq8zt',
      ...PROMETHEUS,
    },
    annotations: withRunbook('kubernetes', alertname, summary, `${kind} ${ns ? `${ns}/` : ''}${name}: ${summary}`),
  };
}

/** A kubelet volume alert: the PVC's namespace, the kubelet target's node, instance and service. */
export function kubeletVolume(
  alertname: string,
  severity: string,
  ns: string,
  pvc: string,
  node: string,
  nodeIp: string,
): Alert {
  return {
    labels: {
      alertname,
      severity,
      namespace: ns,
      persistentvolumeclaim: pvc,
      job: 'kubelet',
      service: 'kps-kubelet',
      metrics_path: '/metrics',
      endpoint: 'https-metrics',
      instance: `${nodeIp}:10250`,
      node,
      ...PROMETHEUS,
    },
    annotations: withRunbook(
      'kubernetes',
      alertname,
      'PersistentVolume is filling up.',
      `The PersistentVolume claimed by ${pvc} in Namespace ${ns} is only 7.3% free.`,
    ),
  };
}

/** A node-exporter alert: the node shows only as the target's instance; pod/container are the exporter's. */
export function nodeExporter(
  alertname: string,
  severity: string,
  nodeIp: string,
  mountpoint: string,
  exporterPod: string,
): Alert {
  return {
    labels: {
      alertname,
      severity,
      instance: `${nodeIp}:9100`,
      job: 'node-exporter',
      service: 'kps-prometheus-node-exporter',
      namespace: 'monitoring',
      pod: exporterPod,
      container: 'node-exporter',
      endpoint: 'http-metrics',
      device: '/dev/nvme0n1p1',
      fstype: 'xfs',
      mountpoint,
      ...PROMETHEUS,
    },
    annotations: withRunbook(
      'node',
      alertname,
      'Filesystem is predicted to run out of space within the next 24 hours.',
      `Filesystem on /dev/nvme0n1p1, mounted on ${mountpoint}, at ${nodeIp}:9100 has only 12.04% available space left and is filling up.`,
    ),
  };
}

/** cAdvisor's CPUThrottlingHigh (summed by container, pod, namespace). */
export function cpuThrottling(ns: string, pod: string, container: string): Alert {
  return {
    labels: { alertname: 'CPUThrottlingHigh', severity: 'info', namespace: ns, pod, container, ...PROMETHEUS },
    annotations: withRunbook(
      'kubernetes',
      'CPUThrottlingHigh',
      'Processes experience elevated CPU throttling.',
      `41.2% throttling of CPU in namespace ${ns} for container ${container} in pod ${pod}.`,
    ),
  };
}

/** An alert of the application's own rules, scraped through its ServiceMonitor. */
export function appAlert(
  alertname: string,
  severity: string,
  ns: string,
  service: string,
  summary: string,
  pod?: string,
): Alert {
  return {
    labels: {
      alertname,
      severity,
      namespace: ns,
      service,
      job: service,
      ...(pod ? { pod, container: service, instance: '10.244.1.23:8080', endpoint: 'http-metrics' } : {}),
      ...PROMETHEUS,
    },
    annotations: { summary, description: `${summary} (${service} in ${ns}).` },
  };
}

/** A blackbox-exporter probe through a Probe object: the instance is the probed URL. */
export function probeFailed(ns: string, url: string, probe: string): Alert {
  return {
    labels: {
      alertname: 'ProbeFailed',
      severity: 'critical',
      instance: url,
      job: `probe/${ns}/${probe}`,
      namespace: ns,
      ...PROMETHEUS,
    },
    annotations: { summary: 'Probe failed', description: `Probe of ${url} failed (probe_success == 0).` },
  };
}

/** The always-firing heartbeat, and the InfoInhibitor meta alert of kube-prometheus-stack. */
export function watchdog(): Alert {
  return {
    labels: { alertname: 'Watchdog', severity: 'none', ...PROMETHEUS },
    annotations: withRunbook(
      'general',
      'Watchdog',
      'An alert that should always be firing to certify that Alertmanager is working properly.',
      'This is an alert meant to ensure that the entire alerting pipeline is functional.',
    ),
  };
}

export function infoInhibitor(ns: string): Alert {
  return {
    labels: { alertname: 'InfoInhibitor', severity: 'none', namespace: ns, ...PROMETHEUS },
    annotations: withRunbook(
      'general',
      'InfoInhibitor',
      'Info-level alert inhibition.',
      'This is an alert that is used to inhibit info alerts.',
    ),
  };
}

export function clusterAlert(alertname: string, summary: string): Alert {
  return {
    labels: { alertname, severity: 'warning', ...PROMETHEUS },
    annotations: withRunbook('kubernetes', alertname, summary, `Cluster ${summary.toLowerCase()}`),
  };
}
