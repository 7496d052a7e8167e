import { AlertState, IncidentState } from '@mozaic/correlation';
import { suppressed } from '../../silences/matching/silence-matcher';
import { IncidentStatus, NotificationEvent, Severity, severityRank, UpdateChange } from '@mozaic/contracts';

/** What notifications compare: an incident as loaded at the start of the transaction. */
export interface IncidentSnapshot {
  status: IncidentStatus;
  severity: Severity;
  members: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  mergedInto: string | null;
  /** Every firing member silenced: it notifies nobody. */
  suppressed: boolean;
}

export function snapshot(i: IncidentState, members: AlertState[]): IncidentSnapshot {
  return {
    suppressed: suppressed(members),
    status: i.status,
    severity: i.severity,
    members: i.memberIds.length,
    acknowledgedAt: i.acknowledgedAt,
    resolvedAt: i.resolvedAt,
    mergedInto: i.mergedInto,
  };
}

/** A change that notifies; `key` makes it unique per incident (and channel) in the outbox. */
export interface DetectedChange {
  event: NotificationEvent;
  change: UpdateChange | null;
  key: string;
  previousSeverity: Severity | null;
}

const change = (
  event: NotificationEvent,
  key: string,
  extra: Partial<Pick<DetectedChange, 'change' | 'previousSeverity'>> = {},
): DetectedChange => ({ event, key, change: null, previousSeverity: null, ...extra });

/**
 * The notifying changes between an incident as loaded (`before`, absent for a new one) and as it is
 * about to be committed: opened, acknowledged, resolved (a merge resolves the merged one), reopened,
 * and updated — a higher severity, or alerts added. An incident born resolved (a replay of old
 * history) notifies nothing; neither does one already merged away, nor one whose firing alerts are
 * all silenced (suppressed) — until the silence ends while it still fires: then it opens anew.
 */
export function detectChanges(
  before: IncidentSnapshot | undefined,
  after: IncidentSnapshot,
  now: number,
): DetectedChange[] {
  // Silenced: it notifies nobody; when the silence ends and it still fires, it behaves as new.
  if (after.suppressed) return [];
  if (before?.suppressed)
    return after.status === 'resolved' || after.mergedInto ? [] : [change('incident.opened', `unsilenced:${now}`)];
  if (!before) return after.status === 'resolved' || after.mergedInto ? [] : [change('incident.opened', 'opened')];
  if (before.mergedInto) return [];
  if (after.mergedInto)
    return before.status === 'resolved' ? [] : [change('incident.resolved', `merged:${after.mergedInto}`)];
  if (before.status === 'resolved')
    return after.status === 'resolved' ? [] : [change('incident.reopened', `reopened:${before.resolvedAt ?? 0}`)];
  if (after.status === 'resolved') return [change('incident.resolved', `resolved:${after.resolvedAt ?? 0}`)];
  const out: DetectedChange[] = [];
  if (before.status === 'open' && after.status === 'acknowledged')
    out.push(change('incident.acknowledged', `acknowledged:${after.acknowledgedAt ?? 0}`));
  if (severityRank(after.severity) > severityRank(before.severity))
    out.push(
      change('incident.updated', `severity:${before.severity}>${after.severity}:${now}`, {
        change: 'severity_raised',
        previousSeverity: before.severity,
      }),
    );
  else if (after.members > before.members)
    out.push(change('incident.updated', `alerts:${now}`, { change: 'alerts_added' }));
  return out;
}
