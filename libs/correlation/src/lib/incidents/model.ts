import {
  AlertStatus,
  EntityLabels,
  IncidentStatus,
  MembershipReason,
  Severity,
  SignalKind,
  SignalSource,
} from '@mozaic/contracts';

/** Times are epoch milliseconds of when things happened at the source. */
export interface AlertState {
  id: string;
  fingerprint: string;
  source: SignalSource;
  sourceRef: string | null;
  title: string;
  label: string;
  kind: SignalKind | null;
  severity: Severity;
  status: AlertStatus;
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** When it last turned resolved (null while firing). */
  resolvedAt: number | null;
  entities: EntityLabels;
  /** The source's own labels, latest occurrence first (what silences match on besides entities). */
  labels?: Record<string, string>;
  /** Silences matching it at its latest occurrence (decided outside the engine, kept with it). */
  silencedBy?: string[];
  /** Firing alerts that inhibit it (inhibition rules; decided outside the engine, kept with it). */
  inhibitedBy?: string[];
  keys: string[];
  context: Record<string, string>;
  /** Log templates seen in its signals. */
  templates: string[];
  link: string | null;
  /** The incident it belongs to now (null: none, e.g. resolved before anything fired). */
  incidentId: string | null;
}

export interface IncidentState {
  id: string;
  groupingKey: string;
  status: IncidentStatus;
  severity: Severity;
  title: string;
  sources: SignalSource[];
  /** Earliest member occurrence. */
  startedAt: number;
  lastSeen: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  previousIncidentId: string | null;
  /** When it was folded into another incident that an alert connected it to. */
  mergedInto: string | null;
  memberIds: string[];
  /** Per strong entity key: first and last occurrence among the members that carry it. */
  keySpans: Record<string, [number, number]>;
  context: Record<string, string>;
  /** Template id → number of member alerts showing it. */
  templates: Record<string, number>;
  reasons: Record<string, MembershipReason>;
}

export interface CorrelationOptions {
  /** Alerts join an incident when within this distance of a member sharing an entity (ms). */
  windowMs: number;
  /** Alerts sharing only a weak (system) key join when they start within this of a member (ms). */
  burstMs: number;
  /**
   * An incident with no new occurrence for this long is dormant: an alert that merely keeps firing
   * (a dead-letter queue left full) no longer draws new alerts into it (ms).
   */
  dormantAfterMs: number;
  /** All members resolved for this long: the incident resolves itself (ms). */
  quietPeriodMs: number;
  /**
   * Alerts whose source never says "resolved" (Kubernetes events, Sentry errors, OOM kills, logs)
   * count as resolved once they have not recurred for this long (ms).
   */
  staleAfterMs: number;
}

export const DEFAULT_OPTIONS: CorrelationOptions = {
  windowMs: 10 * 60_000,
  burstMs: 5 * 60_000,
  dormantAfterMs: 60 * 60_000,
  quietPeriodMs: 5 * 60_000,
  staleAfterMs: 30 * 60_000,
};

/** Sources and kinds that report occurrences but never their end. */
export function endsSilently(a: Pick<AlertState, 'source' | 'kind'>): boolean {
  return a.source === 'kubernetes' || a.kind === 'error' || a.kind === 'oom' || a.kind === 'log' || a.kind === 'event';
}

/** What one signal did, for persistence and live updates. */
export interface CorrelationOutcome {
  alertId: string;
  /** False for a redelivery: nothing changed. */
  changed: boolean;
  incidentId: string | null;
  action: 'duplicate' | 'alert-updated' | 'created' | 'joined' | 'reopened' | 'merged' | 'none';
  /** Incidents whose rows changed (including ones merged away). */
  touchedIncidents: string[];
}
