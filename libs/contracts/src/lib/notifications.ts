import { IncidentStatus, Severity, SignalSource } from './enums';

/** Where a notification can go. */
export const CHANNEL_TYPES = ['slack', 'teams', 'webhook', 'email', 'pagerduty', 'opsgenie'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The changes of an incident that notify (the generic webhook's `type`). */
export const NOTIFICATION_EVENTS = [
  'incident.opened',
  'incident.updated',
  'incident.acknowledged',
  'incident.resolved',
  'incident.reopened',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** What an `incident.updated` is about: alerts added (batched per group interval), or a higher severity. */
export type UpdateChange = 'alerts_added' | 'severity_raised';

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'superseded'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * The incident as a notification shows it, taken when the change was committed. This is the
 * generic webhook's `incident` object: fields are only ever added to it.
 */
export interface NotifiedIncident {
  id: string;
  project_id: string;
  /** The incident's page in the portal. */
  url: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  sources: SignalSource[];
  services: string[];
  namespaces: string[];
  hosts: string[];
  alert_count: number;
  signal_count: number;
  started_at: string;
  last_seen: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  /** The top of "why grouped": one line per member alert, most telling first. */
  why: string[];
}

/** The body the generic webhook receives (signed, see X-Mozaic-Signature). */
export interface NotificationBody {
  /** The notification's id: the same on a re-sent delivery, so receivers can de-duplicate. */
  id: string;
  type: NotificationEvent;
  /** Set on incident.updated. */
  change: UpdateChange | null;
  /** On a raised severity: the one before. */
  previous_severity: Severity | null;
  /** When the change was committed. */
  occurred_at: string;
  incident: NotifiedIncident;
}

/** Label matchers like Alertmanager's (`=~`/`!~`: RE2 syntax, anchored). */
export const MATCH_OPERATORS = ['=', '!=', '=~', '!~'] as const;
export type MatchOperator = (typeof MATCH_OPERATORS)[number];

export interface LabelMatcher {
  /** An entity (service, namespace, host, cluster, …), `source`, or any label of a member alert. */
  name: string;
  op: MatchOperator;
  value: string;
}

export interface ChannelLastResult {
  at: string;
  ok: boolean;
  /** The receiver's HTTP status, or null when it was not reached. */
  status: number | null;
  /** What the receiver answered (cut), or why it was not reached. */
  answer: string;
}

/** Per type: `slack`/`teams` {url}; `webhook` {url}; `email` {to: [...]}; `pagerduty` {routing_key, url?}; `opsgenie` {api_key, url?}. */
export type ChannelSettings = Record<string, string | string[] | undefined>;

export interface ChannelView {
  id: string;
  project_id: string;
  name: string;
  type: ChannelType;
  enabled: boolean;
  /** Settings that are not secret, and each secret masked (e.g. "https://hooks.slack.com/…abcd"). */
  settings: Record<string, string | string[]>;
  last_result: ChannelLastResult | null;
  created_at: string;
  updated_at: string;
}

export interface CreateChannelRequest {
  name: string;
  type: ChannelType;
  settings: ChannelSettings;
  enabled?: boolean;
}

/** A generic webhook channel's answer on creation (and rotation) carries its signing secret, once. */
export interface CreatedChannelView extends ChannelView {
  signing_secret?: string;
}

export interface UpdateChannelRequest {
  name?: string;
  enabled?: boolean;
  /** Replaces the settings; a secret left out is kept. */
  settings?: ChannelSettings;
}

export interface ChannelTestResult {
  ok: boolean;
  status: number | null;
  answer: string;
  duration_ms: number;
}

/** A routing rule; rules are tried by position, like Alertmanager's routes. */
export interface RouteView {
  id: string;
  project_id: string;
  name: string;
  position: number;
  /** Matches an incident of at least this severity (null: any). */
  severity_at_least: Severity | null;
  /** The changes it matches (empty: all). */
  events: NotificationEvent[];
  matchers: LabelMatcher[];
  channel_ids: string[];
  /** After a match, go on trying the next rules (else stop). */
  continue: boolean;
  /** The default route: used when no other rule matched. */
  is_default: boolean;
  created_at: string;
}

export interface CreateRouteRequest {
  name: string;
  position?: number;
  severity_at_least?: Severity | null;
  events?: NotificationEvent[];
  matchers?: LabelMatcher[];
  channel_ids: string[];
  continue?: boolean;
  is_default?: boolean;
}

export type UpdateRouteRequest = Partial<CreateRouteRequest>;

/** One notification: an incident change for one channel, with its delivery state. */
export interface NotificationView {
  id: string;
  project_id: string;
  incident_id: string;
  channel_id: string;
  channel_name: string;
  channel_type: ChannelType;
  event: NotificationEvent;
  change: UpdateChange | null;
  status: NotificationStatus;
  attempts: number;
  /** When it was committed with its change. */
  created_at: string;
  /** When the next attempt is due (pending). */
  due_at: string;
  sent_at: string | null;
  last_error: string | null;
  /** The receiver's answers, oldest first. */
  log: NotificationAttemptView[];
}

export interface NotificationAttemptView {
  at: string;
  status: number | null;
  outcome: 'sent' | 'retry' | 'failed';
  answer: string;
  duration_ms: number;
}
