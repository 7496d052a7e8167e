import { MembershipReason, severityRank, SignalSource } from '@mozaic/contracts';
import { atLeast, maxSeverity } from '../severity';
import { AlertState, IncidentState } from './model';
import { incidentTitle } from './title';

export function newIncident(
  id: string,
  groupingKey: string,
  first: AlertState,
  at: number,
  previousIncidentId: string | null,
): IncidentState {
  return {
    id,
    groupingKey,
    status: 'open',
    severity: first.severity,
    title: first.title,
    sources: [first.source],
    startedAt: at,
    lastSeen: at,
    acknowledgedAt: null,
    resolvedAt: null,
    previousIncidentId,
    mergedInto: null,
    memberIds: [],
    keySpans: {},
    context: { ...first.context },
    templates: {},
    reasons: {},
  };
}

/** Records one firing occurrence of a member at time `at`. */
export function addOccurrence(incident: IncidentState, alert: AlertState, at: number, reason?: MembershipReason): void {
  if (!incident.memberIds.includes(alert.id)) {
    incident.memberIds.push(alert.id);
    for (const t of alert.templates) incident.templates[t] = (incident.templates[t] ?? 0) + 1;
    if (reason) incident.reasons[alert.id] = reason;
  }
  for (const k of alert.keys) {
    const span = incident.keySpans[k];
    incident.keySpans[k] = span ? [Math.min(span[0], at), Math.max(span[1], at)] : [at, at];
  }
  for (const [k, v] of Object.entries(alert.context)) incident.context[k] ??= v;
  incident.startedAt = Math.min(incident.startedAt, at);
  incident.lastSeen = Math.max(incident.lastSeen, at);
}

/**
 * The incident's severity (the rules, also in the README):
 * 1. the highest severity of its members;
 * 2. a crash loop or an OOM kill makes it at least high (a workload is down, whatever the rule said);
 * 3. corroboration raises one step, at most to high: three or more sources each reporting at least
 *    medium. Warnings do not add up to critical — only a member that says critical makes it critical.
 */
export function incidentSeverity(members: AlertState[]) {
  let s = maxSeverity(members.map((m) => m.severity));
  if (members.some((m) => m.kind === 'crashloop' || m.kind === 'oom')) s = atLeast(s, 'high');
  const agreeing = new Set(
    members.filter((m) => severityRank(m.severity) >= severityRank('medium')).map((m) => m.source),
  );
  if (agreeing.size >= 3 && severityRank(s) < severityRank('high')) s = 'high';
  return s;
}

/** Severity, sources and title from the current members. */
export function refresh(incident: IncidentState, members: AlertState[]): void {
  incident.severity = incidentSeverity(members);
  const sources: SignalSource[] = [];
  for (const m of [...members].sort((a, b) => a.firstSeen - b.firstSeen))
    if (!sources.includes(m.source)) sources.push(m.source);
  incident.sources = sources;
  incident.title = incidentTitle(incident, members);
}
