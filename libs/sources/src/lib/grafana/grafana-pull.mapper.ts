import { Signal } from '@mozaic/contracts';
import { arr, Json, obj, str } from '../json/read';
import { mapAlertmanager } from '../alertmanager/alertmanager.mapper';

/** What the cursor keeps of a firing instance, to report it resolved once it is gone. */
export interface FiringInstance {
  labels: Record<string, string>;
  startsAt: string;
  generatorURL?: string;
}

/** Active, not silenced alert instances of GET /api/alertmanager/grafana/api/v2/alerts. */
export function activeInstances(body: Json): Map<string, FiringInstance & { raw: Json }> {
  const out = new Map<string, FiringInstance & { raw: Json }>();
  for (const a of arr(body)) {
    const state = str(a, 'status', 'state') ?? 'active';
    const fp = str(a, 'fingerprint');
    const startsAt = str(a, 'startsAt');
    if (state !== 'active' || !fp || !startsAt) continue;
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(a, 'labels') ?? {})) if (typeof v === 'string') labels[k] = v;
    out.set(fp, { labels, startsAt, generatorURL: str(a, 'generatorURL'), raw: a });
  }
  return out;
}

/** Firing instances as signals, and instances gone since the last poll as resolved ones. */
export function grafanaSignals(
  projectId: string,
  firing: Map<string, FiringInstance & { raw: Json }>,
  before: Record<string, FiringInstance>,
  now: Date,
): Signal[] {
  const alerts: Json[] = [];
  for (const [fp, a] of firing) alerts.push({ ...(a.raw as Record<string, Json>), status: 'firing', fingerprint: fp });
  for (const [fp, a] of Object.entries(before)) {
    if (firing.has(fp)) continue;
    alerts.push({
      status: 'resolved',
      fingerprint: fp,
      labels: a.labels,
      annotations: {},
      startsAt: a.startsAt,
      endsAt: now.toISOString(),
      generatorURL: a.generatorURL ?? null,
    });
  }
  return mapAlertmanager(projectId, { alerts }, 'grafana');
}

/** Rule states from GET /api/prometheus/grafana/api/v1/rules: how many rules are firing, of how many. */
export function ruleSummary(body: Json): { rules: number; firing: number } {
  let rules = 0;
  let firing = 0;
  for (const g of arr(body, 'data', 'groups'))
    for (const r of arr(g, 'rules')) {
      rules++;
      const s = (str(r, 'state') ?? '').toLowerCase();
      if (s === 'firing' || s === 'alerting') firing++;
    }
  return { rules, firing };
}
