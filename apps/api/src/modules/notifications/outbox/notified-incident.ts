import { AlertState, IncidentState } from '@mozaic/correlation';
import { NotifiedIncident } from '@mozaic/contracts';
import { IncidentLabels } from '../routing/label-matcher';

const MAX_VALUES = 20;
const MAX_WHY = 3;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** Distinct values, in order of first appearance, at most MAX_VALUES. */
function distinct(values: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) if (v && out.size < MAX_VALUES) out.add(v);
  return [...out];
}

/** What routing rules match on: every entity name of the members, plus `source` and `severity`. */
export function incidentLabels(incident: IncidentState, members: AlertState[]): IncidentLabels {
  const labels: Record<string, Array<string | undefined>> = {
    source: [...incident.sources],
    severity: [incident.severity],
  };
  for (const a of members) for (const [k, v] of Object.entries(a.entities)) (labels[k] ??= []).push(v);
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, distinct(v)]));
}

/** The incident as a notification shows it (see NotifiedIncident in the contracts). */
export function notifiedIncident(
  incident: IncidentState,
  members: AlertState[],
  projectId: string,
  portalUrl: string,
): NotifiedIncident {
  const why = distinct(incident.memberIds.map((id) => incident.reasons[id]?.summary)).slice(0, MAX_WHY);
  return {
    id: incident.id,
    project_id: projectId,
    url: `${portalUrl}/project/${projectId}/incidents/${incident.id}`,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    sources: [...incident.sources],
    services: distinct(members.map((a) => a.entities.service)),
    namespaces: distinct(members.map((a) => a.entities.namespace)),
    hosts: distinct(members.map((a) => a.entities.host)),
    alert_count: incident.memberIds.length,
    signal_count: members.reduce((n, a) => n + a.count, 0),
    started_at: new Date(incident.startedAt).toISOString(),
    last_seen: new Date(incident.lastSeen).toISOString(),
    acknowledged_at: iso(incident.acknowledgedAt),
    resolved_at: iso(incident.resolvedAt),
    why,
  };
}
