import { normalizeSeverity } from '@mozaic/correlation';
import { EntityLabels, Signal } from '@mozaic/contracts';
import { arr, clip, isoTime, Json, obj, str } from '../../../common/json/read';

/** Alertmanager / Grafana label names → the common entity model. */
export function entitiesFromLabels(labels: Record<string, Json>): EntityLabels {
  const l = (k: string) => str(labels, k);
  const instance = l('instance')?.replace(/:\d+$/, '');
  return clean({
    service: l('service') ?? l('app') ?? l('app_kubernetes_io_name') ?? l('application'),
    workload: l('deployment') ?? l('statefulset') ?? l('daemonset') ?? l('workload'),
    pod: l('pod'),
    container: l('container'),
    namespace: l('namespace'),
    host: l('host') ?? l('node') ?? l('hostname') ?? instance,
    cluster: l('cluster'),
    environment: l('environment') ?? l('env'),
    region: l('region'),
    job: l('job'),
  });
}

export function clean(e: Record<string, string | undefined>): EntityLabels {
  const out: EntityLabels = {};
  for (const [k, v] of Object.entries(e)) if (v) out[k] = clip(v, 200);
  return out;
}

/**
 * Prometheus Alertmanager webhook (version 4), and Grafana's alerting webhook, which carries the
 * same alerts array: one signal per alert, keyed by the alert's fingerprint.
 */
export function mapAlertmanager(
  projectId: string,
  payload: Json,
  source: 'alertmanager' | 'grafana' = 'alertmanager',
): Signal[] {
  const signals: Signal[] = [];
  for (const a of arr(payload, 'alerts')) {
    const labels = obj(a, 'labels') ?? {};
    const annotations = obj(a, 'annotations') ?? {};
    const status = str(a, 'status') === 'resolved' ? 'resolved' : 'firing';
    const occurredAt = (status === 'resolved' ? isoTime(str(a, 'endsAt')) : undefined) ?? isoTime(str(a, 'startsAt'));
    const alertname = str(labels, 'alertname') ?? str(labels, '__alert_rule_title__') ?? 'alert';
    if (!occurredAt) continue;
    const summary = str(annotations, 'summary') ?? str(annotations, 'description') ?? alertname;
    const fp = str(a, 'fingerprint');
    signals.push({
      projectId,
      source,
      sourceRef: fp ? clip(fp, 200) : null,
      occurredAt,
      severity: normalizeSeverity(source, str(labels, 'severity') ?? str(labels, 'priority')),
      status,
      title: clip(`${alertname}: ${summary}`, 500),
      label: clip(alertname, 100),
      kind: 'alert',
      message: clip(str(annotations, 'description') ?? summary, 4000),
      entities: entitiesFromLabels(labels),
      link: str(a, 'generatorURL') ?? str(a, 'panelURL') ?? str(a, 'dashboardURL') ?? null,
      raw: a,
    });
  }
  return signals;
}
