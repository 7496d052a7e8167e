import { AlertState, entityProfile, IncidentState } from '@mozaic/correlation';
import { CorrelationData, IncidentLogLine, MembershipReason } from '@mozaic/contracts';
import { suppressed } from '../../silences/matching/silence-matcher';
import { AlertEntity } from '../entities/alert.entity';
import { IncidentEntity } from '../entities/incident.entity';

const ms = (d: Date | null) => (d ? d.getTime() : null);
const iso = (t: number) => new Date(t).toISOString();

export function alertFromRow(r: AlertEntity): AlertState {
  const profile = entityProfile(r.entities);
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    source: r.source,
    sourceRef: r.sourceRef,
    title: r.title,
    label: r.label || r.title,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    count: r.count,
    firstSeen: r.firstSeen.getTime(),
    lastSeen: r.lastSeen.getTime(),
    resolvedAt: ms(r.resolvedAt),
    entities: r.entities,
    labels: r.labels,
    silencedBy: r.silencedBy,
    inhibitedBy: r.inhibitedBy,
    keys: profile.keys,
    context: profile.context,
    templates: r.templates,
    link: r.link,
    incidentId: r.incidentId,
  };
}

export function alertToRow(a: AlertState, projectId: string): Partial<AlertEntity> {
  return {
    id: a.id,
    projectId,
    fingerprint: a.fingerprint,
    source: a.source,
    sourceRef: a.sourceRef,
    title: a.title.slice(0, 500),
    label: a.label.slice(0, 100),
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    count: a.count,
    firstSeen: new Date(a.firstSeen),
    lastSeen: new Date(a.lastSeen),
    resolvedAt: a.resolvedAt === null ? null : new Date(a.resolvedAt),
    entities: a.entities,
    labels: a.labels ?? {},
    silencedBy: a.silencedBy ?? [],
    inhibitedBy: a.inhibitedBy ?? [],
    templates: a.templates,
    link: a.link,
    incidentId: a.incidentId,
  };
}

export function incidentFromRow(
  r: IncidentEntity,
  memberIds: string[],
  reasons: Record<string, MembershipReason>,
): IncidentState {
  const data = r.correlationData;
  const spans: Record<string, [number, number]> = {};
  for (const [k, [a, b]] of Object.entries(data.key_spans ?? {})) spans[k] = [Date.parse(a), Date.parse(b)];
  return {
    id: r.id,
    groupingKey: r.groupingKey,
    status: r.status,
    severity: r.severity,
    title: r.title,
    sources: r.sources,
    startedAt: r.timestamp.getTime(),
    lastSeen: r.lastSeen.getTime(),
    acknowledgedAt: ms(r.acknowledgedAt),
    resolvedAt: ms(r.resolvedAt),
    previousIncidentId: r.previousIncidentId,
    mergedInto: data.merged_into ?? null,
    memberIds,
    keySpans: spans,
    context: data.context ?? {},
    templates: data.templates ?? {},
    reasons,
  };
}

export function incidentToRow(
  i: IncidentState,
  projectId: string,
  members: AlertState[],
  logs: IncidentLogLine[],
  windowS: number,
): Partial<IncidentEntity> {
  const spans: Record<string, [string, string]> = {};
  for (const [k, [a, b]] of Object.entries(i.keySpans)) spans[k] = [iso(a), iso(b)];
  const data: CorrelationData = {
    key_spans: spans,
    context: i.context,
    templates: i.templates,
    merged_into: i.mergedInto,
    reasons: Object.fromEntries(i.memberIds.map((id) => [id, i.reasons[id]]).filter(([, r]) => r)),
    window_s: windowS,
  };
  return {
    id: i.id,
    projectId,
    source: i.sources.length === 1 ? i.sources[0] : i.sources.length === 0 ? 'unknown' : 'multiple',
    sources: i.sources,
    severity: i.severity,
    title: i.title.slice(0, 500),
    status: i.status,
    groupingKey: i.groupingKey,
    timestamp: new Date(i.startedAt),
    lastSeen: new Date(i.lastSeen),
    logsJson: logs,
    correlationData: data,
    alertCount: i.memberIds.length,
    signalCount: members.reduce((n, m) => n + m.count, 0),
    suppressed: suppressed(members),
    acknowledgedAt: i.acknowledgedAt === null ? null : new Date(i.acknowledgedAt),
    resolvedAt: i.resolvedAt === null ? null : new Date(i.resolvedAt),
    previousIncidentId: i.previousIncidentId,
  };
}
