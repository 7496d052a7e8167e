import { entitiesFromPrometheusLabels, isMetaAlert, normalizeSeverity } from '@mozaic/correlation';
import { EntityLabels, Signal, SignalKind } from '@mozaic/contracts';
import { arr, clip, isoTime, Json, obj, str } from '../json/read';

/** Alertmanager / Grafana labels → the common entity model (see entitiesFromPrometheusLabels). */
export function entitiesFromLabels(labels: Record<string, Json>): EntityLabels {
  const strings: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') strings[k] = v;
  return entitiesFromPrometheusLabels(strings);
}

/** What an alert rule is about, from its name: heartbeats, crash loops and OOM kills. */
export function alertKind(alertname: string): SignalKind {
  if (isMetaAlert(alertname)) return 'meta';
  if (/crash-?loop/i.test(alertname)) return 'crashloop';
  if (/oom/i.test(alertname)) return 'oom';
  return 'alert';
}

/** The string labels, each clipped (what silences match on). */
export function stringLabels(labels: Record<string, Json>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels).slice(0, 64)) if (typeof v === 'string') out[clip(k, 100)] = clip(v, 500);
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
      kind: alertKind(alertname),
      message: clip(str(annotations, 'description') ?? summary, 4000),
      entities: entitiesFromLabels(labels),
      labels: stringLabels(labels),
      link: str(a, 'generatorURL') ?? str(a, 'panelURL') ?? str(a, 'dashboardURL') ?? null,
      raw: a,
    });
  }
  return signals;
}
