import { AlertStatus, IncidentStatus, Severity, SignalSource } from './enums';
import { EntityLabels } from './signals';

/** Why an alert belongs to its incident: the evidence a person can read. */
export interface MembershipReason {
  /** Entity keys shared with the incident, e.g. ["service=checkout"]. */
  matched_entities: string[];
  /** Seconds between this alert and the nearest earlier member (0 for the first). */
  time_distance_s: number;
  /** Log templates this alert shares with other members. */
  shared_templates: string[];
  /** A sentence for people. */
  summary: string;
}

export interface Alert {
  id: string;
  fingerprint: string;
  source: SignalSource;
  source_ref: string | null;
  title: string;
  /** A short name, e.g. "CrashLoopBackOff" or the alarm name. */
  label: string;
  severity: Severity;
  status: AlertStatus;
  count: number;
  first_seen: string;
  last_seen: string;
  entities: EntityLabels;
  link: string | null;
  /** Silences that held it at its latest occurrence (ids). */
  silenced_by: string[];
  /** Firing alerts that inhibited it (inhibition rules). */
  inhibited_by: string[];
}

export interface IncidentMember extends Alert {
  reason: MembershipReason;
  /** What keeps it quiet, in words: a silence (its comment, who, until when), a maintenance window, an inhibiting alert. */
  held_because: string[];
}

/** An incident as listed; the original MOZAIC fields first. */
export interface IncidentSummary {
  id: string;
  project_id: string;
  source: string;
  severity: Severity;
  title: string;
  timestamp: string;
  resolved: boolean;
  status: IncidentStatus;
  sources: SignalSource[];
  alert_count: number;
  signal_count: number;
  last_seen: string;
  created_at: string;
  updated_at: string;
  /** Every firing alert of it is silenced: it notifies nobody and is listed only when asked for. */
  suppressed: boolean;
}

/** One recent signal of an incident, newest first in logs_json (the original field). */
export interface IncidentLogLine {
  at: string;
  source: string;
  status: string;
  title: string;
  message: string;
}

/** How the incident was correlated (kept in correlation_data). */
export interface CorrelationData {
  /** Per entity key (e.g. "service:checkout"): first and last occurrence of members carrying it. */
  key_spans?: Record<string, [string, string]>;
  /** Context the members agree on (namespace, environment, cluster, region). */
  context?: Record<string, string>;
  /** Log template id → number of member alerts showing it. */
  templates?: Record<string, number>;
  /** Set when another incident absorbed this one. */
  merged_into?: string | null;
  /** The correlation window in force, seconds. */
  window_s?: number;
  /** Why each member alert (by id) belongs here; the same as alerts[].reason. */
  reasons?: Record<string, MembershipReason>;
}

/** A log template seen in the incident's signals (the miner's cluster). */
export interface LogTemplate {
  id: string;
  template: string;
  /** Messages of the project that matched it. */
  count: number;
  /** Member alerts of this incident that showed it. */
  alerts: number;
  examples: string[];
  first_seen: string;
  last_seen: string;
}

export interface IncidentDetail extends IncidentSummary {
  logs_json: IncidentLogLine[];
  correlation_data: CorrelationData;
  acknowledged_at: string | null;
  resolved_at: string | null;
  previous_incident_id: string | null;
  alerts: IncidentMember[];
  templates: LogTemplate[];
}

export interface ListIncidentsQuery {
  severity?: Severity | Severity[];
  status?: IncidentStatus | IncidentStatus[];
  source?: SignalSource;
  /** ISO times, inclusive from, exclusive to, on the incident timestamp. */
  from?: string;
  to?: string;
  /** Case-insensitive text search on the title. */
  q?: string;
  limit?: number;
  /** Opaque cursor from the previous page's X-Next-Cursor header. */
  cursor?: string;
  /** true: only suppressed incidents (all their firing alerts silenced); absent: they are left out. */
  suppressed?: boolean;
}

/** One signal of an incident (GET /incidents/{id}/signals): the timeline's points and the raw payloads. */
export interface IncidentSignal {
  id: string;
  alert_id: string | null;
  source: SignalSource;
  occurred_at: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  /** The payload as the source sent it. */
  raw: unknown;
}

/** POST /incidents/{id}/merge: this incident is folded into `into`. */
export interface MergeIncidentRequest {
  into: string;
}

/** POST /incidents/{id}/alerts/{alert_id}/move: exactly one of `to` and `new: true`. */
export interface MoveAlertRequest {
  to?: string;
  new?: true;
}

/** A project rule learned from a correction (GET /projects/{id}/correlation-rules). */
export interface CorrelationRuleView {
  id: string;
  key_a: string;
  key_b: string;
  relation: 'together' | 'apart';
  learned_from: string;
  created_at: string;
}

/** POST /projects/{id}/correlation-rules: a dependency (together) or a separation (apart) a person declares. */
export interface DeclareRuleRequest {
  key_a: string;
  key_b: string;
  relation: 'together' | 'apart';
}

/**
 * The source filter's rule, for the API's query and the portal's live list alike: an incident
 * belongs to a source when one of its members came from it.
 */
export function incidentHasSource(i: Pick<IncidentSummary, 'sources'>, source: SignalSource): boolean {
  return (i.sources as readonly string[]).includes(source);
}
